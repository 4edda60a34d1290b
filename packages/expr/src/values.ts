import { evalError } from './errors.js';
import type { ExprError, Span } from './errors.js';

/** A runtime value: text, number, boolean, datetime or NULL. */
export type Value = string | number | boolean | Date | null;

/** Thrown inside evaluation only; `evaluate` turns it into an `{ ok: false }` result. */
export class EvalFailure {
  constructor(readonly error: ExprError) {}
}

export function fail(code: string, span: Span, summary: string): never {
  throw new EvalFailure(evalError(code, span, summary));
}

export function describeValue(v: Value): string {
  if (v === null) return 'NULL';
  if (v instanceof Date) return 'a datetime';
  return `${typeof v === 'string' ? 'text' : typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

/** T-SQL's conversions to text: bit → '1'/'0', datetime → ISO 8601 in UTC. */
export function toText(v: Exclude<Value, null>): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return v.toISOString();
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function parseNumericText(s: string): number | undefined {
  if (!NUMERIC_TEXT.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export function toNumber(v: Exclude<Value, null>, span: Span): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = parseNumericText(v);
    if (n === undefined) fail('conversion_failed', span, `cannot convert ${describeValue(v)} to a number`);
    return n;
  }
  return fail('type_mismatch', span, 'expected a number, got a datetime');
}

const BIT_TEXT: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false };

export function parseBitText(s: string): boolean | undefined {
  return BIT_TEXT[s.trim().toLowerCase()];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 dates as Graph writes them; a time without a zone is taken as UTC. */
export function parseDateText(s: string): Date | undefined {
  const m = ISO_DATE.exec(s.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(time).getUTCDate() !== day) return undefined;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const offsetMin = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
    time -= (zone[0] === '-' ? -1 : 1) * offsetMin * 60_000;
  }
  return new Date(time);
}

export function toDate(v: Exclude<Value, null>, span: Span): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'string') {
    const d = parseDateText(v);
    if (d === undefined) fail('conversion_failed', span, `cannot convert ${describeValue(v)} to a datetime (use ISO 8601, e.g. '2024-05-01T08:00:00Z')`);
    return d;
  }
  return fail('type_mismatch', span, `expected a datetime, got ${describeValue(v)}`);
}

/** The default SQL Server collation: case-insensitive, trailing spaces ignored. */
export function foldText(s: string): string {
  return s.toLowerCase().replace(/ +$/, '');
}

/**
 * Orders two non-NULL values with T-SQL's implicit conversions: text is converted to the other side's type,
 * booleans compare as 1/0, and text compares case-insensitively.
 */
export function compareValues(a: Exclude<Value, null>, b: Exclude<Value, null>, span: Span): number {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return 0;
    const fa = foldText(a);
    const fb = foldText(b);
    return fa < fb ? -1 : fa > fb ? 1 : 0;
  }
  if (a instanceof Date || b instanceof Date) {
    if (typeof a === 'number' || typeof a === 'boolean' || typeof b === 'number' || typeof b === 'boolean') {
      fail('type_mismatch', span, `cannot compare ${describeValue(a)} with ${describeValue(b)}`);
    }
    return Math.sign(toDate(a, span).getTime() - toDate(b, span).getTime());
  }
  if (typeof a === 'boolean' && typeof b === 'string') return compareBit(a, b, span);
  if (typeof a === 'string' && typeof b === 'boolean') return -compareBit(b, a, span);
  const na = toNumber(a, span);
  const nb = toNumber(b, span);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function compareBit(a: boolean, b: string, span: Span): number {
  const bit = parseBitText(b);
  if (bit === undefined) fail('conversion_failed', span, `cannot compare a boolean with ${describeValue(b)}`);
  return Number(a) - Number(bit);
}

/** A record's value as a runtime value; `isDatetime` fields convert ISO strings to Date. */
export function fromRecord(raw: unknown, isDatetime: boolean, name: string, span: Span): Value {
  if (raw === null || raw === undefined) return null;
  switch (typeof raw) {
    case 'string':
      if (!isDatetime) return raw;
      return parseDateText(raw) ?? fail('invalid_value', span, `field ${name} holds ${JSON.stringify(raw.slice(0, 40))}, which is not an ISO 8601 datetime`);
    case 'number':
      return Number.isFinite(raw) ? raw : fail('invalid_value', span, `field ${name} holds a non-finite number`);
    case 'boolean':
      return raw;
    default:
      if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw;
      return fail('invalid_value', span, `field ${name} holds ${Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}, not a text, number, boolean or datetime`);
  }
}
