import { assertNever } from './ast.js';
import { BYTE_UNIT_NAMES } from './builtins.js';
import { DATE_PARTS } from './dates.js';
import { checkError } from './errors.js';
import { closestSpelling, indexFields } from './fields.js';
import { FUNCTIONS, paramType } from './functions.js';
import { vetRegex } from './regex-safety.js';
import { parseBitText, parseDateText, parseNumericText } from './values.js';
import type { CallNode, Expr, FieldNode } from './ast.js';
import type { ExprError, Span } from './errors.js';
import type { FieldDef } from './fields.js';
import type { FunctionDef, NumKind, ParamType, StaticType } from './functions.js';
import type { Limits } from './limits.js';

/** What the checker learned about a tree; `compile` builds the evaluator from it. */
export interface Analysis {
  readonly errors: readonly ExprError[];
  readonly fields: ReadonlyMap<FieldNode, FieldDef>;
  readonly numKinds: ReadonlyMap<Expr, NumKind>;
  readonly regexes: ReadonlyMap<CallNode, RegExp>;
}

interface Inferred {
  readonly type: StaticType;
  readonly num: NumKind;
}

const UNKNOWN: Inferred = { type: 'unknown', num: 'dynamic' };
const BOOLEAN: Inferred = { type: 'boolean', num: 'int' };
const TEXT: Inferred = { type: 'text', num: 'dynamic' };

/** Type-checks a parsed tree against the caller's fields, collecting every semantic error. */
export function analyze(ast: Expr, fields: readonly FieldDef[], limits: Limits): Analysis {
  const checker = new Checker(fields, limits);
  checker.infer(ast);
  return { errors: checker.errors, fields: checker.fields, numKinds: checker.numKinds, regexes: checker.regexes };
}

class Checker {
  readonly errors: ExprError[] = [];
  readonly fields = new Map<FieldNode, FieldDef>();
  readonly numKinds = new Map<Expr, NumKind>();
  readonly regexes = new Map<CallNode, RegExp>();
  private readonly index;

  constructor(fieldList: readonly FieldDef[], private readonly limits: Limits) {
    this.index = indexFields(fieldList);
  }

  infer(node: Expr): Inferred {
    const result = this.inferNode(node);
    this.numKinds.set(node, result.num);
    return result;
  }

  private inferNode(node: Expr): Inferred {
    switch (node.kind) {
      case 'literal':
        if (node.type === 'number') return { type: 'number', num: node.isDecimal ? 'decimal' : 'int' };
        return node.type === 'boolean' ? BOOLEAN : { type: node.type, num: 'dynamic' };
      case 'field': {
        const field = this.index.byKey.get(node.name.toLowerCase());
        if (field === undefined) {
          const guess = closestSpelling(node.name, this.index.spellings);
          // A bare word is most often meant as text (the seed's own Data_Source row writes `Intune`).
          const hint = guess === undefined ? `; text goes in single quotes: '${node.name}'` : `; did you mean '${guess}'?`;
          this.error('unknown_field', node.span, `unknown field '${node.name}'${hint}`);
          return UNKNOWN;
        }
        this.fields.set(node, field);
        return { type: field.type, num: 'dynamic' };
      }
      case 'call':
        return this.inferCall(node);
      case 'binary':
        return this.inferBinary(node.op, node.left, node.right, node.span);
      case 'unary': {
        const operand = this.infer(node.operand);
        if (node.op === 'NOT') {
          this.expectCondition(node.operand, operand.type);
          return BOOLEAN;
        }
        this.expectNumber(node.operand, operand.type, `unary ${node.op}`);
        return { type: 'number', num: operand.num };
      }
      case 'case': {
        const operand = node.operand === null ? undefined : this.infer(node.operand);
        const results: Inferred[] = [];
        for (const w of node.whens) {
          const when = this.infer(w.when);
          if (node.operand !== null && operand !== undefined) this.expectComparable(node.operand, operand.type, w.when, when.type);
          else this.expectCondition(w.when, when.type);
          results.push(this.infer(w.then));
        }
        results.push(node.otherwise === null ? { type: 'null', num: 'dynamic' } : this.infer(node.otherwise));
        return common(results);
      }
      case 'cast':
        return this.inferCast(node.operand, node.target, node.span);
      case 'is_null':
        this.infer(node.operand);
        return BOOLEAN;
      case 'in': {
        const operand = this.infer(node.operand);
        for (const item of node.list) this.expectComparable(node.operand, operand.type, item, this.infer(item).type);
        return BOOLEAN;
      }
      case 'like':
        this.infer(node.operand);
        this.infer(node.pattern);
        return BOOLEAN;
      case 'between': {
        const operand = this.infer(node.operand);
        this.expectComparable(node.operand, operand.type, node.low, this.infer(node.low).type);
        this.expectComparable(node.operand, operand.type, node.high, this.infer(node.high).type);
        return BOOLEAN;
      }
      default:
        return assertNever(node);
    }
  }

  private inferBinary(op: string, leftNode: Expr, rightNode: Expr, span: Span): Inferred {
    const left = this.infer(leftNode);
    const right = this.infer(rightNode);
    switch (op) {
      case 'AND':
      case 'OR':
        this.expectCondition(leftNode, left.type);
        this.expectCondition(rightNode, right.type);
        return BOOLEAN;
      case '||':
        return TEXT;
      case '=':
      case '<>':
      case '<':
      case '>':
      case '<=':
      case '>=':
        this.expectComparable(leftNode, left.type, rightNode, right.type);
        return BOOLEAN;
      case '+':
        if (left.type === 'text' || right.type === 'text') return TEXT;
        if (left.type === 'datetime' && right.type === 'datetime') {
          this.error('type_mismatch', span, 'cannot add two datetimes; use DATEDIFF for the time between them');
          return UNKNOWN;
        }
        if (left.type === 'datetime' || right.type === 'datetime') {
          this.expectNumber(left.type === 'datetime' ? rightNode : leftNode, left.type === 'datetime' ? right.type : left.type, '+ with a datetime');
          return { type: 'datetime', num: 'dynamic' };
        }
        return numeric(left, right);
      default:
        if (op === '-' && left.type === 'datetime') {
          this.expectNumber(rightNode, right.type, '- from a datetime (days)');
          return { type: 'datetime', num: 'dynamic' };
        }
        this.expectNumber(leftNode, left.type, `operator ${op}`);
        this.expectNumber(rightNode, right.type, `operator ${op}`);
        return numeric(left, right);
    }
  }

  private inferCall(node: CallNode): Inferred {
    const fn = FUNCTIONS.get(node.name);
    if (fn === undefined) {
      const guess = closestSpelling(node.name, [...FUNCTIONS.keys()]);
      this.error('unknown_function', node.nameSpan, `unknown function ${node.name}${guess === undefined ? '' : `; did you mean ${guess}?`}`);
      for (const arg of node.args) this.infer(arg);
      return UNKNOWN;
    }
    if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
      const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Number.POSITIVE_INFINITY ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
      this.error('wrong_arity', node.span, `${fn.name} takes ${expected} argument${expected === '1' ? '' : 's'}, got ${node.args.length}: ${fn.signature}`);
    }
    const args = node.args.map((arg, i) => {
      const param = paramType(fn, i);
      if (param === 'datepart') {
        this.checkDatePart(arg);
        return TEXT;
      }
      const inferred = this.infer(arg);
      this.expectParam(fn, param, arg, inferred.type);
      return inferred;
    });
    if (fn.name === 'REGEXP_LIKE') this.checkRegex(node);
    if (fn.name === 'FORMAT_BYTES') this.checkByteUnit(node.args[1]);
    const values = fn.name === 'IIF' ? args.slice(1) : args;
    const type = fn.returns === 'common' ? common(values).type : fn.returns;
    const num = fn.numKind === 'common' ? common(values).num : fn.numKind === 'first' ? (args[0]?.num ?? 'dynamic') : fn.numKind;
    return { type, num };
  }

  private inferCast(operandNode: Expr, target: string, span: Span): Inferred {
    const operand = this.infer(operandNode);
    const from = operand.type;
    const literal = operandNode.kind === 'literal' && operandNode.type === 'text' ? operandNode.value : undefined;
    const bad =
      (target === 'datetime' && (from === 'number' || from === 'boolean' || (literal !== undefined && parseDateText(literal) === undefined))) ||
      ((target === 'int' || target === 'decimal' || target === 'bit') && from === 'datetime') ||
      ((target === 'int' || target === 'decimal') && literal !== undefined && parseNumericText(literal) === undefined) ||
      (target === 'bit' && literal !== undefined && parseBitText(literal) === undefined && parseNumericText(literal) === undefined);
    if (bad) this.error('type_mismatch', span, `cannot CAST ${literal === undefined ? from : `'${literal.slice(0, 40)}'`} AS ${target}`);
    switch (target) {
      case 'int':
        return { type: 'number', num: 'int' };
      case 'decimal':
        return { type: 'number', num: 'decimal' };
      case 'bit':
        return BOOLEAN;
      case 'datetime':
        return { type: 'datetime', num: 'dynamic' };
      default:
        return TEXT;
    }
  }

  private checkDatePart(arg: Expr): void {
    if (arg.kind !== 'literal' || arg.type !== 'text' || !DATE_PARTS.has(arg.value.toLowerCase())) {
      this.error('invalid_argument', arg.span, `expected a date part (year, quarter, month, week, day, hour, minute, second, millisecond)`);
    }
  }

  private checkByteUnit(arg: Expr | undefined): void {
    if (arg?.kind === 'literal' && arg.type === 'text' && !BYTE_UNIT_NAMES.includes(arg.value.toUpperCase())) {
      this.error('invalid_argument', arg.span, `FORMAT_BYTES unit must be one of ${BYTE_UNIT_NAMES.join(', ')}`);
    }
  }

  private checkRegex(node: CallNode): void {
    const [, pattern, flags] = node.args;
    if (pattern === undefined) return;
    if (pattern.kind !== 'literal' || pattern.type !== 'text') {
      this.error('invalid_argument', pattern.span, 'REGEXP_LIKE pattern must be a string literal, so it can be vetted before it runs');
      return;
    }
    if (flags !== undefined && (flags.kind !== 'literal' || flags.type !== 'text')) {
      this.error('invalid_argument', flags.span, "REGEXP_LIKE flags must be a string literal such as 'i'");
      return;
    }
    const verdict = vetRegex(pattern.value, flags?.type === 'text' ? flags.value : '', this.limits.maxRegexLength);
    if (verdict.ok) this.regexes.set(node, verdict.regex);
    else this.error(verdict.code, verdict.reason.startsWith('flag') && flags !== undefined ? flags.span : pattern.span, `REGEXP_LIKE: ${verdict.reason}`);
  }

  private expectParam(fn: FunctionDef, param: ParamType, arg: Expr, type: StaticType): void {
    switch (param) {
      case 'number':
        this.expectNumber(arg, type, fn.name);
        return;
      case 'datetime':
        if (type === 'number' || type === 'boolean' || (isTextLiteral(arg) && parseDateText(arg.value) === undefined)) {
          this.error('type_mismatch', arg.span, `${fn.name} expects a datetime here, got ${describeType(arg, type)}`);
        }
        return;
      case 'boolean':
        this.expectCondition(arg, type);
        return;
      default:
        return;
    }
  }

  private expectNumber(node: Expr, type: StaticType, where: string): void {
    const ok = type === 'number' || type === 'boolean' || type === 'null' || type === 'unknown' || (isTextLiteral(node) && parseNumericText(node.value) !== undefined);
    if (!ok) this.error('type_mismatch', node.span, `${where} expects a number, got ${describeType(node, type)}`);
  }

  private expectCondition(node: Expr, type: StaticType): void {
    if (type !== 'boolean' && type !== 'null' && type !== 'unknown') {
      this.error('type_mismatch', node.span, `expected a condition (TRUE/FALSE), got ${describeType(node, type)}; compare it, e.g. x = 1`);
    }
  }

  private expectComparable(leftNode: Expr, left: StaticType, rightNode: Expr, right: StaticType): void {
    if (comparable(leftNode, left, rightNode, right)) return;
    this.error('type_mismatch', { start: leftNode.span.start, end: rightNode.span.end }, `cannot compare ${describeType(leftNode, left)} with ${describeType(rightNode, right)}`);
  }

  private error(code: string, span: Span, summary: string): void {
    this.errors.push(checkError(code, span, summary));
  }
}

function comparable(leftNode: Expr, left: StaticType, rightNode: Expr, right: StaticType): boolean {
  if (left === right || left === 'null' || right === 'null' || left === 'unknown' || right === 'unknown') return true;
  const numberish = (t: StaticType): boolean => t === 'number' || t === 'boolean';
  if (numberish(left) && numberish(right)) return true;
  if (left === 'text') return literalConverts(leftNode, right);
  if (right === 'text') return literalConverts(rightNode, left);
  return false;
}

function literalConverts(node: Expr, to: StaticType): boolean {
  if (!isTextLiteral(node)) return to === 'datetime';
  if (to === 'number') return parseNumericText(node.value) !== undefined;
  if (to === 'datetime') return parseDateText(node.value) !== undefined;
  if (to === 'boolean') return parseBitText(node.value) !== undefined;
  return true;
}

function isTextLiteral(node: Expr): node is Extract<Expr, { kind: 'literal'; type: 'text' }> {
  return node.kind === 'literal' && node.type === 'text';
}

function describeType(node: Expr, type: StaticType): string {
  if (isTextLiteral(node)) return `text '${node.value.slice(0, 40)}'`;
  if (node.kind === 'field') return `${type} field ${node.name}`;
  return type === 'null' ? 'NULL' : type;
}

function numeric(a: Inferred, b: Inferred): Inferred {
  return { type: a.type === 'unknown' || b.type === 'unknown' ? 'unknown' : 'number', num: mergeNum([a.num, b.num]) };
}

function mergeNum(kinds: readonly NumKind[]): NumKind {
  if (kinds.includes('decimal')) return 'decimal';
  return kinds.length > 0 && kinds.every((k) => k === 'int') ? 'int' : 'dynamic';
}

function common(items: readonly Inferred[]): Inferred {
  const typed = items.filter((i) => i.type !== 'null');
  const numbers = typed.filter((i) => i.type === 'number' || i.type === 'boolean');
  const num = mergeNum(numbers.map((i) => i.num));
  const first = typed[0];
  if (first === undefined) return { type: 'null', num: 'dynamic' };
  if (typed.every((i) => i.type === first.type)) return { type: first.type, num };
  if (numbers.length === typed.length) return { type: 'number', num };
  return { type: 'unknown', num };
}
