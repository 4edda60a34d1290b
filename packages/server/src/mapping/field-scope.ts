import type { FieldDef } from '@intune-assets/expr';
import { intuneDeviceFields } from './intune-fields.js';
import type { IntuneApiVersion, IntuneField } from './intune-fields.js';

/** The device fields a connection's expressions may read, and what each costs to fetch. */
export interface FieldScope {
  /** What expressions compile against: the version's schema, restricted to the selected fields plus identity. */
  readonly allowed: readonly FieldDef[];
  /** Every field of the version (and selected keys the schema lacks), to tell "not selected" from "unknown". */
  readonly all: readonly FieldDef[];
  /** Fields the sync always requests, whatever the selection: ids, filter inputs, type detection, the owner. */
  readonly identity: readonly string[];
  /** True when the list call only returns a default for the field (real value needs a per-device GET). */
  isGetOnly(name: string): boolean;
}

const BASE_IDENTITY = [
  'id', 'serialNumber', 'deviceName', 'managedDeviceName', 'lastSyncDateTime', 'managedDeviceOwnerType',
  'managementAgent', 'operatingSystem', 'model', 'manufacturer', 'azureADDeviceId',
] as const;

export function fieldScope(input: {
  readonly version: IntuneApiVersion;
  readonly selectedFields: readonly string[] | undefined;
  readonly ownerField: string;
}): FieldScope {
  const schema = intuneDeviceFields(input.version);
  const byKey = new Map<string, IntuneField>(schema.map((f) => [f.name.toLowerCase(), f]));
  // Keys seen on real devices but missing from the schema can be selected too (SPEC §3); their type is unknown.
  const extra: IntuneField[] = [];
  for (const name of input.selectedFields ?? []) {
    if (byKey.has(name.toLowerCase())) continue;
    const field = { name, type: 'unknown' as const, getOnly: false };
    byKey.set(name.toLowerCase(), field);
    extra.push(field);
  }
  const all = [...schema, ...extra];
  // chassisType only exists on beta; detection reads it when it is there (rules/device-type.ts).
  const identity = [...BASE_IDENTITY, input.ownerField, ...(input.version === 'beta' ? ['chassisType'] : [])]
    .map((name) => byKey.get(name.toLowerCase())?.name ?? name)
    .filter((name, i, list) => list.indexOf(name) === i);
  let allowed: readonly FieldDef[] = all;
  if (input.selectedFields !== undefined) {
    const keep = new Set([...input.selectedFields, ...identity].map((n) => n.toLowerCase()));
    allowed = all.filter((f) => keep.has(f.name.toLowerCase()));
  }
  return {
    allowed,
    all,
    identity,
    isGetOnly: (name) => byKey.get(name.toLowerCase())?.getOnly === true,
  };
}
