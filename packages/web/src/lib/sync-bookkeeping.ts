/**
 * "Last seen in Intune" and "Last seen by run" are rewritten each time a sync sees the device, so the server
 * keeps no provenance or audit rows for them (they would be one row per device per sync). The asset detail
 * page still says who sets them: the asset's connection, on every sync, and the run that last saw the device.
 */
export const SYNC_BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['lastSeenInSourceAt', 'lastSeenRunId']);

export interface BookkeepingSource {
  readonly connection: { readonly id: string; readonly name: string } | null;
  /** The run that last saw the device, when the register recorded it. */
  readonly runId: string | null;
}

interface FieldLike {
  readonly field: string;
  readonly value: unknown;
  readonly provenance: unknown;
}

interface AssetLike {
  readonly source: string;
  readonly connection: { readonly id: string; readonly name: string } | null;
}

/** Who sets a bookkeeping field of an Intune asset; null for other fields, empty values, or stored provenance. */
export function bookkeepingSourceOf(field: FieldLike, asset: AssetLike, fields: readonly FieldLike[]): BookkeepingSource | null {
  if (!SYNC_BOOKKEEPING_FIELDS.has(field.field) || field.provenance !== null) return null;
  if (field.value === null || field.value === '') return null;
  if (asset.connection === null && !asset.source.startsWith('intune:')) return null;
  const lastSeenRun = fields.find((f) => f.field === 'lastSeenRunId')?.value;
  return { connection: asset.connection, runId: typeof lastSeenRun === 'string' && lastSeenRun !== '' ? lastSeenRun : null };
}
