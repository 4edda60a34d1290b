import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The Graph property tables copied into the repo (data/graph), read once at module load. */
const propertyRowSchema = z.object({
  name: z.string(),
  type: z.string(),
  nullable: z.boolean(),
  kind: z.enum(['key', 'property', 'navigation']),
  enumValues: z.array(z.string()).optional(),
  realValueOnlyOnSingleGetWithSelect: z.boolean().optional(),
});
export type PropertyRow = z.infer<typeof propertyRowSchema>;

function loadTable(file: string): readonly PropertyRow[] {
  const url = new URL(`../../data/graph/${file}`, import.meta.url);
  const parsed = z.array(propertyRowSchema).safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) throw new Error(`data/graph/${file} is not a property table: ${parsed.error.message}`);
  return parsed.data;
}

export type GraphVersion = 'v1.0' | 'beta';
export const GRAPH_VERSIONS: readonly GraphVersion[] = ['v1.0', 'beta'];

export interface EntityTable {
  /** Data properties (key + property rows), in schema order. */
  readonly properties: readonly PropertyRow[];
  readonly byName: ReadonlyMap<string, PropertyRow>;
  /** Lower-cased name → canonical name, for case-insensitive $select like Graph's. */
  readonly canonical: ReadonlyMap<string, string>;
  readonly navigationNames: ReadonlySet<string>;
}

function toEntityTable(rows: readonly PropertyRow[]): EntityTable {
  const properties = rows.filter((row) => row.kind !== 'navigation');
  return {
    properties,
    byName: new Map(properties.map((row) => [row.name, row])),
    canonical: new Map(rows.map((row) => [row.name.toLowerCase(), row.name])),
    navigationNames: new Set(rows.filter((row) => row.kind === 'navigation').map((row) => row.name)),
  };
}

export const MANAGED_DEVICE_TABLES: Readonly<Record<GraphVersion, EntityTable>> = {
  'v1.0': toEntityTable(loadTable('managedDevice.v1.json')),
  beta: toEntityTable(loadTable('managedDevice.beta.json')),
};
export const HARDWARE_INFORMATION_TABLE: EntityTable = toEntityTable(loadTable('hardwareInformation.beta.json'));
export const DETECTED_APP_TABLES: Readonly<Record<GraphVersion, EntityTable>> = {
  'v1.0': toEntityTable(loadTable('detectedApp.v1.json')),
  beta: toEntityTable(loadTable('detectedApp.beta.json')),
};

const EPOCH_ZERO = '0001-01-01T00:00:00Z';
// Graph serialises these empty strings (not null) on real list items (examples/…realworld-cloudpc.json).
const EMPTY_STRING_DEFAULTS = new Set([
  'userId', 'easDeviceId', 'emailAddress', 'userPrincipalName', 'imei', 'phoneNumber', 'androidSecurityPatchLevel',
  'userDisplayName', 'wiFiMacAddress', 'subscriberCarrier', 'meid', 'serialNumber', 'model', 'manufacturer',
  'deviceName', 'operatingSystem', 'osVersion', 'azureADDeviceId', 'azureActiveDirectoryDeviceId', 'enrolledByUserPrincipalName',
]);
const UNKNOWN_STRING_DEFAULTS = new Set(['jailBroken', 'deviceCategoryDisplayName']);

/** The value Graph serialises for a property that holds nothing (or hides its real value on LIST). */
export function defaultValueOf(row: PropertyRow): unknown {
  if (row.type.startsWith('Collection(')) return [];
  if (row.enumValues !== undefined) return row.enumValues.includes('unknown') ? 'unknown' : row.enumValues[0];
  switch (row.type) {
    case 'Edm.String':
      if (UNKNOWN_STRING_DEFAULTS.has(row.name)) return 'Unknown';
      return EMPTY_STRING_DEFAULTS.has(row.name) ? '' : null;
    case 'Edm.Boolean':
      return row.nullable ? null : false;
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Double':
      return row.nullable ? null : 0;
    case 'Edm.DateTimeOffset':
      return EPOCH_ZERO;
    case 'graph.hardwareInformation':
      return emptyHardwareInformation();
    default:
      return null;
  }
}

/** hardwareInformation as a LIST (or a GET without $select) shows it: every field empty. */
export function emptyHardwareInformation(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of HARDWARE_INFORMATION_TABLE.properties) {
    if (row.type.startsWith('Collection(')) out[row.name] = [];
    else if (row.enumValues !== undefined) out[row.name] = row.enumValues[0];
    else if (row.type === 'Edm.String') out[row.name] = null;
    else if (row.type === 'Edm.Boolean') out[row.name] = false;
    else out[row.name] = row.nullable ? null : 0;
  }
  return out;
}

/** Beta-only enum members are hidden on v1.0 behind the evolvable-enum sentinel (NOTES §1.4). */
export function v1EnumValue(row: PropertyRow, value: unknown): unknown {
  const allowed = row.enumValues;
  if (allowed === undefined || typeof value !== 'string' || allowed.includes(value)) return value;
  return allowed.includes('unknownFutureValue') ? 'unknownFutureValue' : 'unknown';
}
