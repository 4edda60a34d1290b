import { MAPPING_TARGETS } from '@intune-assets/contracts';
import { Button, Notice } from '../../components/index.js';
import { ExpressionEditor } from './expression-editor.js';
import { defaultSourceOfTruth, newRowKey } from './form-state.js';
import type { ConnectionDraft } from './form-to-document.js';
import { fieldId } from './issue-paths.js';
import { MappingPreviewTable } from './mapping-preview.js';
import { removeAt, replaceAt } from './reorder.js';
import type { SetupSectionProps } from './section-props.js';

export interface KeyFieldMappingSectionProps extends SetupSectionProps {
  readonly savedName: string | null;
  readonly draft: ConnectionDraft;
  /** The preview is an analyst action (it reads the tenant). */
  readonly canPreview: boolean;
}

/** Key Field Mapping: target ← expression rows, source of truth, and the live preview on sample devices. */
export function KeyFieldMappingSection({ form, update, errorFor, reference, scope, savedName, draft, canPreview }: KeyFieldMappingSectionProps) {
  const rows = form.mapping;
  const setRows = (mapping: typeof rows) => update((f) => ({ ...f, mapping }));
  const labels = new Map(reference?.registerFields.map((r) => [r.target, r.label]) ?? []);
  const targets = [
    ...(reference?.registerFields.map((r) => r.target) ?? MAPPING_TARGETS),
    ...(reference?.categories.flatMap((c) => c.fields.map((f) => f.target)) ?? []),
  ].filter((t, i, all) => all.indexOf(t) === i);
  const required = reference?.categories.flatMap((c) => c.fields.filter((f) => f.isRequired).map((f) => f.target)) ?? [];
  const missing = required.filter((t, i, all) => all.indexOf(t) === i && !rows.some((r) => r.target === t));

  return (
    <div className="stack">
      <p className="small muted" style={{ margin: 0 }}>
        Each target field of the register gets the value of an expression over the selected Intune fields (SQL-like,
        e.g. <code>ROUND(PhysicalMemoryBytes / 1073741824.0, 0)</code>). Intune-owned fields follow Intune on every sync;
        register-owned ones are set once and then left to the analyst. Null protection is always on: an empty Intune
        value (null, '', Unknown, 0) never overwrites a register value.
      </p>
      {missing.length > 0 && <Notice tone="warning" title="Required category fields without a mapping">{missing.join(', ')}</Notice>}
      <datalist id="cs-targets">{targets.map((t) => <option key={t} value={t}>{labels.get(t) ?? t}</option>)}</datalist>
      {/* Rows rather than a table: target and expression on one line, the row's settings on a second, so the
          list fits the card at 1280 px without scrolling sideways. */}
      <div className="map-head" aria-hidden="true"><span>Target field</span><span>Expression</span></div>
      <ol className="map-rows" aria-label="Key field mapping">
        {rows.map((row, index) => {
          const sourceError = errorFor(fieldId('mapping', index, 'sourceOfTruth'));
          return (
            <li key={row.key} className="map-row" aria-label={`Mapping ${row.target === '' ? `row ${index + 1}` : row.target}`}>
              <div className="map-target">
                <label className="visually-hidden" htmlFor={fieldId('mapping', index, 'target')}>Target field {index + 1}</label>
                <input
                  id={fieldId('mapping', index, 'target')} className="input" list="cs-targets" value={row.target} title={row.target}
                  onChange={(e) => setRows(replaceAt(rows, index, { ...row, target: e.target.value, sourceOfTruth: defaultSourceOfTruth(e.target.value) }))}
                />
                {labels.get(row.target) !== undefined && <div className="small muted">{labels.get(row.target)}</div>}
              </div>
              <ExpressionEditor
                id={fieldId('mapping', index, 'expression')} label={`Expression for ${row.target || `row ${index + 1}`}`} hideLabel required
                rows={Math.min(6, Math.max(1, Math.ceil(row.expression.length / 70)))} value={row.expression} scope={scope} onChange={(expression) => setRows(replaceAt(rows, index, { ...row, expression }))}
                serverError={errorFor(fieldId('mapping', index, 'expression'))}
              />
              <div className="map-settings">
                <label className="row small" htmlFor={fieldId('mapping', index, 'sourceOfTruth')} style={{ gap: 'var(--space-2)' }}>
                  <span className="muted">Source of truth<span className="visually-hidden"> for {row.target}</span></span>
                  <select
                    id={fieldId('mapping', index, 'sourceOfTruth')} className="select" value={row.sourceOfTruth}
                    onChange={(e) => setRows(replaceAt(rows, index, { ...row, sourceOfTruth: e.target.value === 'register' ? 'register' : 'intune' }))}
                  >
                    <option value="intune">Intune</option>
                    <option value="register">Register</option>
                  </select>
                </label>
                <span className="small muted" title="An empty Intune value (null, '', Unknown, 0) never overwrites a register value.">Null protection: on</span>
                {sourceError !== undefined && <span className="field-error">{sourceError}</span>}
                <Button size="sm" variant="ghost" className="map-remove" aria-label={`Remove mapping ${row.target}`} onClick={() => setRows(removeAt(rows, index))}>Remove</Button>
              </div>
            </li>
          );
        })}
      </ol>
      <div><Button onClick={() => setRows([...rows, { key: newRowKey(), target: '', expression: '', sourceOfTruth: 'intune' }])}>Add field mapping</Button></div>
      {canPreview
        ? <MappingPreviewTable savedName={savedName} draft={draft} targets={rows.map((r) => r.target).filter((t) => t !== '')} />
        : <Notice>The live preview on sample devices is available to analysts and admins.</Notice>}
    </div>
  );
}
