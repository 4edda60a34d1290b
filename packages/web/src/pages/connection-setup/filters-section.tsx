import { DEFAULT_DEVICE_TYPE_RULES, DEVICE_TYPES } from '@intune-assets/contracts';
import type { DeviceType } from '@intune-assets/contracts';
import { Button, Checkbox, TextAreaField, TextField } from '../../components/index.js';
import { ConditionEditor } from './condition-editor.js';
import { newRowKey } from './form-state.js';
import type { ConnectionForm, DeviceTypeRuleForm } from './form-state.js';
import { fieldId } from './issue-paths.js';
import { moveItem, removeAt, replaceAt } from './reorder.js';
import type { SetupSectionProps } from './section-props.js';

type Filters = ConnectionForm['filters'];

const FLAGS: readonly { key: keyof Filters & ('corporateOnly' | 'requireValidSerial' | 'excludeDesktops' | 'excludeDefenderOnly' | 'excludeUnknownType'); label: string; hint: string }[] = [
  { key: 'corporateOnly', label: 'Corporate-owned devices only', hint: 'Skips personal devices (managedDeviceOwnerType ≠ company).' },
  { key: 'requireValidSerial', label: 'Require a valid serial number', hint: 'Empty, "0", "Default string", "To be filled by O.E.M.", "System Serial Number", one repeated character or under 4 characters count as none.' },
  { key: 'excludeDesktops', label: 'Exclude desktops', hint: 'Devices detected as desktops are skipped.' },
  { key: 'excludeDefenderOnly', label: 'Exclude devices managed only by Defender', hint: 'managementAgent = msSense.' },
  { key: 'excludeUnknownType', label: 'Exclude devices of unknown type', hint: 'Unless a category rule catches them.' },
];

function freshRules(): DeviceTypeRuleForm[] {
  return DEFAULT_DEVICE_TYPE_RULES.map((r) => ({ key: newRowKey(), type: r.type, os: r.os ?? '', manufacturer: r.manufacturer ?? '', model: r.model ?? '', note: r.note ?? '' }));
}

/** Filters (which devices are synced) and the ordered device type rules. */
export function FiltersSection({ form, update, errorFor, scope }: SetupSectionProps) {
  const f = form.filters;
  const set = (change: Partial<Filters>) => update((x) => ({ ...x, filters: { ...x.filters, ...change } }));
  const rules = form.deviceTypeRules;
  const setRules = (deviceTypeRules: readonly DeviceTypeRuleForm[]) => update((x) => ({ ...x, deviceTypeRules }));
  const pattern = (rule: DeviceTypeRuleForm, index: number, key: 'os' | 'manufacturer' | 'model' | 'note', label: string) => (
    <td>
      <label className="visually-hidden" htmlFor={fieldId('deviceTypes', 'rules', index, key)}>{label} of rule {index + 1}</label>
      <input id={fieldId('deviceTypes', 'rules', index, key)} className="input mono" value={rule[key]} spellCheck={false}
        aria-invalid={errorFor(fieldId('deviceTypes', 'rules', index, key)) === undefined ? undefined : true}
        onChange={(e) => setRules(replaceAt(rules, index, { ...rule, [key]: e.target.value }))} />
      {errorFor(fieldId('deviceTypes', 'rules', index, key)) !== undefined && <div className="field-error">{errorFor(fieldId('deviceTypes', 'rules', index, key))}</div>}
    </td>
  );
  return (
    <div className="stack">
      <div className="stack-sm">
        {FLAGS.map((flag) => (
          <Checkbox key={flag.key} id={fieldId('filters', flag.key)} label={flag.label} hint={flag.hint} checked={f[flag.key]} onChange={(e) => set({ [flag.key]: e.target.checked })} />
        ))}
      </div>
      <div className="cs-grid">
        <TextField id={fieldId('filters', 'platforms')} label="Platforms to keep" placeholder="all platforms" value={f.platforms} onChange={(e) => set({ platforms: e.target.value })} error={errorFor(fieldId('filters', 'platforms'))} hint="Comma separated operatingSystem values, e.g. Windows, macOS, iOS." />
        <TextAreaField id={fieldId('filters', 'groupIds')} label="Entra groups to keep (ids)" rows={2} placeholder="no group filter" value={f.groupIds} onChange={(e) => set({ groupIds: e.target.value })} error={errorFor(fieldId('filters', 'groupIds'))} hint="Group GUIDs, comma or line separated; needs GroupMember.Read.All and Device.Read.All." />
      </div>
      <ConditionEditor id={fieldId('filters', 'condition')} label="Only devices where (optional condition)" value={f.condition} onChange={(condition) => set({ condition })} scope={scope} serverError={errorFor(fieldId('filters', 'condition'))} />
      <div className="stack-sm">
        <h3 className="cs-subhead">Device type rules</h3>
        <p className="small muted" style={{ margin: 0 }}>Case-insensitive regular expressions; every pattern given must match, the first matching rule wins.</p>
        <div className="table-wrap">
          <table className="table" aria-label="Device type rules">
            <thead>
              <tr>
                <th scope="col">#</th><th scope="col">Type</th><th scope="col">OS pattern</th><th scope="col">Manufacturer pattern</th>
                <th scope="col">Model pattern</th><th scope="col">Note</th><th scope="col"><span className="visually-hidden">Order and remove</span></th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule, index) => (
                <tr key={rule.key}>
                  <td>{index + 1}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={fieldId('deviceTypes', 'rules', index, 'type')}>Type of rule {index + 1}</label>
                    <select id={fieldId('deviceTypes', 'rules', index, 'type')} className="select" value={rule.type} onChange={(e) => setRules(replaceAt(rules, index, { ...rule, type: e.target.value as DeviceType }))}>
                      {DEVICE_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                    </select>
                  </td>
                  {pattern(rule, index, 'os', 'OS pattern')}
                  {pattern(rule, index, 'manufacturer', 'Manufacturer pattern')}
                  {pattern(rule, index, 'model', 'Model pattern')}
                  {pattern(rule, index, 'note', 'Note')}
                  <td>
                    <div className="row" style={{ flexWrap: 'nowrap' }}>
                      <Button size="sm" aria-label="Move device type rule up" disabled={index === 0} onClick={() => setRules(moveItem(rules, index, index - 1))}>↑</Button>
                      <Button size="sm" aria-label="Move device type rule down" disabled={index === rules.length - 1} onClick={() => setRules(moveItem(rules, index, index + 1))}>↓</Button>
                      <Button size="sm" variant="ghost" aria-label="Remove device type rule" onClick={() => setRules(removeAt(rules, index))}>Remove</Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="row">
          <Button onClick={() => setRules([...rules, { key: newRowKey(), type: 'laptop', os: '', manufacturer: '', model: '', note: '' }])}>Add device type rule</Button>
          <Button variant="ghost" onClick={() => setRules(freshRules())}>Reset to shipped rules</Button>
        </div>
      </div>
    </div>
  );
}
