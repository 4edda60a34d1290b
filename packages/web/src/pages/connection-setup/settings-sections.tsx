import { ASSET_STATUSES, MATCH_FIELDS, OWNER_FIELDS, USER_MATCH_FIELDS } from '@intune-assets/contracts';
import { Checkbox, Notice, Select, Switch, TextField } from '../../components/index.js';
import type { AssetStatus, ConnectionForm } from './form-state.js';
import { fieldId } from './issue-paths.js';
import { options } from './section-props.js';
import type { SetupSectionProps } from './section-props.js';

const MATCH_LABELS: Readonly<Record<string, string>> = {
  serialNumber: 'Serial number', name: 'Device name', mac: 'MAC address', imei: 'IMEI', azureAdDeviceId: 'Azure AD device id',
};
const USER_FIELD_LABELS: Readonly<Record<string, string>> = { email: 'Email', upn: 'User principal name', employeeId: 'Employee id', samAccountName: 'NTID (sAMAccountName)' };

function statusOptions(reference: SetupSectionProps['reference']): { value: string; label: string }[] {
  const names = new Map(reference?.statuses.map((s) => [s.key, s.displayName]) ?? []);
  return ASSET_STATUSES.map((key) => ({ value: key, label: names.get(key) ?? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) }));
}

/** Default Settings: the store every imported device goes to, and how devices match existing assets. */
export function DefaultSettingsSection({ form, update, errorFor, reference }: SetupSectionProps) {
  const store = form.defaultStore;
  const setStore = (key: keyof typeof store, value: string) => update((f) => ({ ...f, defaultStore: { ...f.defaultStore, [key]: value } }));
  const setMatching = (change: Partial<ConnectionForm['matching']>) => update((f) => ({ ...f, matching: { ...f.matching, ...change } }));
  return (
    <div className="stack">
      <datalist id="cs-sites">{(reference?.sites ?? []).map((s) => <option key={s.id} value={s.name} />)}</datalist>
      <datalist id="cs-stores">{(reference?.stores ?? []).map((s) => <option key={s.id} value={s.name}>{`${s.site} / ${s.location}`}</option>)}</datalist>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="cs-subhead">Default store</legend>
        <p className="small muted" style={{ marginTop: 0 }}>Every imported device goes here unless its category or user says otherwise. Leave all three empty for none; names are created when missing.</p>
        <div className="cs-grid">
          <TextField id={fieldId('defaults', 'store', 'site')} label="Site" list="cs-sites" value={store.site} onChange={(e) => setStore('site', e.target.value)} error={errorFor(fieldId('defaults', 'store', 'site'))} />
          <TextField id={fieldId('defaults', 'store', 'location')} label="Location" value={store.location} onChange={(e) => setStore('location', e.target.value)} error={errorFor(fieldId('defaults', 'store', 'location'))} />
          <TextField id={fieldId('defaults', 'store', 'store')} label="Store" list="cs-stores" value={store.store} onChange={(e) => setStore('store', e.target.value)} error={errorFor(fieldId('defaults', 'store', 'store'))} />
        </div>
      </fieldset>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="cs-subhead">Matching existing assets</legend>
        <div className="cs-grid">
          <Select id={fieldId('matching', 'field')} label="Match by (after the linked Intune id)" value={form.matching.field} options={options(MATCH_FIELDS, MATCH_LABELS)} onChange={(e) => setMatching({ field: e.target.value as ConnectionForm['matching']['field'] })} error={errorFor(fieldId('matching', 'field'))} />
        </div>
        <Checkbox id={fieldId('matching', 'createNew')} label="Create new assets" checked={form.matching.createNew} onChange={(e) => setMatching({ createNew: e.target.checked })} hint="Off: only update assets that already exist." />
      </fieldset>
    </div>
  );
}

/** Auto Allocation: the Intune owner matched to a register user, and what an allocation sets. */
export function AutoAllocationSection({ form, update, errorFor, reference }: SetupSectionProps) {
  const a = form.allocation;
  const set = (change: Partial<ConnectionForm['allocation']>) => update((f) => ({ ...f, allocation: { ...f.allocation, ...change } }));
  const allocatedSubStatuses = reference?.subStatuses.filter((s) => s.statusKey === 'allocated').map((s) => s.name) ?? [];
  const text = (key: 'subStatus' | 'usageType' | 'floor' | 'purpose', label: string, list?: string) => (
    <TextField id={fieldId('allocation', key)} label={label} value={a[key]} disabled={!a.enabled} {...(list === undefined ? {} : { list })} onChange={(e) => set({ [key]: e.target.value })} error={errorFor(fieldId('allocation', key))} />
  );
  return (
    <div className="stack">
      <Switch id={fieldId('allocation', 'enabled')} label="Allocate assets to the device owner" checked={a.enabled} onChange={(enabled) => set({ enabled })} />
      <datalist id="cs-allocated-substatuses">{allocatedSubStatuses.map((n) => <option key={n} value={n} />)}</datalist>
      <datalist id="cs-usage-types">{(reference?.usageTypes ?? []).map((n) => <option key={n} value={n} />)}</datalist>
      <div className="cs-grid">
        <Select id={fieldId('allocation', 'ownerField')} label="Intune device owner field" disabled={!a.enabled} value={a.ownerField} options={options(OWNER_FIELDS, { userId: 'userId (→ Entra user)' })} onChange={(e) => set({ ownerField: e.target.value as typeof a.ownerField })} error={errorFor(fieldId('allocation', 'ownerField'))} />
        <Select id={fieldId('allocation', 'userField')} label="Register user field" disabled={!a.enabled} value={a.userField} options={options(USER_MATCH_FIELDS, USER_FIELD_LABELS)} onChange={(e) => set({ userField: e.target.value as typeof a.userField })} error={errorFor(fieldId('allocation', 'userField'))} hint="Compared without case." />
        {text('subStatus', 'Sub-status (Allocated)', 'cs-allocated-substatuses')}
        {text('usageType', 'Asset usage type', 'cs-usage-types')}
        {text('floor', 'Floor')}
        {text('purpose', 'Purpose')}
      </div>
      <div className="stack-sm">
        <Checkbox id={fieldId('allocation', 'createMissingUsers')} disabled={!a.enabled} label="Create the employee when the owner is not in the register" checked={a.createMissingUsers} onChange={(e) => set({ createMissingUsers: e.target.checked })} hint="Only when email, first and last name are known from the directory." />
        {a.enabled && a.createMissingUsers && (
          <Notice tone="warning">Owners who enrolled with a personal email can become a second employee next to their work account. Match by a field both share (e.g. employee id) if that happens in your tenant.</Notice>
        )}
        <Checkbox id={fieldId('allocation', 'unlinkWhenNoMatch')} disabled={!a.enabled} label="Unlink the assignee when the owner matches no user" checked={a.unlinkWhenNoMatch} onChange={(e) => set({ unlinkWhenNoMatch: e.target.checked })} />
        <Checkbox id={fieldId('allocation', 'mdmDrivenUpdates')} disabled={!a.enabled} label="MDM-driven assignee updates" checked={a.mdmDrivenUpdates} onChange={(e) => set({ mdmDrivenUpdates: e.target.checked })} hint="Let Intune change the assignee of existing Allocated or In transit assets." />
        <Checkbox id={fieldId('allocation', 'useUserSite')} disabled={!a.enabled} label="Place the asset at the user's site" checked={a.useUserSite} onChange={(e) => set({ useUserSite: e.target.checked })} hint="Before the default store." />
      </div>
    </div>
  );
}

/** The seed's shipped Intune ↔ Discovery transforms (SPEC §4.9). */
export const DEFAULT_DISCOVERY_MAPPING = [
  { attribute: 'SystemName', transform: 'COALESCE(ManagedDeviceName, DeviceName)', unique: true },
  { attribute: 'SerialNo', transform: 'COALESCE(SerialNumber, IMEI, MEID, WiFiMacAddress, EthernetMacAddress)', unique: true },
  { attribute: 'MACAddress', transform: 'COALESCE(EthernetMacAddress, WiFiMacAddress)', unique: false },
  { attribute: 'RAM_Size', transform: 'PhysicalMemoryBytes / 1073741824.0', unique: false },
  { attribute: 'HDD_Size', transform: 'TotalStorageBytes / 1073741824.0', unique: false },
  { attribute: 'Data_Source', transform: "'Intune'", unique: false },
] as const;

/** Discovery Mapping: shown when the sync mode is discovery. */
export function DiscoveryMappingSection({ form }: Pick<SetupSectionProps, 'form'>) {
  if (form.syncMode !== 'discovery') {
    return <p className="muted" style={{ margin: 0 }}>Used when the sync mode is <strong>Discovery</strong>: devices then go to discovered devices through this mapping.</p>;
  }
  return (
    <div className="stack-sm">
      <Notice>The connection uses the shipped discovery mapping below. Editing it per connection is not part of the connection document yet.</Notice>
      <div className="table-wrap">
        <table className="table" aria-label="Discovery mapping">
          <thead><tr><th scope="col">Discovery attribute</th><th scope="col">Transform</th><th scope="col">Unique key</th></tr></thead>
          <tbody>
            {DEFAULT_DISCOVERY_MAPPING.map((row) => (
              <tr key={row.attribute}><th scope="row">{row.attribute}</th><td><code>{row.transform}</code></td><td>{row.unique ? 'Yes' : 'No'}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Statuses: new / deleted / recovered / inactive, and the retire safety share. */
export function StatusesSection({ form, update, errorFor, reference }: SetupSectionProps) {
  const l = form.lifecycle;
  const set = (change: Partial<ConnectionForm['lifecycle']>) => update((f) => ({ ...f, lifecycle: { ...f.lifecycle, ...change } }));
  const statuses = statusOptions(reference);
  return (
    <div className="cs-grid">
      <Select id={fieldId('lifecycle', 'newStatus')} label="Status of new assets" value={l.newStatus} options={statuses} onChange={(e) => set({ newStatus: e.target.value as AssetStatus })} error={errorFor(fieldId('lifecycle', 'newStatus'))} hint="Owned and allocated devices become Allocated." />
      <Select id={fieldId('lifecycle', 'deletedStatus')} label="When the device is deleted from Intune" value={l.deletedStatus} placeholder="Leave the asset unchanged" options={statuses} onChange={(e) => set({ deletedStatus: e.target.value as AssetStatus | '' })} error={errorFor(fieldId('lifecycle', 'deletedStatus'))} />
      <Select id={fieldId('lifecycle', 'recoveredStatus')} label="When a deleted device comes back" value={l.recoveredStatus} placeholder="Leave the asset unchanged" options={statuses} onChange={(e) => set({ recoveredStatus: e.target.value as AssetStatus | '' })} error={errorFor(fieldId('lifecycle', 'recoveredStatus'))} />
      <TextField id={fieldId('lifecycle', 'inactiveAfterDays')} label="Inactive after (days without a sync)" inputMode="numeric" value={l.inactiveAfterDays} placeholder="off" onChange={(e) => set({ inactiveAfterDays: e.target.value })} error={errorFor(fieldId('lifecycle', 'inactiveAfterDays'))} />
      <Select id={fieldId('lifecycle', 'inactiveStatus')} label="Inactive status" value={l.inactiveStatus} disabled={l.inactiveAfterDays.trim() === ''} options={statuses} onChange={(e) => set({ inactiveStatus: e.target.value as AssetStatus })} error={errorFor(fieldId('lifecycle', 'inactiveStatus'))} />
      <TextField id={fieldId('retireSafetyPercent')} label="Retire safety (%)" inputMode="decimal" value={form.retireSafetyPercent} onChange={(e) => update((f) => ({ ...f, retireSafetyPercent: e.target.value }))} error={errorFor(fieldId('retireSafetyPercent'))} hint="Never change the status of more than this share of the connection's assets as deleted in one run." />
    </div>
  );
}
