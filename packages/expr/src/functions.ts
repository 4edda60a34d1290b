import { IMPLS } from './builtins.js';
import type { Impl } from './builtins.js';
import type { FieldType } from './fields.js';

/** A static type as the checker infers it; `null` is the type of the NULL literal. */
export type StaticType = FieldType | 'null';
/** T-SQL's integer vs decimal distinction for numbers: `7 / 2` = 3 but `7 / 2.0` = 3.5. */
export type NumKind = 'int' | 'decimal' | 'dynamic';
export type ParamType = 'any' | 'text' | 'number' | 'datetime' | 'boolean' | 'datepart';

export interface FunctionDef {
  readonly name: string;
  /** For docs and wrong_arity messages. */
  readonly signature: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** One type per parameter; the last repeats for variadic functions. */
  readonly params: readonly ParamType[];
  /** `common`: the shared type of the value arguments (COALESCE, IIF). */
  readonly returns: StaticType | 'common';
  readonly numKind: NumKind | 'first' | 'common';
  /** Lazy functions are evaluated by the evaluator itself, so later arguments are not computed needlessly. */
  readonly lazy: boolean;
  /** Null-safe functions see NULL arguments; the others return NULL when any argument is NULL. */
  readonly nullSafe: boolean;
  readonly impl: Impl | null;
}

const VARIADIC = Number.POSITIVE_INFINITY;

function def(
  name: string,
  signature: string,
  shape: Pick<FunctionDef, 'minArgs' | 'maxArgs' | 'params' | 'returns'> & Partial<Pick<FunctionDef, 'numKind' | 'lazy' | 'nullSafe'>>,
): FunctionDef {
  return Object.freeze({
    name,
    signature,
    numKind: 'dynamic',
    lazy: false,
    nullSafe: false,
    impl: IMPLS[name] ?? null,
    ...shape,
  });
}

const DEFS: readonly FunctionDef[] = [
  def('COALESCE', 'COALESCE(any, any, …) → first non-NULL', { minArgs: 2, maxArgs: VARIADIC, params: ['any'], returns: 'common', numKind: 'common', lazy: true }),
  def('ISNULL', 'ISNULL(any, any) → first non-NULL', { minArgs: 2, maxArgs: 2, params: ['any'], returns: 'common', numKind: 'common', lazy: true }),
  def('IIF', 'IIF(boolean, any, any) → any', { minArgs: 3, maxArgs: 3, params: ['boolean', 'any', 'any'], returns: 'common', numKind: 'common', lazy: true }),
  def('NULLIF', 'NULLIF(any, any) → any', { minArgs: 2, maxArgs: 2, params: ['any'], returns: 'common', numKind: 'first', nullSafe: true }),
  def('UPPER', 'UPPER(text) → text', { minArgs: 1, maxArgs: 1, params: ['text'], returns: 'text' }),
  def('LOWER', 'LOWER(text) → text', { minArgs: 1, maxArgs: 1, params: ['text'], returns: 'text' }),
  def('LEFT', 'LEFT(text, number) → text', { minArgs: 2, maxArgs: 2, params: ['text', 'number'], returns: 'text' }),
  def('RIGHT', 'RIGHT(text, number) → text', { minArgs: 2, maxArgs: 2, params: ['text', 'number'], returns: 'text' }),
  def('SUBSTRING', 'SUBSTRING(text, start, length) → text', { minArgs: 3, maxArgs: 3, params: ['text', 'number', 'number'], returns: 'text' }),
  def('TRIM', 'TRIM(text) → text', { minArgs: 1, maxArgs: 1, params: ['text'], returns: 'text' }),
  def('LTRIM', 'LTRIM(text) → text', { minArgs: 1, maxArgs: 1, params: ['text'], returns: 'text' }),
  def('RTRIM', 'RTRIM(text) → text', { minArgs: 1, maxArgs: 1, params: ['text'], returns: 'text' }),
  def('REPLACE', 'REPLACE(text, find, replacement) → text', { minArgs: 3, maxArgs: 3, params: ['text'], returns: 'text' }),
  def('LEN', 'LEN(text) → number', { minArgs: 1, maxArgs: 1, params: ['text'], returns: 'number', numKind: 'int' }),
  def('CONCAT', 'CONCAT(any, any, …) → text', { minArgs: 2, maxArgs: VARIADIC, params: ['any'], returns: 'text', nullSafe: true }),
  def('CHARINDEX', 'CHARINDEX(find, text [, start]) → number', { minArgs: 2, maxArgs: 3, params: ['text', 'text', 'number'], returns: 'number', numKind: 'int' }),
  def('ROUND', 'ROUND(number [, digits]) → number', { minArgs: 1, maxArgs: 2, params: ['number'], returns: 'number', numKind: 'first' }),
  def('FLOOR', 'FLOOR(number) → number', { minArgs: 1, maxArgs: 1, params: ['number'], returns: 'number', numKind: 'first' }),
  def('CEILING', 'CEILING(number) → number', { minArgs: 1, maxArgs: 1, params: ['number'], returns: 'number', numKind: 'first' }),
  def('ABS', 'ABS(number) → number', { minArgs: 1, maxArgs: 1, params: ['number'], returns: 'number', numKind: 'first' }),
  def('GETUTCDATE', 'GETUTCDATE() → datetime', { minArgs: 0, maxArgs: 0, params: [], returns: 'datetime' }),
  def('GETDATE', 'GETDATE() → datetime (UTC)', { minArgs: 0, maxArgs: 0, params: [], returns: 'datetime' }),
  def('DATEADD', 'DATEADD(part, number, datetime) → datetime', { minArgs: 3, maxArgs: 3, params: ['datepart', 'number', 'datetime'], returns: 'datetime' }),
  def('DATEDIFF', 'DATEDIFF(part, datetime, datetime) → number', { minArgs: 3, maxArgs: 3, params: ['datepart', 'datetime', 'datetime'], returns: 'number', numKind: 'int' }),
  def('FORMAT_BYTES', "FORMAT_BYTES(number, 'KB'|'MB'|'GB'|'TB') → text", { minArgs: 2, maxArgs: 2, params: ['number', 'text'], returns: 'text' }),
  def('REGEXP_LIKE', 'REGEXP_LIKE(text, pattern [, flags]) → boolean', { minArgs: 2, maxArgs: 3, params: ['text'], returns: 'boolean' }),
];

/** Every function the language knows, by upper-case name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(DEFS.map((d) => [d.name, d]));

export function paramType(fn: FunctionDef, index: number): ParamType {
  return fn.params[Math.min(index, fn.params.length - 1)] ?? 'any';
}
