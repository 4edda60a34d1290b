import { useState } from 'react';
import { DEVICE_TYPES } from '@intune-assets/contracts';
import { Button, Checkbox, Select, TextField } from '../../components/index.js';
import { ConditionEditor } from './condition-editor.js';
import { newRowKey } from './form-state.js';
import type { CategoryDefaultsForm, CategoryRuleForm, ConnectionForm } from './form-state.js';
import { fieldId } from './issue-paths.js';
import { moveItem, removeAt, replaceAt } from './reorder.js';
import type { SetupSectionProps } from './section-props.js';

const MODE_LABELS = {
  deviceType: 'From the detected device type',
  single: 'One category for all devices',
  field: 'From an Intune field',
  rules: 'By rules (first match wins)',
} as const;

type Classification = ConnectionForm['classification'];

/** Category Mapping: the mode, ordered condition rules (drag or arrows), and defaults per category. */
export function CategoryMappingSection({ form, update, errorFor, reference, scope }: SetupSectionProps) {
  const c = form.classification;
  const setC = (change: Partial<Classification>) => update((f) => ({ ...f, classification: { ...f.classification, ...change } }));
  const categories = reference?.categories.map((x) => x.name) ?? [];
  const fieldNames = scope?.allowed.map((f) => f.name) ?? [];

  return (
    <div className="stack">
      <datalist id="cs-categories">{categories.map((n) => <option key={n} value={n} />)}</datalist>
      <datalist id="cs-intune-fields">{fieldNames.map((n) => <option key={n} value={n} />)}</datalist>
      <div className="cs-grid">
        <Select id={fieldId('classification', 'mode')} label="How the category is chosen" value={c.mode} options={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))} onChange={(e) => setC({ mode: e.target.value as Classification['mode'] })} error={errorFor(fieldId('classification', 'mode'))} />
        <TextField id={fieldId('classification', 'group')} label="Asset group for new categories" value={c.group} onChange={(e) => setC({ group: e.target.value })} error={errorFor(fieldId('classification', 'group'))} list="cs-asset-groups" />
        {c.mode === 'single' && <TextField id={fieldId('classification', 'category')} label="Category" required list="cs-categories" value={c.category} onChange={(e) => setC({ category: e.target.value })} error={errorFor(fieldId('classification', 'category'))} />}
        {c.mode === 'field' && <TextField id={fieldId('classification', 'field')} label="Intune field holding the category name" required list="cs-intune-fields" value={c.field} onChange={(e) => setC({ field: e.target.value })} error={errorFor(fieldId('classification', 'field'))} hint="e.g. deviceCategoryDisplayName; a category is created when missing." />}
        {(c.mode === 'rules' || c.mode === 'field') && <TextField id={fieldId('classification', 'fallback')} label="Fallback category" list="cs-categories" value={c.fallback} onChange={(e) => setC({ fallback: e.target.value })} error={errorFor(fieldId('classification', 'fallback'))} hint="When nothing matches; empty skips the device (no_category)." />}
      </div>
      <datalist id="cs-asset-groups">{(reference?.assetGroups ?? []).map((g) => <option key={g.id} value={g.name} />)}</datalist>
      {c.mode === 'deviceType' && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="cs-subhead">Category per detected device type</legend>
          <div className="cs-grid">
            {DEVICE_TYPES.map((type) => (
              <TextField key={type} id={fieldId('classification', 'deviceTypeCategories', type)} label={`Category for ${type}`} list="cs-categories" value={c.deviceTypeCategories[type]} onChange={(e) => setC({ deviceTypeCategories: { ...c.deviceTypeCategories, [type]: e.target.value } })} error={errorFor(fieldId('classification', 'deviceTypeCategories', type))} />
            ))}
          </div>
        </fieldset>
      )}
      {c.mode === 'rules' && <RuleList rules={c.rules} onChange={(rules) => setC({ rules })} errorFor={errorFor} scope={scope} />}
      <Checkbox id={fieldId('classification', 'keepExistingCategory')} label="Do not update the category of existing assets" checked={c.keepExistingCategory} onChange={(e) => setC({ keepExistingCategory: e.target.checked })} hint="Other fields still sync; only new assets get a category." />
      <CategoryDefaults rows={c.categoryDefaults} onChange={(categoryDefaults) => setC({ categoryDefaults })} errorFor={errorFor} reference={reference} />
    </div>
  );
}

interface RuleListProps {
  readonly rules: readonly CategoryRuleForm[];
  readonly onChange: (rules: readonly CategoryRuleForm[]) => void;
  readonly errorFor: SetupSectionProps['errorFor'];
  readonly scope: SetupSectionProps['scope'];
}

function RuleList({ rules, onChange, errorFor, scope }: RuleListProps) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const move = (from: number, to: number) => {
    onChange(moveItem(rules, from, to));
    const rule = rules[from];
    if (rule !== undefined && to >= 0 && to < rules.length) setAnnouncement(`Rule ${rule.category || from + 1} moved to position ${to + 1} of ${rules.length}.`);
  };
  const duplicates = new Set(rules.map((r) => r.condition.trim()).filter((t, i, all) => t !== '' && all.indexOf(t) !== i));
  return (
    <div className="stack-sm">
      <h3 className="cs-subhead">Rules</h3>
      <p className="small muted" style={{ margin: 0 }}>Evaluated in order; the first rule whose condition is true gives the category. Drag a rule or use its arrows to reorder.</p>
      {errorFor(fieldId('classification', 'rules')) !== undefined && <span className="field-error">{errorFor(fieldId('classification', 'rules'))}</span>}
      <ol className="rule-list" aria-label="Category rules">
        {rules.map((rule, index) => {
          const classes = ['rule-item', dragging === index ? 'dragging' : '', over === index && dragging !== index ? 'drop-target' : ''].filter((x) => x !== '').join(' ');
          return (
            <li
              key={rule.key}
              className={classes}
              aria-label={`Rule ${index + 1}${rule.category === '' ? '' : `: ${rule.category}`}`}
              onDragOver={(e) => { if (dragging !== null) { e.preventDefault(); setOver(index); } }}
              onDrop={(e) => { e.preventDefault(); if (dragging !== null) move(dragging, index); setDragging(null); setOver(null); }}
            >
              <div className="row-between">
                <div className="row">
                  <span
                    className="drag-handle" draggable aria-hidden="true" title="Drag to reorder"
                    onDragStart={(e) => { e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', String(index)); setDragging(index); }}
                    onDragEnd={() => { setDragging(null); setOver(null); }}
                  >⠿</span>
                  <strong>{index + 1}.</strong>
                  <TextField id={fieldId('classification', 'rules', index, 'category')} label="Category" list="cs-categories" value={rule.category} onChange={(e) => onChange(replaceAt(rules, index, { ...rule, category: e.target.value }))} error={errorFor(fieldId('classification', 'rules', index, 'category'))} />
                </div>
                <div className="row">
                  <Button size="sm" aria-label="Move rule up" disabled={index === 0} onClick={() => move(index, index - 1)}>↑</Button>
                  <Button size="sm" aria-label="Move rule down" disabled={index === rules.length - 1} onClick={() => move(index, index + 1)}>↓</Button>
                  <Button size="sm" variant="ghost" aria-label="Remove rule" onClick={() => onChange(removeAt(rules, index))}>Remove</Button>
                </div>
              </div>
              <ConditionEditor
                id={fieldId('classification', 'rules', index, 'condition')} label="Condition" required value={rule.condition} scope={scope}
                onChange={(condition) => onChange(replaceAt(rules, index, { ...rule, condition }))}
                serverError={errorFor(fieldId('classification', 'rules', index, 'condition'))}
              />
              {duplicates.has(rule.condition.trim()) && rules.findIndex((r) => r.condition.trim() === rule.condition.trim()) !== index && (
                <p className="small" style={{ color: 'var(--color-warning, #b45309)', margin: 0 }}>An earlier rule has the same condition, so this rule is never used.</p>
              )}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" role="status">{announcement}</p>
      <div><Button onClick={() => onChange([...rules, { key: newRowKey(), category: '', condition: '' }])}>Add rule</Button></div>
    </div>
  );
}

interface CategoryDefaultsProps {
  readonly rows: readonly CategoryDefaultsForm[];
  readonly onChange: (rows: readonly CategoryDefaultsForm[]) => void;
  readonly errorFor: SetupSectionProps['errorFor'];
  readonly reference: SetupSectionProps['reference'];
}

function CategoryDefaults({ rows, onChange, errorFor, reference }: CategoryDefaultsProps) {
  const inStore = reference?.subStatuses.filter((s) => s.statusKey === 'in_store').map((s) => s.name) ?? [];
  const conditions = reference?.conditions.map((c) => c.name) ?? [];
  const input = (row: CategoryDefaultsForm, index: number, key: 'category' | 'condition' | 'subStatus' | 'site' | 'location' | 'store', label: string, list?: string) => (
    <TextField
      id={fieldId('classification', 'categoryDefaults', index, key)} label={label} value={row[key]} {...(list === undefined ? {} : { list })}
      onChange={(e) => onChange(replaceAt(rows, index, { ...row, [key]: e.target.value }))}
      error={errorFor(fieldId('classification', 'categoryDefaults', index, key))}
    />
  );
  return (
    <div className="stack-sm">
      <h3 className="cs-subhead">Defaults per category</h3>
      <p className="small muted" style={{ margin: 0 }}>Asset condition, In Store sub-status and store given to new assets of the category.</p>
      <datalist id="cs-conditions">{conditions.map((n) => <option key={n} value={n} />)}</datalist>
      <datalist id="cs-instore-substatuses">{inStore.map((n) => <option key={n} value={n} />)}</datalist>
      <ul className="rule-list" aria-label="Defaults per category">
        {rows.map((row, index) => (
          <li key={row.key} className="rule-item" aria-label={`Defaults for ${row.category === '' ? `row ${index + 1}` : row.category}`}>
            <div className="cs-grid">
              {input(row, index, 'category', 'Category', 'cs-categories')}
              {input(row, index, 'condition', 'Asset condition', 'cs-conditions')}
              {input(row, index, 'subStatus', 'Sub-status (In Store)', 'cs-instore-substatuses')}
              {input(row, index, 'site', 'Site', 'cs-sites')}
              {input(row, index, 'location', 'Location')}
              {input(row, index, 'store', 'Store', 'cs-stores')}
            </div>
            <Button size="sm" variant="ghost" aria-label="Remove category defaults" onClick={() => onChange(removeAt(rows, index))}>Remove</Button>
          </li>
        ))}
      </ul>
      <div>
        <Button onClick={() => onChange([...rows, { key: newRowKey(), category: '', condition: '', subStatus: '', site: '', location: '', store: '' }])}>Add category defaults</Button>
      </div>
    </div>
  );
}
