/** Source offsets in UTF-16 code units (what JS strings and DOM ranges use); `end` is exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ExprPhase = 'parse' | 'check' | 'eval';

export interface ExprErrorJson {
  readonly phase: ExprPhase;
  readonly code: string;
  readonly span: Span;
  readonly summary: string;
}

const MAX_SHOWN_LINE = 120;

/**
 * One expression error: where (`span`), when (`phase`), what (`code`, snake_case) and a one-line `summary`.
 *
 * @example
 * const res = parse("UPPER('x'");
 * if (!res.ok) console.error(res.error.format("UPPER('x'"));
 */
export class ExprError extends Error {
  readonly phase: ExprPhase;
  readonly code: string;
  readonly span: Span;
  readonly summary: string;

  constructor(init: { phase: ExprPhase; code: string; span: Span; summary: string }) {
    super(init.summary);
    this.name = 'ExprError';
    this.phase = init.phase;
    this.code = init.code;
    this.span = init.span;
    this.summary = init.summary;
  }

  /** Renders `error[code] at line:col: summary`, the source line and carets under the span. */
  format(source: string): string {
    const start = clamp(this.span.start, 0, source.length);
    const end = clamp(Math.max(this.span.end, start), start, source.length);
    const lineStart = source.lastIndexOf('\n', start - 1) + 1;
    const newline = source.indexOf('\n', start);
    const lineEnd = newline === -1 ? source.length : newline;
    const lineNo = countNewlines(source, lineStart) + 1;
    const col = codePointLength(source.slice(lineStart, start)) + 1;
    const caretEnd = Math.min(end, lineEnd);
    // A 1 MB one-line source must not print 1 MB: show a window around the span.
    let shownStart = lineStart;
    if (start - lineStart > MAX_SHOWN_LINE / 2) shownStart = start - MAX_SHOWN_LINE / 2;
    const shownEnd = Math.min(lineEnd, shownStart + MAX_SHOWN_LINE);
    const prefix = shownStart > lineStart ? '…' : '';
    const suffix = shownEnd < lineEnd ? '…' : '';
    const line = prefix + source.slice(shownStart, shownEnd).replace(/\t/g, ' ') + suffix;
    const pad = prefix.length + codePointLength(source.slice(shownStart, start));
    const width = Math.max(1, codePointLength(source.slice(start, Math.min(caretEnd, shownEnd))));
    return [
      `error[${this.code}] at ${lineNo}:${col}: ${this.summary}`,
      `  ${line}`,
      `  ${' '.repeat(pad)}${'^'.repeat(width)}`,
    ].join('\n');
  }

  toJSON(): ExprErrorJson {
    return { phase: this.phase, code: this.code, span: this.span, summary: this.summary };
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}

function countNewlines(source: string, upTo: number): number {
  let n = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < upTo; i = source.indexOf('\n', i + 1)) n++;
  return n;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

export function parseError(code: string, span: Span, summary: string): ExprError {
  return new ExprError({ phase: 'parse', code, span, summary });
}

export function checkError(code: string, span: Span, summary: string): ExprError {
  return new ExprError({ phase: 'check', code, span, summary });
}

export function evalError(code: string, span: Span, summary: string): ExprError {
  return new ExprError({ phase: 'eval', code, span, summary });
}
