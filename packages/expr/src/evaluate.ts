import { evalError } from './errors.js';
import { compileLike, matchLike } from './like.js';
import { EvalFailure, compareValues, describeValue, fail, fromRecord, parseBitText, parseNumericText, toDate, toNumber, toText } from './values.js';
import type { CallContext } from './builtins.js';
import type { ExprError, Span } from './errors.js';
import type { FunctionDef } from './functions.js';
import type { LikePattern } from './like.js';
import type { Limits } from './limits.js';
import type { Value } from './values.js';

export const OP = Object.freeze({
  CONST: 0, FIELD: 1, FIELD_DATETIME: 2, COALESCE: 3, IIF: 4, CALL: 5,
  NEG: 6, NOT: 7, AND: 8, OR: 9, ADD: 10, SUB: 11, MUL: 12, DIV: 13, MOD: 14, JOIN: 15,
  EQ: 16, NE: 17, LT: 18, GT: 19, LE: 20, GE: 21,
  IS_NULL: 22, IN: 23, LIKE: 24, BETWEEN: 25, CASE: 26, CASE_SIMPLE: 27, CAST: 28,
});

/** Numeric kind of an arithmetic node, fixed at compile time. */
export const NUM = Object.freeze({ INT: 0, DECIMAL: 1, DYNAMIC: 2 });

export interface CastSpec {
  readonly target: 'int' | 'decimal' | 'varchar' | 'bit' | 'datetime';
  readonly length: number | null;
  readonly scale: number | null;
}

/**
 * One compiled node. Every node has the same shape (one class, fixed fields) so the evaluator's property reads
 * stay monomorphic; fields and functions are resolved before evaluation, and there are no closures.
 */
export class CNode {
  constructor(
    readonly op: number,
    readonly span: Span,
    readonly a: CNode | null = null,
    readonly b: CNode | null = null,
    readonly c: CNode | null = null,
    readonly list: readonly CNode[] = [],
    readonly value: Value = null,
    readonly key: string = '',
    /** NUM kind for arithmetic; 1 for a negated predicate. */
    readonly flag: number = 0,
    /** FunctionDef for CALL, LikePattern for a literal LIKE pattern, CastSpec for CAST. */
    readonly data: unknown = null,
    /** Prepared per-call data for CALL (the vetted RegExp of REGEXP_LIKE). */
    readonly extra: unknown = null,
  ) {}
}

export type EvalResult = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly error: ExprError };

/** Walks compiled nodes for one record at a time; not re-entrant, so one instance per compiled expression. */
export class Evaluator {
  private record: Readonly<Record<string, unknown>> = {};
  private fixedNow: Date | undefined;

  constructor(private readonly root: CNode, private readonly limits: Limits) {}

  run(record: Readonly<Record<string, unknown>>, now: Date | undefined): EvalResult {
    this.record = record;
    this.fixedNow = now;
    try {
      return { ok: true, value: this.ev(this.root) };
    } catch (error) {
      if (error instanceof EvalFailure) return { ok: false, error: error.error };
      if (error instanceof RangeError) return { ok: false, error: evalError('too_deep', this.root.span, 'expression is nested too deeply to evaluate') };
      throw error;
    } finally {
      this.record = {};
    }
  }

  private readonly now = (): Date => {
    this.fixedNow ??= new Date();
    return this.fixedNow;
  };

  private ev(n: CNode): Value {
    switch (n.op) {
      case OP.CONST:
        return n.value;
      case OP.FIELD: {
        const raw = this.record[n.key];
        if (typeof raw === 'string' || typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw))) return raw;
        if (raw === undefined || raw === null) return null;
        return fromRecord(raw, false, n.key, n.span);
      }
      case OP.FIELD_DATETIME:
        return fromRecord(this.record[n.key], true, n.key, n.span);
      case OP.COALESCE: {
        for (const arg of n.list) {
          const v = this.ev(arg);
          if (v !== null) return v;
        }
        return null;
      }
      case OP.IIF:
        return this.bool(n.a as CNode) === true ? this.ev(n.b as CNode) : this.ev(n.c as CNode);
      case OP.CALL:
        return this.call(n);
      case OP.NEG: {
        const v = this.ev(n.a as CNode);
        return v === null ? null : -toNumber(v, n.span);
      }
      case OP.NOT: {
        const v = this.bool(n.a as CNode);
        return v === null ? null : !v;
      }
      case OP.AND: {
        const l = this.bool(n.a as CNode);
        if (l === false) return false;
        const r = this.bool(n.b as CNode);
        if (r === false) return false;
        return l === null || r === null ? null : true;
      }
      case OP.OR: {
        const l = this.bool(n.a as CNode);
        if (l === true) return true;
        const r = this.bool(n.b as CNode);
        if (r === true) return true;
        return l === null || r === null ? null : false;
      }
      case OP.ADD:
      case OP.SUB:
      case OP.MUL:
      case OP.DIV:
      case OP.MOD:
        return this.arithmetic(n);
      case OP.JOIN: {
        const l = this.ev(n.a as CNode);
        const r = this.ev(n.b as CNode);
        if (l === null || r === null) return null;
        return this.capped(toText(l) + toText(r), n.span);
      }
      case OP.EQ:
      case OP.NE:
      case OP.LT:
      case OP.GT:
      case OP.LE:
      case OP.GE:
        return this.compare(n);
      case OP.IS_NULL:
        return (this.ev(n.a as CNode) === null) !== (n.flag === 1);
      case OP.IN:
        return this.inList(n);
      case OP.LIKE: {
        const v = this.ev(n.a as CNode);
        if (v === null) return null;
        let pattern = n.data as LikePattern | null;
        if (pattern === null) {
          const p = this.ev(n.b as CNode);
          if (p === null) return null;
          pattern = compileLike(toText(p));
        }
        return matchLike(pattern, toText(v)) !== (n.flag === 1);
      }
      case OP.BETWEEN: {
        const v = this.ev(n.a as CNode);
        const lo = this.ev(n.b as CNode);
        const hi = this.ev(n.c as CNode);
        if (v === null) return null;
        const ge = lo === null ? null : compareValues(v, lo, n.span) >= 0;
        const le = hi === null ? null : compareValues(v, hi, n.span) <= 0;
        const inside = ge === false || le === false ? false : ge === null || le === null ? null : true;
        return inside === null ? null : inside !== (n.flag === 1);
      }
      case OP.CASE: {
        const list = n.list;
        for (let i = 0; i < list.length; i += 2) {
          if (this.bool(list[i] as CNode) === true) return this.ev(list[i + 1] as CNode);
        }
        return n.a === null ? null : this.ev(n.a);
      }
      case OP.CASE_SIMPLE: {
        const v = this.ev(n.a as CNode);
        const list = n.list;
        if (v !== null) {
          for (let i = 0; i < list.length; i += 2) {
            const w = this.ev(list[i] as CNode);
            if (w !== null && compareValues(v, w, (list[i] as CNode).span) === 0) return this.ev(list[i + 1] as CNode);
          }
        }
        return n.b === null ? null : this.ev(n.b);
      }
      case OP.CAST:
        return this.cast(n);
      default:
        throw new Error(`unknown compiled op ${n.op}`);
    }
  }

  private bool(n: CNode): boolean | null {
    const v = this.ev(n);
    if (v === null || typeof v === 'boolean') return v;
    return fail('type_mismatch', n.span, `expected a condition (TRUE/FALSE), got ${describeValue(v)}`);
  }

  private capped(s: string, span: Span): string {
    if (s.length > this.limits.maxStringLength) {
      fail('string_too_long', span, `result is ${s.length} characters long; the limit is ${this.limits.maxStringLength}`);
    }
    return s;
  }

  private arithmetic(n: CNode): Value {
    const l = this.ev(n.a as CNode);
    const r = this.ev(n.b as CNode);
    if (l === null || r === null) return null;
    if (n.op === OP.ADD && (typeof l === 'string' || typeof r === 'string')) return this.capped(toText(l) + toText(r), n.span);
    if (l instanceof Date && (n.op === OP.ADD || n.op === OP.SUB)) {
      // why: T-SQL treats datetime ± number as days.
      const days = toNumber(r, n.span);
      return this.dateOrOverflow(l.getTime() + (n.op === OP.ADD ? days : -days) * 86_400_000, n.span);
    }
    if (r instanceof Date && n.op === OP.ADD) return this.dateOrOverflow(r.getTime() + toNumber(l, n.span) * 86_400_000, n.span);
    const x = toNumber(l, n.span);
    const y = toNumber(r, n.span);
    const isInt = n.flag === NUM.INT || (n.flag === NUM.DYNAMIC && Number.isInteger(x) && Number.isInteger(y));
    let result: number;
    switch (n.op) {
      case OP.ADD:
        result = x + y;
        break;
      case OP.SUB:
        result = x - y;
        break;
      case OP.MUL:
        result = x * y;
        break;
      case OP.DIV:
        if (y === 0) fail('division_by_zero', n.span, 'division by zero');
        result = isInt ? Math.trunc(x / y) : x / y;
        break;
      default:
        if (y === 0) fail('division_by_zero', n.span, 'modulo by zero');
        result = x % y;
    }
    if (isInt ? !Number.isSafeInteger(result) : !Number.isFinite(result)) fail('arithmetic_overflow', n.span, 'arithmetic overflow');
    return result === 0 ? 0 : result;
  }

  private dateOrOverflow(time: number, span: Span): Date {
    if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) fail('arithmetic_overflow', span, 'datetime arithmetic is out of range');
    return new Date(time);
  }

  private compare(n: CNode): Value {
    const l = this.ev(n.a as CNode);
    const r = this.ev(n.b as CNode);
    if (l === null || r === null) return null;
    const c = compareValues(l, r, n.span);
    switch (n.op) {
      case OP.EQ:
        return c === 0;
      case OP.NE:
        return c !== 0;
      case OP.LT:
        return c < 0;
      case OP.GT:
        return c > 0;
      case OP.LE:
        return c <= 0;
      default:
        return c >= 0;
    }
  }

  private inList(n: CNode): Value {
    const v = this.ev(n.a as CNode);
    if (v === null) return null;
    let sawNull = false;
    for (const item of n.list) {
      const x = this.ev(item);
      if (x === null) sawNull = true;
      else if (compareValues(v, x, item.span) === 0) return n.flag !== 1;
    }
    return sawNull ? null : n.flag === 1;
  }

  private call(n: CNode): Value {
    const fn = n.data as FunctionDef;
    const args: Value[] = [];
    let hasNull = false;
    for (const arg of n.list) {
      const v = this.ev(arg);
      if (v === null) hasNull = true;
      args.push(v);
    }
    if (hasNull && !fn.nullSafe) return null;
    const context: CallContext = { span: n.span, limits: this.limits, now: this.now, data: n.extra };
    if (fn.impl === null) throw new Error(`function ${fn.name} has no implementation`);
    return fn.impl(args, context);
  }

  private cast(n: CNode): Value {
    const v = this.ev(n.a as CNode);
    if (v === null) return null;
    const spec = n.data as CastSpec;
    switch (spec.target) {
      case 'int': {
        if (typeof v === 'string') {
          const parsed = parseNumericText(v);
          if (parsed === undefined || !Number.isInteger(parsed)) fail('conversion_failed', n.span, `cannot convert ${describeValue(v)} to int`);
          return parsed;
        }
        const t = Math.trunc(toNumber(v, n.span));
        if (!Number.isSafeInteger(t)) fail('arithmetic_overflow', n.span, 'value is too large for int');
        return t === 0 ? 0 : t;
      }
      case 'decimal': {
        const x = toNumber(v, n.span);
        if (spec.scale === null) return x;
        const factor = 10 ** Math.min(spec.scale, 15);
        return Math.sign(x) * Math.round(Math.abs(x) * factor * (1 + Number.EPSILON)) / factor;
      }
      case 'varchar': {
        const s = toText(v);
        if (spec.length === null) return s;
        return Array.from(s).slice(0, spec.length).join('');
      }
      case 'bit': {
        if (typeof v === 'boolean') return v;
        if (typeof v === 'string') {
          const bit = parseBitText(v);
          if (bit !== undefined) return bit;
        }
        return toNumber(v, n.span) !== 0;
      }
      case 'datetime':
        return toDate(v, n.span);
    }
  }
}

