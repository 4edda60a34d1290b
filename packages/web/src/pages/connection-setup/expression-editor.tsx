import { useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import { checkExpression } from './expression-check.js';
import type { ExpressionProblem, FieldScope } from './expression-check.js';

export interface ExpressionEditorProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Fields the expression may read; null checks syntax only. */
  readonly scope: FieldScope | null;
  readonly hint?: ReactNode;
  /** Problems the server reported for this input on the last save (shown until the text changes). */
  readonly serverError?: string | undefined;
  readonly required?: boolean;
  readonly rows?: number;
  readonly hideLabel?: boolean;
}

function pieces(source: string, problems: readonly ExpressionProblem[]): ReactNode[] {
  const spans = problems
    .map((p) => ({ start: Math.max(0, Math.min(p.span.start, source.length)), end: Math.max(0, Math.min(Math.max(p.span.end, p.span.start + 1), source.length)) }))
    .sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.start, at);
    if (start > at) out.push(source.slice(at, start));
    // An error at the very end (e.g. "expected )") gets a visible mark on one blank.
    const text = span.end > start ? source.slice(start, span.end) : ' ';
    out.push(<mark key={`${start}-${span.end}`}>{text}</mark>);
    at = Math.max(at, span.end);
  }
  if (at < source.length) out.push(source.slice(at));
  out.push('\u200b');
  return out;
}

/**
 * A textarea over a highlighted mirror: the expression is checked in the browser as it is typed, each error
 * underlined at its span, the messages below and announced through aria-describedby.
 */
export function ExpressionEditor({ id, label, value, onChange, scope, hint, serverError, required = false, rows = 2, hideLabel = false }: ExpressionEditorProps) {
  const mirror = useRef<HTMLPreElement>(null);
  const problems = useMemo(() => {
    if (!required && value.trim() === '') return [];
    return checkExpression(value, scope);
  }, [value, scope, required]);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  // The browser runs the server's checker, so when it finds problems the server's copy of them adds nothing;
  // a server issue alone (a check only the server can make) is still shown.
  const shownServerError = problems.length === 0 ? serverError : undefined;
  const messages = [...problems.map((p) => p.message), ...(shownServerError === undefined ? [] : [shownServerError])];
  const describedBy = [hint === undefined ? null : hintId, messages.length > 0 ? errorId : null].filter((x) => x !== null).join(' ');
  return (
    <div className="field">
      <label className={hideLabel ? 'visually-hidden' : 'field-label'} htmlFor={id}>{label}</label>
      <div className="expr-editor expr-editor-wrap">
        <pre ref={mirror} className="expr-mirror" aria-hidden="true">{pieces(value, problems)}</pre>
        <textarea
          id={id}
          className="expr-input"
          value={value}
          rows={rows}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={messages.length > 0 ? true : undefined}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (mirror.current !== null) mirror.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      {hint !== undefined && <span id={hintId} className="field-hint">{hint}</span>}
      {messages.length > 0 && (
        <span id={errorId} className="field-error" role="status">
          {problems.map((p) => (
            <span key={`${p.code}-${p.span.start}`} data-code={p.code} style={{ display: 'block' }}>
              {p.message} (at {p.span.start + 1}–{Math.max(p.span.end, p.span.start + 1)})
            </span>
          ))}
          {shownServerError !== undefined && <span style={{ display: 'block' }}>{shownServerError}</span>}
        </span>
      )}
    </div>
  );
}
