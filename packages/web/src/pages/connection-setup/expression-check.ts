import { check, parse, resolveField } from '@intune-assets/expr';
import type { FieldDef, FieldType } from '@intune-assets/expr';

/** One problem of an expression being typed, located for underlining. */
export interface ExpressionProblem {
  readonly code: string;
  readonly message: string;
  readonly span: { readonly start: number; readonly end: number };
}

/** A field as GET /connections/:name/fields lists it (type as the server words it). */
export interface ListedField {
  readonly name: string;
  readonly type: string;
}

// The sync always requests these whatever the selection (server mapping/field-scope.ts, docs/connections.md),
// so expressions may read them even when they are not selected.
const IDENTITY_FIELDS = [
  'id', 'serialNumber', 'deviceName', 'managedDeviceName', 'lastSyncDateTime', 'managedDeviceOwnerType',
  'managementAgent', 'operatingSystem', 'model', 'manufacturer', 'azureADDeviceId', 'chassisType',
] as const;

const EDM_TYPES: Readonly<Record<string, FieldType>> = {
  'Edm.String': 'text', 'Edm.Int32': 'number', 'Edm.Int64': 'number', 'Edm.Boolean': 'boolean', 'Edm.DateTimeOffset': 'datetime',
};

export function fieldTypeOf(type: string): FieldType {
  if (type === 'text' || type === 'number' || type === 'boolean' || type === 'datetime') return type;
  return EDM_TYPES[type] ?? 'unknown';
}

/** Field scope for the checker: everything listed, and what expressions may read under the draft's selection. */
export interface FieldScope {
  readonly all: readonly FieldDef[];
  readonly allowed: readonly FieldDef[];
}

export function fieldScope(input: { readonly listed: readonly ListedField[]; readonly selected: readonly string[] | null; readonly ownerField: string }): FieldScope {
  const all = input.listed.map((f) => ({ name: f.name, type: fieldTypeOf(f.type) }));
  if (input.selected === null) return { all, allowed: all };
  const keep = new Set([...input.selected, ...IDENTITY_FIELDS, input.ownerField].map((n) => n.toLowerCase()));
  return { all, allowed: all.filter((f) => keep.has(f.name.toLowerCase())) };
}

/**
 * Parses and checks an expression in the browser with the server's own checker (`@intune-assets/expr`), so the
 * editor underlines errors as the analyst types. Without a field list (a connection never tested) only syntax
 * is checked; the server checks the fields when it saves.
 *
 * @example
 * checkExpression('UPPER(DevceName)', scope); // [{ code: 'unknown_field', span: { start: 6, end: 15 }, message: "unknown field 'DevceName'; …" }]
 */
export function checkExpression(source: string, scope: FieldScope | null): ExpressionProblem[] {
  if (source.trim() === '') return [{ code: 'empty', message: 'enter an expression', span: { start: 0, end: source.length } }];
  const parsed = parse(source);
  if (!parsed.ok) return [{ code: parsed.error.code, message: parsed.error.summary, span: parsed.error.span }];
  if (scope === null) return [];
  return check(parsed.ast, { fields: scope.allowed })
    .filter((e) => scope.all.length > 0 || e.code !== 'unknown_field')
    .map((e) => {
      const written = source.slice(e.span.start, e.span.end).replace(/^\[|\]$/g, '');
      if (e.code === 'unknown_field' && resolveField(written, scope.all) !== undefined) {
        return { code: 'field_not_selected', message: `'${written}' is not selected in Intune Fields Selection; select it to use it here`, span: e.span };
      }
      return { code: e.code, message: e.summary, span: e.span };
    });
}
