import { assertNever } from './ast.js';
import { DATEPART_FUNCTIONS } from './keywords.js';
import type { Expr } from './ast.js';

const LEVEL_OR = 1;
const LEVEL_AND = 2;
const LEVEL_NOT = 3;
const LEVEL_PREDICATE = 4;
const LEVEL_CONCAT = 5;
const LEVEL_ADDITIVE = 6;
const LEVEL_MULTIPLICATIVE = 7;
const LEVEL_UNARY = 8;
const LEVEL_PRIMARY = 9;

/** Canonical source for a tree: upper-case keywords and functions, minimal parentheses, single spaces. */
export function printExpr(node: Expr): string {
  return printAt(node, 0);
}

function printAt(node: Expr, minLevel: number): string {
  const text = render(node);
  return levelOf(node) < minLevel ? `(${text})` : text;
}

function levelOf(node: Expr): number {
  switch (node.kind) {
    case 'binary':
      switch (node.op) {
        case 'OR':
          return LEVEL_OR;
        case 'AND':
          return LEVEL_AND;
        case '||':
          return LEVEL_CONCAT;
        case '+':
        case '-':
          return LEVEL_ADDITIVE;
        case '*':
        case '/':
        case '%':
          return LEVEL_MULTIPLICATIVE;
        default:
          return LEVEL_PREDICATE;
      }
    case 'unary':
      return node.op === 'NOT' ? LEVEL_NOT : LEVEL_UNARY;
    case 'is_null':
    case 'in':
    case 'like':
    case 'between':
      return LEVEL_PREDICATE;
    case 'literal':
    case 'field':
    case 'call':
    case 'case':
    case 'cast':
      return LEVEL_PRIMARY;
    default:
      return assertNever(node);
  }
}

function render(node: Expr): string {
  switch (node.kind) {
    case 'literal':
      switch (node.type) {
        case 'number':
          return printNumber(node.value, node.isDecimal);
        case 'text':
          return `'${node.value.replace(/'/g, "''")}'`;
        case 'boolean':
          return node.value ? 'TRUE' : 'FALSE';
        case 'null':
          return 'NULL';
        default:
          return assertNever(node);
      }
    case 'field':
      return node.bracketed ? `[${node.name.replace(/]/g, ']]')}]` : node.name;
    case 'call':
      return `${node.name}(${node.args.map((arg, i) => (i === 0 && DATEPART_FUNCTIONS.has(node.name) ? printDatePart(arg) : printAt(arg, 0))).join(', ')})`;
    case 'binary': {
      const level = levelOf(node);
      const rightLevel = level + 1;
      const leftLevel = level === LEVEL_PREDICATE ? level + 1 : level;
      return `${printAt(node.left, leftLevel)} ${node.op} ${printAt(node.right, rightLevel)}`;
    }
    case 'unary':
      if (node.op === 'NOT') return `NOT ${printAt(node.operand, LEVEL_NOT)}`;
      // why: `--` starts a comment, so a sign before another sign needs parentheses.
      if (node.operand.kind === 'unary' && node.operand.op !== 'NOT') return `${node.op}(${render(node.operand)})`;
      return `${node.op}${printAt(node.operand, LEVEL_UNARY)}`;
    case 'case': {
      const parts = ['CASE'];
      if (node.operand !== null) parts.push(printAt(node.operand, 0));
      for (const w of node.whens) parts.push('WHEN', printAt(w.when, 0), 'THEN', printAt(w.then, 0));
      if (node.otherwise !== null) parts.push('ELSE', printAt(node.otherwise, 0));
      parts.push('END');
      return parts.join(' ');
    }
    case 'cast': {
      let type = node.target.toUpperCase();
      if (node.length !== null) type += `(${node.length})`;
      if (node.scale !== null) type += `(38, ${node.scale})`;
      return `CAST(${printAt(node.operand, 0)} AS ${type})`;
    }
    case 'is_null':
      return `${printAt(node.operand, LEVEL_CONCAT)} IS ${node.negated ? 'NOT ' : ''}NULL`;
    case 'in':
      return `${printAt(node.operand, LEVEL_CONCAT)} ${node.negated ? 'NOT ' : ''}IN (${node.list.map((e) => printAt(e, 0)).join(', ')})`;
    case 'like':
      return `${printAt(node.operand, LEVEL_CONCAT)} ${node.negated ? 'NOT ' : ''}LIKE ${printAt(node.pattern, LEVEL_CONCAT)}`;
    case 'between':
      return `${printAt(node.operand, LEVEL_CONCAT)} ${node.negated ? 'NOT ' : ''}BETWEEN ${printAt(node.low, LEVEL_CONCAT)} AND ${printAt(node.high, LEVEL_CONCAT)}`;
    default:
      return assertNever(node);
  }
}

function printNumber(value: number, isDecimal: boolean): string {
  const text = String(value);
  return isDecimal && !/[.e]/.test(text) ? `${text}.0` : text;
}

function printDatePart(arg: Expr): string {
  if (arg.kind === 'literal' && arg.type === 'text' && /^[a-z_][a-z0-9_]*$/.test(arg.value)) return arg.value;
  return printAt(arg, 0);
}
