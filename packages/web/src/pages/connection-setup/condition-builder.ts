import { parse } from '@intune-assets/expr';
import type { Expr, FieldType } from '@intune-assets/expr';

export const CONDITION_OPERATORS = ['=', '<>', '<', '>', '<=', '>=', 'LIKE', 'NOT LIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const OPERATOR_LABELS: Readonly<Record<ConditionOperator, string>> = {
  '=': 'equals',
  '<>': 'does not equal',
  '<': 'is less than',
  '>': 'is greater than',
  '<=': 'is at most',
  '>=': 'is at least',
  LIKE: 'matches (LIKE, % and _)',
  'NOT LIKE': 'does not match (NOT LIKE)',
  IN: 'is one of (comma separated)',
  'NOT IN': 'is none of (comma separated)',
  'IS NULL': 'is empty (NULL)',
  'IS NOT NULL': 'is not empty',
};

export type ValueType = 'text' | 'number' | 'boolean';

/** One comparison of the builder: `field operator value`; `value` is what the analyst typed. */
export interface ConditionRow {
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value: string;
  /** How `value` is written in the expression; follows the field's type when the row is built in the UI. */
  readonly valueType: ValueType;
}

export type Joiner = 'AND' | 'OR';

export interface ConditionRows {
  readonly joiner: Joiner;
  readonly rows: readonly ConditionRow[];
}

/** Text → builder: rows when the expression is a flat AND or OR of simple comparisons, else why not. */
export type RowsFromText = { readonly ok: true; readonly value: ConditionRows } | { readonly ok: false; readonly reason: string };

export function operatorTakesValue(operator: ConditionOperator): boolean {
  return operator !== 'IS NULL' && operator !== 'IS NOT NULL';
}

export function valueTypeForField(type: FieldType | undefined): ValueType {
  if (type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  return 'text';
}

export function quoteText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function fieldRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${name}]`;
}

function literal(value: string, type: ValueType): string {
  const trimmed = value.trim();
  if (type === 'number' && /^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  if (type === 'boolean') {
    if (/^(true|yes|1)$/i.test(trimmed)) return 'TRUE';
    if (/^(false|no|0)$/i.test(trimmed)) return 'FALSE';
  }
  return quoteText(value);
}

function rowToText(row: ConditionRow): string {
  const field = fieldRef(row.field.trim());
  switch (row.operator) {
    case 'IS NULL':
    case 'IS NOT NULL':
      return `${field} ${row.operator}`;
    case 'IN':
    case 'NOT IN': {
      const items = row.value.split(',').map((item) => literal(item.trim(), row.valueType));
      return `${field} ${row.operator} (${items.join(', ')})`;
    }
    case 'LIKE':
    case 'NOT LIKE':
      return `${field} ${row.operator} ${quoteText(row.value)}`;
    default:
      return `${field} ${row.operator} ${literal(row.value, row.valueType)}`;
  }
}

/**
 * Builder → text, always possible. An empty builder gives '' (no condition); rows without a field are left out.
 *
 * @example
 * rowsToText({ joiner: 'AND', rows: [{ field: 'OperatingSystem', operator: '=', value: 'iOS', valueType: 'text' }] });
 * // "OperatingSystem = 'iOS'"
 */
export function rowsToText(value: ConditionRows): string {
  // A row whose field is not chosen yet is still being written: it is left out rather than guessed.
  return value.rows.filter((row) => row.field.trim() !== '').map(rowToText).join(` ${value.joiner} `);
}

function flatten(node: Expr, op: Joiner, out: Expr[]): void {
  if (node.kind === 'binary' && node.op === op) {
    flatten(node.left, op, out);
    flatten(node.right, op, out);
  } else {
    out.push(node);
  }
}

type LiteralValue = { readonly value: string; readonly type: ValueType };

function literalValue(node: Expr): LiteralValue | null {
  if (node.kind === 'unary' && node.op === '-' && node.operand.kind === 'literal' && node.operand.type === 'number') {
    return { value: `-${String(node.operand.value)}`, type: 'number' };
  }
  if (node.kind !== 'literal') return null;
  switch (node.type) {
    case 'text':
      return { value: node.value, type: 'text' };
    case 'number':
      return { value: String(node.value), type: 'number' };
    case 'boolean':
      return { value: node.value ? 'true' : 'false', type: 'boolean' };
    case 'null':
      return null;
  }
}

const COMPARISONS: ReadonlySet<string> = new Set(['=', '<>', '<', '>', '<=', '>=']);

function leafToRow(node: Expr): ConditionRow | string {
  if (node.kind === 'is_null') {
    if (node.operand.kind !== 'field') return 'IS NULL applies to something other than a field';
    return { field: node.operand.name, operator: node.negated ? 'IS NOT NULL' : 'IS NULL', value: '', valueType: 'text' };
  }
  if (node.kind === 'binary' && COMPARISONS.has(node.op)) {
    const value = literalValue(node.right);
    if (node.left.kind !== 'field' || value === null) return 'a comparison is not "field operator value"';
    return { field: node.left.name, operator: node.op as ConditionOperator, value: value.value, valueType: value.type };
  }
  if (node.kind === 'like') {
    if (node.operand.kind !== 'field' || node.pattern.kind !== 'literal' || node.pattern.type !== 'text') return 'a LIKE is not "field LIKE \'pattern\'"';
    return { field: node.operand.name, operator: node.negated ? 'NOT LIKE' : 'LIKE', value: node.pattern.value, valueType: 'text' };
  }
  if (node.kind === 'in') {
    if (node.operand.kind !== 'field') return 'an IN list applies to something other than a field';
    const items = node.list.map(literalValue);
    const types = new Set(items.map((i) => i?.type));
    if (items.some((i) => i === null || i.value.includes(',')) || types.size !== 1) return 'an IN list mixes types or holds values with commas';
    const first = items[0];
    if (first === null || first === undefined) return 'an IN list is empty';
    return {
      field: node.operand.name,
      operator: node.negated ? 'NOT IN' : 'IN',
      value: items.map((i) => i?.value ?? '').join(', '),
      valueType: first.type,
    };
  }
  return 'it uses functions, NOT, CASE or arithmetic';
}

/**
 * Text → builder rows when the expression is a simple AND (or OR) of comparisons; otherwise the editor stays in
 * expression mode and says why. Mixed AND/OR is refused: rows joined one way cannot show its precedence.
 *
 * @example
 * rowsFromText("OperatingSystem = 'iOS' OR Model LIKE 'iPad%'"); // { ok: true, value: { joiner: 'OR', rows: [...] } }
 */
export function rowsFromText(text: string): RowsFromText {
  if (text.trim() === '') return { ok: true, value: { joiner: 'AND', rows: [] } };
  const parsed = parse(text);
  if (!parsed.ok) return { ok: false, reason: `it does not parse: ${parsed.error.summary}` };
  const ast = parsed.ast;
  const joiner: Joiner = ast.kind === 'binary' && ast.op === 'OR' ? 'OR' : 'AND';
  const leaves: Expr[] = [];
  flatten(ast, joiner, leaves);
  const rows: ConditionRow[] = [];
  for (const leaf of leaves) {
    if (leaf.kind === 'binary' && (leaf.op === 'AND' || leaf.op === 'OR')) return { ok: false, reason: 'it mixes AND and OR' };
    const row = leafToRow(leaf);
    if (typeof row === 'string') return { ok: false, reason: row };
    rows.push(row);
  }
  return { ok: true, value: { joiner, rows } };
}
