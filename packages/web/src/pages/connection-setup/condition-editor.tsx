import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from '../../components/index.js';
import { CONDITION_OPERATORS, OPERATOR_LABELS, operatorTakesValue, rowsFromText, rowsToText, valueTypeForField } from './condition-builder.js';
import type { ConditionOperator, ConditionRow, ConditionRows, Joiner } from './condition-builder.js';
import { ExpressionEditor } from './expression-editor.js';
import { checkExpression } from './expression-check.js';
import type { FieldScope } from './expression-check.js';
import { removeAt, replaceAt } from './reorder.js';

export interface ConditionEditorProps {
  /** The expression input's id (issues of the condition link here); builder inputs derive theirs from it. */
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly scope: FieldScope | null;
  readonly serverError?: string | undefined;
  readonly required?: boolean;
}

type Mode = { readonly kind: 'builder'; readonly rows: ConditionRows } | { readonly kind: 'expression'; readonly reason: string | null };

function modeFor(text: string): Mode {
  const parsed = rowsFromText(text);
  return parsed.ok ? { kind: 'builder', rows: parsed.value } : { kind: 'expression', reason: null };
}

/**
 * The condition builder (rows of field, operator, value joined by AND or OR) with "Edit as expression" for
 * anything the rows cannot say. The builder writes the expression text on every change; text goes back to rows
 * only when it is a simple AND/OR of comparisons.
 */
export function ConditionEditor({ id, label, value, onChange, scope, serverError, required = false }: ConditionEditorProps) {
  const [mode, setMode] = useState<Mode>(() => modeFor(value));
  const emitted = useRef(value);

  useEffect(() => {
    // Text changed from outside (form reset, another tab of the page): show it the best way it can be shown.
    if (value !== emitted.current) {
      emitted.current = value;
      setMode((current) => (current.kind === 'builder' ? modeFor(value) : current));
    }
  }, [value]);

  const emit = (rows: ConditionRows) => {
    const text = rowsToText(rows);
    emitted.current = text;
    setMode({ kind: 'builder', rows });
    onChange(text);
  };

  const fieldNames = scope?.allowed.map((f) => f.name) ?? [];
  const typeOf = (name: string) => scope?.allowed.find((f) => f.name.toLowerCase() === name.toLowerCase())?.type;

  if (mode.kind === 'expression') {
    return (
      <div className="stack-sm">
        <ExpressionEditor id={id} label={label} value={value} onChange={(text) => { emitted.current = text; onChange(text); }} scope={scope} serverError={serverError} required={required} />
        <div className="row">
          <Button size="sm" onClick={() => {
            const parsed = rowsFromText(value);
            setMode(parsed.ok ? { kind: 'builder', rows: parsed.value } : { kind: 'expression', reason: parsed.reason });
          }}>Use condition builder</Button>
          {mode.reason !== null && <span className="small muted" role="status">The builder cannot show this condition: {mode.reason}.</span>}
        </div>
      </div>
    );
  }

  const { rows, joiner } = mode.rows;
  const problems = value.trim() === '' ? [] : checkExpression(value, scope);
  const setRow = (index: number, row: ConditionRow) => emit({ joiner, rows: replaceAt(rows, index, row) });
  const listId = `${id}-fields`;
  return (
    <fieldset className="stack-sm" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">{label}</legend>
      <datalist id={listId}>{fieldNames.map((name) => <option key={name} value={name} />)}</datalist>
      {rows.length > 1 && (
        // One joiner for all rows (the builder writes a flat AND or OR); mixing them needs "Edit as expression".
        <div className="row small" style={{ gap: 'var(--space-2)' }}>
          <label htmlFor={`${id}-joiner`}>Match</label>
          <select id={`${id}-joiner`} className="select" aria-label="Match all or any of these conditions" value={joiner} onChange={(e) => emit({ joiner: e.target.value as Joiner, rows })}>
            <option value="AND">all</option>
            <option value="OR">any</option>
          </select>
          <span>of these conditions</span>
          <span className="muted">({joiner === 'AND' ? 'every row must be true' : 'one true row is enough'})</span>
        </div>
      )}
      <div className="cond-rows">
        {rows.map((row, index) => (
          <div className="cond-row" key={index} role="group" aria-label={`Condition ${index + 1}`} data-joiner={index === 0 ? undefined : joiner === 'AND' ? 'and' : 'or'}>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-row-${index}-field`}>Field</label>
              <input
                id={`${id}-row-${index}-field`} className="input" list={listId} value={row.field} autoComplete="off"
                onChange={(e) => setRow(index, { ...row, field: e.target.value, valueType: valueTypeForField(typeOf(e.target.value)) })}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-row-${index}-operator`}>Operator</label>
              <select id={`${id}-row-${index}-operator`} className="select" value={row.operator} onChange={(e) => setRow(index, { ...row, operator: e.target.value as ConditionOperator })}>
                {CONDITION_OPERATORS.map((op) => <option key={op} value={op}>{OPERATOR_LABELS[op]}</option>)}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-row-${index}-value`}>Value</label>
              <input
                id={`${id}-row-${index}-value`} className="input" value={row.value} disabled={!operatorTakesValue(row.operator)}
                onChange={(e) => setRow(index, { ...row, value: e.target.value })}
              />
            </div>
            <Button size="sm" variant="ghost" aria-label="Remove condition" onClick={() => emit({ joiner, rows: removeAt(rows, index) })}>Remove</Button>
          </div>
        ))}
      </div>
      <div className="row">
        <Button size="sm" onClick={() => emit({ joiner, rows: [...rows, { field: '', operator: '=', value: '', valueType: 'text' }] })}>
          Add condition
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setMode({ kind: 'expression', reason: null })}>Edit as expression</Button>
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        Expression: <code id={`${id}-preview`}>{value === '' ? '(none)' : value}</code>
      </p>
      {problems.length > 0 && (
        <span className="field-error" role="status">{problems.map((p) => <span key={`${p.code}-${p.span.start}`} style={{ display: 'block' }}>{p.message}</span>)}</span>
      )}
      {serverError !== undefined && <span className="field-error" id={id} tabIndex={-1}>{serverError}</span>}
    </fieldset>
  );
}
