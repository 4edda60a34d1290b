import { CATEGORY_TARGET_PREFIX, DEFAULT_FIELD_MAPPING, DEFAULT_SOURCE_OF_TRUTH } from '@intune-assets/contracts';
import type { MappingSettings, SourceOfTruth } from '@intune-assets/contracts';
import { MAPPED_FIELDS } from '../sync/plan.js';
import type { MappingTargetRef } from './device-mapper.js';

/** One mapping to compile: the document's entry merged over the shipped default. */
export interface ResolvedMapping {
  readonly target: string;
  readonly ref: MappingTargetRef;
  readonly source: string;
  /** A shipped default the analyst did not touch (left out quietly when it reads an unselected field). */
  readonly isDefault: boolean;
  readonly sourceOfTruth: SourceOfTruth;
}

/** Standard fields in MAPPED_FIELDS order, then category fields in document order. */
export function resolveMapping(fields: MappingSettings['fields']): ResolvedMapping[] {
  const resolved: ResolvedMapping[] = [];
  for (const field of MAPPED_FIELDS) {
    const entry = fields[field];
    if (entry === null) continue;
    const fallback = DEFAULT_FIELD_MAPPING[field];
    const source = entry?.expression ?? fallback;
    if (source === undefined) continue;
    resolved.push({
      target: field,
      ref: { kind: 'standard', field },
      source,
      isDefault: entry === undefined,
      sourceOfTruth: entry?.sourceOfTruth ?? DEFAULT_SOURCE_OF_TRUTH[field],
    });
  }
  for (const [target, entry] of Object.entries(fields)) {
    if (!target.startsWith(CATEGORY_TARGET_PREFIX) || entry === null || entry.expression === undefined) continue;
    resolved.push({
      target,
      ref: { kind: 'category', field: target.slice(CATEGORY_TARGET_PREFIX.length) },
      source: entry.expression,
      isDefault: false,
      sourceOfTruth: entry.sourceOfTruth ?? 'intune',
    });
  }
  return resolved;
}
