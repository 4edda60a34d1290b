import { parseError } from './errors.js';
import type { ExprError, Span } from './errors.js';

export type TokenType = 'number' | 'string' | 'ident' | 'quoted_ident' | 'op' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Identifier or string value (quotes and escapes removed), operator text, or the number's source text. */
  readonly text: string;
  /** Upper-cased `text` of an unquoted identifier, for case-insensitive keyword matching. */
  readonly upper: string;
  readonly span: Span;
}

export type LexResult = { readonly ok: true; readonly tokens: readonly Token[] } | { readonly ok: false; readonly error: ExprError };

const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '||']);
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '%', '=', '<', '>', '(', ')', ',']);
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}\p{M}_$#@]/u;

/** Splits source into tokens; stops at the first lexical error. */
export function tokenize(source: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  const fail = (code: string, start: number, end: number, summary: string): LexResult => ({
    ok: false,
    error: parseError(code, { start, end }, summary),
  });
  while (i < n) {
    const c = source.charCodeAt(i);
    const ch = source[i] as string;
    if (c === 32 || c === 9 || c === 10 || c === 13 || /\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '-' && source[i + 1] === '-') {
      const eol = source.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
      continue;
    }
    if (ch === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      if (close === -1) return fail('unterminated_comment', i, n, 'comment opened with /* is never closed with */');
      i = close + 2;
      continue;
    }
    const start = i;
    if (isDigit(c) || (ch === '.' && isDigit(source.charCodeAt(i + 1)))) {
      while (i < n && isDigit(source.charCodeAt(i))) i++;
      if (source[i] === '.') {
        i++;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        let j = i + 1;
        if (source[j] === '+' || source[j] === '-') j++;
        if (!isDigit(source.charCodeAt(j))) return fail('invalid_number', start, j, `number '${source.slice(start, j)}' has an exponent without digits`);
        while (j < n && isDigit(source.charCodeAt(j))) j++;
        i = j;
      }
      tokens.push({ type: 'number', text: source.slice(start, i), upper: '', span: { start, end: i } });
      continue;
    }
    if (ch === "'" || ((ch === 'N' || ch === 'n') && source[i + 1] === "'")) {
      // why: N'…' is how T-SQL writes Unicode literals; analysts paste it from SQL Server.
      i += ch === "'" ? 1 : 2;
      let value = '';
      let closed = false;
      while (i < n) {
        const q = source.indexOf("'", i);
        if (q === -1) break;
        value += source.slice(i, q);
        if (source[q + 1] === "'") {
          value += "'";
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) return fail('unterminated_string', start, n, "string is never closed with ' (write '' for a quote inside a string)");
      tokens.push({ type: 'string', text: value, upper: '', span: { start, end: i } });
      continue;
    }
    if (ch === '[') {
      i++;
      let value = '';
      let closed = false;
      while (i < n) {
        const q = source.indexOf(']', i);
        if (q === -1) break;
        value += source.slice(i, q);
        if (source[q + 1] === ']') {
          value += ']';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) return fail('unterminated_identifier', start, n, 'bracketed name is never closed with ]');
      if (value.trim() === '') return fail('invalid_identifier', start, i, 'bracketed name is empty');
      tokens.push({ type: 'quoted_ident', text: value, upper: value.toUpperCase(), span: { start, end: i } });
      continue;
    }
    const cp = source.codePointAt(i) ?? c;
    const cpText = String.fromCodePoint(cp);
    if (IDENT_START.test(cpText)) {
      i += cpText.length;
      while (i < n) {
        const next = String.fromCodePoint(source.codePointAt(i) ?? 0);
        if (!IDENT_PART.test(next)) break;
        i += next.length;
      }
      const text = source.slice(start, i);
      tokens.push({ type: 'ident', text, upper: text.toUpperCase(), span: { start, end: i } });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ type: 'op', text: two, upper: two, span: { start, end: i + 2 } });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.has(ch)) {
      tokens.push({ type: 'op', text: ch, upper: ch, span: { start, end: i + 1 } });
      i++;
      continue;
    }
    const hint = ch === '"' ? ' (strings use single quotes; names with spaces use [brackets])' : '';
    return fail('unexpected_character', start, start + cpText.length, `unexpected character '${cpText}'${hint}`);
  }
  tokens.push({ type: 'eof', text: '', upper: '', span: { start: n, end: n } });
  return { ok: true, tokens };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
