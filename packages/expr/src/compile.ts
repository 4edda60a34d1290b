import { assertNever } from './ast.js';
import { analyze } from './check.js';
import { checkError } from './errors.js';
import { compileLike } from './like.js';
import { CNode, Evaluator, NUM, OP } from './evaluate.js';
import { FUNCTIONS } from './functions.js';
import type { BinaryOp, Expr } from './ast.js';
import type { Analysis } from './check.js';
import type { ExprError } from './errors.js';
import type { EvalResult } from './evaluate.js';
import type { FieldDef } from './fields.js';
import type { NumKind } from './functions.js';
import type { Limits } from './limits.js';

/** Options for one evaluation. */
export interface EvalContext {
  /** The value of GETUTCDATE()/GETDATE(); defaults to the time of the first call within this evaluation. */
  readonly now?: Date;
}

/**
 * An expression checked and compiled once, evaluated per record.
 *
 * @example
 * const res = compile('PhysicalMemoryBytes / 1073741824.0', { fields: [{ name: 'physicalMemoryInBytes', type: 'number' }] });
 * if (res.ok) res.expr.evaluate({ physicalMemoryInBytes: 17179869184 }); // { ok: true, value: 16 }
 */
export interface CompiledExpr {
  /** The canonical names of the fields the expression reads, in order of first use. */
  readonly fieldsUsed: readonly string[];
  readonly ast: Expr;
  evaluate(record: Readonly<Record<string, unknown>>, ctx?: EvalContext): EvalResult;
}

export type CompileResult = { readonly ok: true; readonly expr: CompiledExpr } | { readonly ok: false; readonly errors: readonly ExprError[] };

const BINARY_OPS: Readonly<Record<BinaryOp, number>> = {
  '+': OP.ADD, '-': OP.SUB, '*': OP.MUL, '/': OP.DIV, '%': OP.MOD, '||': OP.JOIN,
  '=': OP.EQ, '<>': OP.NE, '<': OP.LT, '>': OP.GT, '<=': OP.LE, '>=': OP.GE,
  AND: OP.AND, OR: OP.OR,
};

const NUM_FLAGS: Readonly<Record<NumKind, number>> = { int: NUM.INT, decimal: NUM.DECIMAL, dynamic: NUM.DYNAMIC };

export function compileAst(ast: Expr, fields: readonly FieldDef[], limits: Limits): CompileResult {
  try {
    return compileChecked(ast, fields, limits);
  } catch (error) {
    // why: limits raised far above the defaults can still exhaust the JS stack; report it, never crash the caller.
    if (error instanceof RangeError) return { ok: false, errors: [checkError('too_deep', ast.span, 'expression is nested too deeply to compile')] };
    throw error;
  }
}

function compileChecked(ast: Expr, fields: readonly FieldDef[], limits: Limits): CompileResult {
  const analysis = analyze(ast, fields, limits);
  if (analysis.errors.length > 0) return { ok: false, errors: analysis.errors };
  const used = new Set<string>();
  const root = lower(ast, analysis, used);
  const evaluator = new Evaluator(root, limits);
  const fieldsUsed = Object.freeze([...used]);
  return {
    ok: true,
    expr: Object.freeze({
      fieldsUsed,
      ast,
      evaluate: (record: Readonly<Record<string, unknown>>, ctx?: EvalContext): EvalResult => evaluator.run(record, ctx?.now),
    }),
  };
}

function lower(node: Expr, analysis: Analysis, used: Set<string>): CNode {
  const go = (child: Expr): CNode => lower(child, analysis, used);
  switch (node.kind) {
    case 'literal':
      return new CNode(OP.CONST, node.span, null, null, null, [], node.value);
    case 'field': {
      const field = analysis.fields.get(node);
      if (field === undefined) throw new Error(`field ${node.name} was not resolved by the checker`);
      used.add(field.name);
      return new CNode(field.type === 'datetime' ? OP.FIELD_DATETIME : OP.FIELD, node.span, null, null, null, [], null, field.name);
    }
    case 'call': {
      const fn = FUNCTIONS.get(node.name);
      if (fn === undefined) throw new Error(`function ${node.name} was not resolved by the checker`);
      const args = node.args.map(go);
      if (fn.name === 'COALESCE' || fn.name === 'ISNULL') return new CNode(OP.COALESCE, node.span, null, null, null, args);
      if (fn.name === 'IIF') return new CNode(OP.IIF, node.span, args[0] ?? null, args[1] ?? null, args[2] ?? null);
      return new CNode(OP.CALL, node.span, null, null, null, args, null, '', 0, fn, analysis.regexes.get(node) ?? null);
    }
    case 'binary': {
      const kind = NUM_FLAGS[analysis.numKinds.get(node) ?? 'dynamic'];
      return new CNode(BINARY_OPS[node.op], node.span, go(node.left), go(node.right), null, [], null, '', kind);
    }
    case 'unary':
      if (node.op === '+') return go(node.operand);
      return new CNode(node.op === 'NOT' ? OP.NOT : OP.NEG, node.span, go(node.operand));
    case 'case': {
      const list = node.whens.flatMap((w) => [go(w.when), go(w.then)]);
      const otherwise = node.otherwise === null ? null : go(node.otherwise);
      if (node.operand === null) return new CNode(OP.CASE, node.span, otherwise, null, null, list);
      return new CNode(OP.CASE_SIMPLE, node.span, go(node.operand), otherwise, null, list);
    }
    case 'cast':
      return new CNode(OP.CAST, node.span, go(node.operand), null, null, [], null, '', 0, { target: node.target, length: node.length, scale: node.scale });
    case 'is_null':
      return new CNode(OP.IS_NULL, node.span, go(node.operand), null, null, [], null, '', node.negated ? 1 : 0);
    case 'in':
      return new CNode(OP.IN, node.span, go(node.operand), null, null, node.list.map(go), null, '', node.negated ? 1 : 0);
    case 'like': {
      const literal = node.pattern.kind === 'literal' && node.pattern.type === 'text' ? compileLike(node.pattern.value) : null;
      return new CNode(OP.LIKE, node.span, go(node.operand), go(node.pattern), null, [], null, '', node.negated ? 1 : 0, literal);
    }
    case 'between':
      return new CNode(OP.BETWEEN, node.span, go(node.operand), go(node.low), go(node.high), [], null, '', node.negated ? 1 : 0);
    default:
      return assertNever(node);
  }
}
