/**
 * The transform and condition language of Intune Assets: SQL-flavoured expressions such as
 * `COALESCE(SerialNumber, IMEI)` or `CASE WHEN IsEncrypted = 1 THEN 'Yes' ELSE 'No' END`.
 * Zero dependencies and no `node:` imports, so the server, the API and the browser share it.
 */
import { analyze } from './check.js';
import { compileAst } from './compile.js';
import { checkError } from './errors.js';
import { parseSource } from './parser.js';
import { printExpr } from './print.js';
import { resolveLimits } from './limits.js';
import type { Expr } from './ast.js';
import type { CompileResult, EvalContext } from './compile.js';
import type { ExprError } from './errors.js';
import type { EvalResult } from './evaluate.js';
import type { FieldDef } from './fields.js';
import type { Limits } from './limits.js';
import type { ParseResult } from './parser.js';

export { ExprError } from './errors.js';
export { DEFAULT_LIMITS } from './limits.js';
export { FIELD_ALIASES, resolveField } from './fields.js';
export { FUNCTIONS } from './functions.js';
export type { Span, ExprPhase, ExprErrorJson } from './errors.js';
export type { Limits } from './limits.js';
export type { FieldDef, FieldType } from './fields.js';
export type { Expr, ExprKind, BinaryOp, UnaryOp, CastTarget } from './ast.js';
export type { ParseResult } from './parser.js';
export type { CompileResult, CompiledExpr, EvalContext } from './compile.js';
export type { EvalResult } from './evaluate.js';
export type { Value } from './values.js';
export type { FunctionDef } from './functions.js';

export interface ParseOptions {
  readonly limits?: Partial<Limits>;
}

export interface CheckOptions {
  readonly fields: readonly FieldDef[];
  readonly limits?: Partial<Limits>;
}

export interface CompileOptions {
  readonly fields: readonly FieldDef[];
  readonly limits?: Partial<Limits>;
}

/**
 * Parses source into a syntax tree, stopping at the first syntax error.
 *
 * @example
 * const res = parse('UPPER(DeviceName)');
 * if (res.ok) res.ast.kind; // 'call'
 * else console.error(res.error.format('UPPER(DeviceName)'));
 */
export function parse(source: string, options?: ParseOptions): ParseResult {
  return parseSource(source, resolveLimits(options?.limits));
}

/**
 * Every semantic error in a tree: unknown fields (with a did-you-mean), unknown functions, wrong argument
 * counts, statically known type mismatches, and invalid or unsafe REGEXP_LIKE patterns. Empty when it is valid.
 *
 * @example
 * const res = parse('UPPER(DevceName)');
 * if (res.ok) check(res.ast, { fields: [{ name: 'deviceName', type: 'text' }] });
 * // [ExprError { code: 'unknown_field', span: { start: 6, end: 15 }, summary: "unknown field 'DevceName'; did you mean 'deviceName'?" }]
 */
export function check(ast: Expr, options: CheckOptions): ExprError[] {
  try {
    return [...analyze(ast, options.fields, resolveLimits(options.limits)).errors];
  } catch (error) {
    if (error instanceof RangeError) return [checkError('too_deep', ast.span, 'expression is nested too deeply to check')];
    throw error;
  }
}

/**
 * Parses, checks and compiles once; evaluate the result per record. Returns every error at once.
 *
 * @example
 * const res = compile('COALESCE(ManagedDeviceName, DeviceName)', {
 *   fields: [{ name: 'managedDeviceName', type: 'text' }, { name: 'deviceName', type: 'text' }],
 * });
 * if (res.ok) {
 *   res.expr.fieldsUsed; // ['managedDeviceName', 'deviceName']
 *   res.expr.evaluate({ managedDeviceName: null, deviceName: 'PC-1' }); // { ok: true, value: 'PC-1' }
 * }
 */
export function compile(source: string, options: CompileOptions): CompileResult {
  const limits = resolveLimits(options.limits);
  const parsed = parseSource(source, limits);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  return compileAst(parsed.ast, options.fields, limits);
}

/**
 * One-off evaluation (compiles every time; use `compile` for many records). The error is the first compile
 * error or the runtime error.
 *
 * @example
 * evaluate("UPPER(LEFT(COALESCE(DeviceName, 'Unknown'), 50))", {
 *   fields: [{ name: 'deviceName', type: 'text' }],
 *   record: { deviceName: null },
 * }); // { ok: true, value: 'UNKNOWN' }
 */
export function evaluate(
  source: string,
  options: CompileOptions & { readonly record: Readonly<Record<string, unknown>> } & EvalContext,
): EvalResult {
  const compiled = compile(source, options);
  if (!compiled.ok) return { ok: false, error: compiled.errors[0] as ExprError };
  return compiled.expr.evaluate(options.record, options.now === undefined ? undefined : { now: options.now });
}

/**
 * Canonical source for a tree: upper-case keywords and function names, single spaces, minimal parentheses.
 * `parse(print(ast))` gives the same tree (spans aside).
 *
 * @example
 * const res = parse("coalesce(a,'x')  +  b");
 * if (res.ok) print(res.ast); // "COALESCE(a, 'x') + b"
 */
export function print(ast: Expr): string {
  return printExpr(ast);
}
