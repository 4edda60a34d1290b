import { FUNCTIONS, compile, resolveField } from '@intune-assets/expr';
import type { Expr, FieldDef, FieldType } from '@intune-assets/expr';
import type { FieldIssue } from '@intune-assets/contracts';
import { ExpressionCompiler, toIssue } from './expression-compiler.js';
import { fieldScope } from './field-scope.js';

export type ExpressionKind = 'transform' | 'condition';
export type ResultType = FieldType | 'null';

export interface ExpressionCheckResult {
  readonly ok: boolean;
  readonly type?: ResultType;
  readonly fieldsUsed: readonly string[];
  /** Path `expression`, with the expr error's code and span for the editor to underline. */
  readonly issues: readonly FieldIssue[];
}

/**
 * Parses and checks one expression as the expression editor types it, against the Intune fields of a Graph version
 * (restricted to `selectedFields` when given, with the sync's identity fields always readable). A condition must be
 * boolean: a result type that cannot be one is an issue (`not_a_condition`).
 *
 * @example
 * checkExpression({ expression: "Model LIKE '%Latitude%'", kind: 'condition' }); // { ok: true, type: 'boolean', … }
 */
export function checkExpression(input: {
  readonly expression: string;
  readonly kind: ExpressionKind;
  readonly graphApiVersion?: 'v1.0' | 'beta';
  readonly selectedFields?: readonly string[];
}): ExpressionCheckResult {
  const scope = fieldScope({ version: input.graphApiVersion ?? 'v1.0', selectedFields: input.selectedFields, ownerField: 'userPrincipalName' });
  const compiler = new ExpressionCompiler(scope);
  const expr = compiler.compile('expression', input.expression);
  if (expr === null) return { ok: false, fieldsUsed: [], issues: compiler.issues };
  const type = resultType(expr.ast, scope.allowed);
  const fieldsUsed = expr.fieldsUsed;
  if (input.kind === 'condition' && type !== 'boolean' && type !== 'unknown' && type !== 'null') {
    const span = expr.ast.span;
    return {
      ok: false,
      type,
      fieldsUsed,
      issues: [{ path: 'expression', code: 'not_a_condition', span, message: `a condition must be TRUE or FALSE; this expression gives ${type} (compare it, e.g. ${'`'}Model = 'X'${'`'})` }],
    };
  }
  return { ok: true, type, fieldsUsed, issues: [] };
}

export type EvaluateResult =
  | { readonly ok: true; readonly value: string | number | boolean | null }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/** Evaluates one expression against one device record whose keys may be written as in Graph or as in expressions. */
export function evaluateExpression(input: { readonly expression: string; readonly record: Readonly<Record<string, unknown>> }): EvaluateResult {
  const scope = fieldScope({ version: 'beta', selectedFields: undefined, ownerField: 'userPrincipalName' });
  const fields = mergeFields(scope.allowed, fieldScope({ version: 'v1.0', selectedFields: undefined, ownerField: 'userPrincipalName' }).allowed);
  const compiled = compile(input.expression, { fields });
  if (!compiled.ok) return { ok: false, issues: compiled.errors.map((error) => ({ path: 'expression', ...toIssue(error, input.expression) })) };
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.record)) record[resolveField(key, fields)?.name ?? key] = value;
  const result = compiled.expr.evaluate(record);
  if (!result.ok) return { ok: false, issues: [{ path: 'expression', ...toIssue(result.error, input.expression) }] };
  const value = result.value;
  return { ok: true, value: value instanceof Date ? value.toISOString() : value };
}

function mergeFields(a: readonly FieldDef[], b: readonly FieldDef[]): FieldDef[] {
  const names = new Set(a.map((f) => f.name));
  return [...a, ...b.filter((f) => !names.has(f.name))];
}

/** The static result type of a checked tree, from its root: what a condition editor needs to know. */
export function resultType(ast: Expr, fields: readonly FieldDef[]): ResultType {
  switch (ast.kind) {
    case 'literal':
      return ast.type;
    case 'field':
      return resolveField(ast.name, fields)?.type ?? 'unknown';
    case 'call': {
      const fn = FUNCTIONS.get(ast.name);
      if (fn === undefined) return 'unknown';
      if (fn.returns !== 'common') return fn.returns;
      return common(ast.args.slice(ast.name === 'IIF' ? 1 : 0).map((arg) => resultType(arg, fields)));
    }
    case 'binary':
      if (['=', '<>', '<', '>', '<=', '>=', 'AND', 'OR'].includes(ast.op)) return 'boolean';
      if (ast.op === '||') return 'text';
      if (ast.op === '+') {
        const sides = [resultType(ast.left, fields), resultType(ast.right, fields)];
        if (sides.includes('text')) return 'text';
        return sides.every((t) => t === 'number') ? 'number' : 'unknown';
      }
      return 'number';
    case 'unary':
      return ast.op === 'NOT' ? 'boolean' : 'number';
    case 'case':
      return common([...ast.whens.map((w) => resultType(w.then, fields)), ...(ast.otherwise === null ? [] : [resultType(ast.otherwise, fields)])]);
    case 'cast':
      return CAST_TYPES[ast.target];
    case 'is_null':
    case 'in':
    case 'like':
    case 'between':
      return 'boolean';
  }
}

const CAST_TYPES = { int: 'number', decimal: 'number', varchar: 'text', bit: 'boolean', datetime: 'datetime' } as const;

function common(types: readonly ResultType[]): ResultType {
  const known = [...new Set(types.filter((t) => t !== 'null'))];
  if (known.length === 0) return 'null';
  return known.length === 1 && known[0] !== undefined ? known[0] : 'unknown';
}
