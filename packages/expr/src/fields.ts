/** The static type of a field as the caller declares it. */
export type FieldType = 'text' | 'number' | 'boolean' | 'datetime' | 'unknown';

/**
 * A field an expression may read; `name` is the key in the records passed to `evaluate`.
 *
 * @example
 * const fields: FieldDef[] = [{ name: 'deviceName', type: 'text' }, { name: 'isEncrypted', type: 'boolean' }];
 */
export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
}

/**
 * The names the SymphonyAI seed uses for Intune fields, mapped to Graph's names. Most seed names already match
 * case-insensitively (DeviceName → deviceName); they are listed so the table documents every seed spelling.
 */
export const FIELD_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  PhysicalMemoryBytes: 'physicalMemoryInBytes',
  TotalStorageBytes: 'totalStorageSpaceInBytes',
  FreeStorageBytes: 'freeStorageSpaceInBytes',
  IMEI: 'imei',
  MEID: 'meid',
  Id: 'id',
  WiFiMacAddress: 'wiFiMacAddress',
  EthernetMacAddress: 'ethernetMacAddress',
  DeviceName: 'deviceName',
  ManagedDeviceName: 'managedDeviceName',
  SerialNumber: 'serialNumber',
  UserPrincipalName: 'userPrincipalName',
  ComplianceState: 'complianceState',
  IsEncrypted: 'isEncrypted',
});

export interface FieldIndex {
  /** Lower-cased name or alias → the field. */
  readonly byKey: ReadonlyMap<string, FieldDef>;
  /** Every spelling a user may write, for did-you-mean. */
  readonly spellings: readonly string[];
}

const indexCache = new WeakMap<readonly FieldDef[], FieldIndex>();

export function indexFields(fields: readonly FieldDef[]): FieldIndex {
  const cached = indexCache.get(fields);
  if (cached !== undefined) return cached;
  const byKey = new Map<string, FieldDef>();
  const spellings: string[] = [];
  for (const field of fields) {
    const key = field.name.toLowerCase();
    if (!byKey.has(key)) {
      byKey.set(key, field);
      spellings.push(field.name);
    }
  }
  for (const [alias, target] of Object.entries(FIELD_ALIASES)) {
    const field = byKey.get(target.toLowerCase());
    const key = alias.toLowerCase();
    if (field !== undefined && !byKey.has(key)) {
      byKey.set(key, field);
      spellings.push(alias);
    }
  }
  const index = { byKey, spellings };
  indexCache.set(fields, index);
  return index;
}

/**
 * Resolves a name as a user writes it (any case, an alias, the inside of `[brackets]`) to the caller's field.
 *
 * @example
 * resolveField('PhysicalMemoryBytes', [{ name: 'physicalMemoryInBytes', type: 'number' }])?.name; // 'physicalMemoryInBytes'
 */
export function resolveField(name: string, fields: readonly FieldDef[]): FieldDef | undefined {
  return indexFields(fields).byKey.get(name.toLowerCase());
}

const MAX_SUGGESTION_INPUT = 64;

/** The closest spelling to `name` (Levenshtein, case-insensitive), or undefined when nothing is close. */
export function closestSpelling(name: string, spellings: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTION_INPUT) return undefined;
  const typed = name.toLowerCase();
  let best: string | undefined;
  const limit = Math.max(2, Math.floor(typed.length / 3)) + 1;
  let bestDistance = limit;
  for (const spelling of spellings) {
    const candidate = spelling.toLowerCase();
    let distance = levenshtein(typed, candidate, bestDistance);
    // A name typed as part of a longer one ("Serial" → serialNumber) is a fair guess, but never beats a near spelling.
    if (typed.length >= 4 && distance >= limit && candidate.includes(typed)) distance = limit - 0.5;
    if (distance < bestDistance) {
      best = spelling;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edit distance, giving up (returning `cap`) once it cannot get below `cap`. */
export function levenshtein(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= cap) return cap;
    prev = row;
  }
  return prev[b.length] as number;
}
