import { ASSET_FIELDS, UNTRACKED_ASSET_FIELDS } from '../../domain/asset.js';
import type { Asset, AssetField } from '../../domain/asset.js';
import { isProvenanceSource } from '../../domain/audit.js';
import type { FieldProvenance, ProvenanceSource } from '../../domain/audit.js';
import type { JsonObject, JsonValue } from '../../domain/json.js';

/**
 * Provenance is stored compactly (see README): creating an asset writes no `field_provenance` rows; its `create`
 * audit row carries the source, and every field set at creation and never changed since is attributed to it.
 * Each later change of a tracked field writes an explicit row, which wins.
 */
export function isTrackedField(field: AssetField): boolean {
  return !UNTRACKED_ASSET_FIELDS.includes(field);
}

export function isBlankValue(value: JsonValue): boolean {
  return value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
}

/** The `new_value` of an asset's `create` audit row. */
export function creationAuditValue(input: { readonly assetTag: string; readonly source: ProvenanceSource; readonly createdBy?: string }): JsonObject {
  return { assetTag: input.assetTag, source: input.source, ...(input.createdBy !== undefined && { createdBy: input.createdBy }) };
}

export interface CreationRecord {
  readonly newValue: JsonValue;
  readonly runId: string | null;
  readonly at: string;
}

/** Per-field provenance: explicit rows, plus the creation's source for fields set then and untouched since. */
export function mergeProvenance(asset: Asset, explicit: readonly FieldProvenance[], creation: CreationRecord | undefined): FieldProvenance[] {
  const merged = new Map(explicit.map((p) => [p.field, p]));
  const value = creation?.newValue;
  const source = value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject)['source'] : undefined;
  if (creation !== undefined && typeof source === 'string' && isProvenanceSource(source)) {
    for (const field of ASSET_FIELDS) {
      if (merged.has(field) || !isTrackedField(field) || isBlankValue(asset[field])) continue;
      merged.set(field, { assetId: asset.id, field, source, runId: creation.runId, setAt: creation.at });
    }
  }
  return [...merged.values()].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}
