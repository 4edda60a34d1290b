import type { CompiledExpr } from '@intune-assets/expr';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { MapResult, MappedField } from '../sync/plan.js';
import { TARGET_KINDS, toCategoryValue, toTargetValue } from './convert-value.js';
import type { Converted } from './convert-value.js';
import { toIssue } from './expression-compiler.js';
import { deviceRecord } from './device-record.js';

/** A mapping target: a standard asset field, or a field of the asset's category (`category.<name>`). */
export type MappingTargetRef =
  | { readonly kind: 'standard'; readonly field: MappedField }
  | { readonly kind: 'category'; readonly field: string };

export interface CompiledMapping {
  /** As written in the document: `memoryGb`, `category.RAM`. */
  readonly target: string;
  readonly ref: MappingTargetRef;
  readonly source: string;
  readonly expr: CompiledExpr;
}

/** One mapping's converted value for one device record, or its per-device error (evaluation or type). */
export function mapOne(m: CompiledMapping, record: Readonly<Record<string, unknown>>): Converted<string | number | boolean> {
  const result = m.expr.evaluate(record);
  if (!result.ok) return { ok: false, code: result.error.code, message: toIssue(result.error, m.source).message };
  return m.ref.kind === 'standard' ? toTargetValue(result.value, TARGET_KINDS[m.ref.field]) : toCategoryValue(result.value);
}

/**
 * Evaluates every mapping for one device and converts each result to its target's type. The first failure
 * makes the whole device a per-device error (a device is never half-mapped).
 */
export function buildMapper(mappings: readonly CompiledMapping[]): (device: ManagedDevice) => MapResult {
  return (device) => {
    const record = deviceRecord(device);
    const fields: Partial<Record<MappedField, string | number | null>> = {};
    const categoryValues: Record<string, string | number | boolean | null> = {};
    for (const m of mappings) {
      const converted = mapOne(m, record);
      if (!converted.ok) return { ok: false, field: m.target, code: converted.code, message: `${m.target}: ${converted.message}` };
      if (m.ref.kind === 'standard') fields[m.ref.field] = converted.value as string | number | null;
      else categoryValues[m.ref.field] = converted.value;
    }
    return { ok: true, value: { fields, categoryValues } };
  };
}
