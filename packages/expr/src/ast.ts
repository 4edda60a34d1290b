import type { Span } from './errors.js';

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '||'
  | '=' | '<>' | '<' | '>' | '<=' | '>='
  | 'AND' | 'OR';

export type UnaryOp = '-' | '+' | 'NOT';

export type CastTarget = 'int' | 'decimal' | 'varchar' | 'bit' | 'datetime';

export type LiteralNode =
  | { readonly kind: 'literal'; readonly type: 'number'; readonly value: number; readonly isDecimal: boolean; readonly span: Span }
  | { readonly kind: 'literal'; readonly type: 'text'; readonly value: string; readonly span: Span }
  | { readonly kind: 'literal'; readonly type: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'literal'; readonly type: 'null'; readonly value: null; readonly span: Span };

/** A field as written; `bracketed` for `[Device Name]`. Resolution to an Intune field happens in `check`. */
export interface FieldNode {
  readonly kind: 'field';
  readonly name: string;
  readonly bracketed: boolean;
  readonly span: Span;
}

/** `name` is upper-cased by the parser, so `coalesce(...)` and `COALESCE(...)` give the same tree. */
export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
  readonly span: Span;
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span: Span;
}

export interface WhenClause {
  readonly when: Expr;
  readonly then: Expr;
}

/** Searched CASE when `operand` is null; simple `CASE x WHEN v THEN …` otherwise. */
export interface CaseNode {
  readonly kind: 'case';
  readonly operand: Expr | null;
  readonly whens: readonly WhenClause[];
  readonly otherwise: Expr | null;
  readonly span: Span;
}

/** `length` for varchar(n); `scale` for decimal(p, s). */
export interface CastNode {
  readonly kind: 'cast';
  readonly operand: Expr;
  readonly target: CastTarget;
  readonly length: number | null;
  readonly scale: number | null;
  readonly span: Span;
}

export interface IsNullNode {
  readonly kind: 'is_null';
  readonly operand: Expr;
  readonly negated: boolean;
  readonly span: Span;
}

export interface InNode {
  readonly kind: 'in';
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
  readonly span: Span;
}

export interface LikeNode {
  readonly kind: 'like';
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly negated: boolean;
  readonly span: Span;
}

export interface BetweenNode {
  readonly kind: 'between';
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
  readonly span: Span;
}

/** The closed union of syntax-tree nodes; switch on `kind` with `assertNever` in the default branch. */
export type Expr =
  | LiteralNode
  | FieldNode
  | CallNode
  | BinaryNode
  | UnaryNode
  | CaseNode
  | CastNode
  | IsNullNode
  | InNode
  | LikeNode
  | BetweenNode;

export type ExprKind = Expr['kind'];

export function assertNever(value: never): never {
  throw new Error(`unhandled expression node: ${JSON.stringify(value)}`);
}

/** The direct children of a node, in source order. */
export function childrenOf(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case 'literal':
    case 'field':
      return [];
    case 'call':
      return node.args;
    case 'binary':
      return [node.left, node.right];
    case 'unary':
    case 'cast':
    case 'is_null':
      return [node.operand];
    case 'case': {
      const out: Expr[] = node.operand === null ? [] : [node.operand];
      for (const w of node.whens) out.push(w.when, w.then);
      if (node.otherwise !== null) out.push(node.otherwise);
      return out;
    }
    case 'in':
      return [node.operand, ...node.list];
    case 'like':
      return [node.operand, node.pattern];
    case 'between':
      return [node.operand, node.low, node.high];
    default:
      return assertNever(node);
  }
}

/** Operator chains (`a + b + c …`) deepen the tree without deepening the parser, so depth is also measured here. */
export function firstNodeDeeperThan(ast: Expr, maxDepth: number): Expr | undefined {
  const stack: [Expr, number][] = [[ast, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > maxDepth) return node;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as Expr, depth + 1]);
  }
  return undefined;
}
