import { dateAdd, dateDiff, toDatePart } from './dates.js';
import { compareValues, fail, toDate, toNumber, toText } from './values.js';
import type { Span } from './errors.js';
import type { Limits } from './limits.js';
import type { Value } from './values.js';

/** What a function implementation may use besides its arguments. */
export interface CallContext {
  readonly span: Span;
  readonly limits: Limits;
  readonly now: () => Date;
  /** Pre-vetted data prepared at compile time (the RegExp of REGEXP_LIKE). */
  readonly data: unknown;
}

export type Impl = (args: readonly Value[], call: CallContext) => Value;
type NonNull = Exclude<Value, null>;

const SURROGATE = /[\uD800-\uDFFF]/;

/** Characters are Unicode code points, so LEFT(x, 1) never splits an emoji. */
function chars(s: string): readonly string[] | string {
  return SURROGATE.test(s) ? Array.from(s) : s;
}

function sliceChars(s: string, start: number, end?: number): string {
  const c = chars(s);
  return typeof c === 'string' ? c.slice(start, end) : c.slice(start, end).join('');
}

function charCount(s: string): number {
  const c = chars(s);
  return c.length;
}

export function capString(s: string, call: CallContext): string {
  if (s.length > call.limits.maxStringLength) {
    fail('string_too_long', call.span, `result is ${s.length} characters long; the limit is ${call.limits.maxStringLength}`);
  }
  return s;
}

/** Arity is checked and NULLs are handled before an implementation runs, so a missing value is a bug. */
function present(v: Value | undefined): NonNull {
  if (v === undefined || v === null) throw new Error('function argument missing after arity and NULL checks');
  return v;
}

function text(v: Value | undefined): string {
  return toText(present(v));
}

function num(v: Value | undefined, call: CallContext): number {
  return toNumber(present(v), call.span);
}

function length(v: Value | undefined, call: CallContext, fn: string): number {
  const n = Math.trunc(num(v, call));
  if (n < 0) fail('invalid_argument', call.span, `${fn} needs a length of 0 or more, got ${n}`);
  return n;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function roundHalfAwayFromZero(x: number, digits: number): number {
  const d = Math.max(-15, Math.min(15, Math.trunc(digits)));
  const factor = 10 ** Math.abs(d);
  const scaled = d >= 0 ? Math.abs(x) * factor : Math.abs(x) / factor;
  // why: 1.005 * 100 is 100.49999999999999 in binary floating point; T-SQL's decimal rounds it to 1.01.
  const rounded = Math.round(scaled * (1 + Number.EPSILON));
  const result = d >= 0 ? rounded / factor : rounded * factor;
  return x < 0 ? -result : result;
}

const BYTE_UNITS: Readonly<Record<string, number>> = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
export const BYTE_UNIT_NAMES = Object.keys(BYTE_UNITS);

export const IMPLS: Readonly<Record<string, Impl>> = {
  NULLIF: ([a = null, b = null], call) => (a === null ? null : b === null ? a : compareValues(a, b, call.span) === 0 ? null : a),
  UPPER: ([a]) => text(a).toUpperCase(),
  LOWER: ([a]) => text(a).toLowerCase(),
  LEFT: ([a, n], call) => sliceChars(text(a), 0, length(n, call, 'LEFT')),
  RIGHT: ([a, n], call) => {
    const count = length(n, call, 'RIGHT');
    return count === 0 ? '' : sliceChars(text(a), -count);
  },
  SUBSTRING: ([a, start, len], call) => {
    const from = Math.trunc(num(start, call));
    const count = length(len, call, 'SUBSTRING');
    const first = Math.max(from, 1);
    const last = from + count;
    return last <= first ? '' : sliceChars(text(a), first - 1, last - 1);
  },
  TRIM: ([a]) => text(a).trim(),
  LTRIM: ([a]) => text(a).trimStart(),
  RTRIM: ([a]) => text(a).trimEnd(),
  REPLACE: ([a, find, replacement], call) => {
    const s = text(a);
    const f = text(find);
    if (f === '') return s;
    const r = text(replacement);
    // why: the default SQL Server collation makes REPLACE case-insensitive, like `=`.
    const parts = s.split(new RegExp(escapeRegExp(f), 'i'));
    const estimated = s.length + (parts.length - 1) * (r.length - f.length);
    if (estimated > call.limits.maxStringLength) {
      fail('string_too_long', call.span, `REPLACE result would be ${estimated} characters long; the limit is ${call.limits.maxStringLength}`);
    }
    return parts.join(r);
  },
  LEN: ([a]) => charCount(text(a).replace(/ +$/, '')),
  CONCAT: (args, call) => capString(args.map((v) => (v === null ? '' : toText(v))).join(''), call),
  CHARINDEX: ([find, within, start], call) => {
    const f = text(find).toLowerCase();
    const s = text(within).toLowerCase();
    const from = start === undefined ? 0 : Math.max(Math.trunc(num(start, call)) - 1, 0);
    return s.indexOf(f, from) + 1;
  },
  ROUND: ([x, digits], call) => roundHalfAwayFromZero(num(x, call), digits === undefined ? 0 : num(digits, call)),
  FLOOR: ([x], call) => Math.floor(num(x, call)),
  CEILING: ([x], call) => Math.ceil(num(x, call)),
  ABS: ([x], call) => Math.abs(num(x, call)),
  GETUTCDATE: (_args, call) => call.now(),
  GETDATE: (_args, call) => call.now(),
  DATEADD: ([part, n, date], call) => dateAdd(toDatePart(text(part), call.span), num(n, call), toDate(present(date), call.span), call.span),
  DATEDIFF: ([part, a, b], call) => dateDiff(toDatePart(text(part), call.span), toDate(present(a), call.span), toDate(present(b), call.span)),
  FORMAT_BYTES: ([x, unit], call) => {
    const name = text(unit).toUpperCase();
    const divisor = BYTE_UNITS[name];
    if (divisor === undefined) fail('invalid_argument', call.span, `FORMAT_BYTES unit must be one of ${BYTE_UNIT_NAMES.join(', ')}, got '${text(unit)}'`);
    return `${roundHalfAwayFromZero(num(x, call) / divisor, 2)} ${name}`;
  },
  REGEXP_LIKE: ([a], call) => {
    const s = text(a);
    if (s.length > call.limits.maxRegexInputLength) {
      fail('regex_input_too_long', call.span, `REGEXP_LIKE input is ${s.length} characters long; the limit is ${call.limits.maxRegexInputLength}`);
    }
    const regex = call.data;
    if (!(regex instanceof RegExp)) return fail('invalid_argument', call.span, 'REGEXP_LIKE pattern was not prepared at compile time');
    return regex.test(s);
  },
};
