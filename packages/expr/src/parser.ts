import { firstNodeDeeperThan } from './ast.js';
import { parseError } from './errors.js';
import { CAST_TYPES, COMPARISON, DATEPART_FUNCTIONS, RESERVED } from './keywords.js';
import { tokenize } from './lexer.js';
import type { Expr, WhenClause } from './ast.js';
import type { ExprError, Span } from './errors.js';
import type { Limits } from './limits.js';
import type { Token } from './lexer.js';

export type ParseResult = { readonly ok: true; readonly ast: Expr } | { readonly ok: false; readonly error: ExprError };

class ParseFailure {
  constructor(readonly error: ExprError) {}
}

/** Parses with one recursive-descent function per precedence level; the first syntax error ends it. */
export function parseSource(source: string, limits: Limits): ParseResult {
  if (source.length > limits.maxSourceLength) {
    return {
      ok: false,
      error: parseError('source_too_long', { start: limits.maxSourceLength, end: source.length },
        `expression is ${source.length} characters long; the limit is ${limits.maxSourceLength}`),
    };
  }
  const lexed = tokenize(source);
  if (!lexed.ok) return lexed;
  const parser = new Parser(lexed.tokens, limits);
  try {
    const ast = parser.parseExpression();
    parser.expectEnd();
    const tooDeep = firstNodeDeeperThan(ast, limits.maxDepth);
    if (tooDeep !== undefined) {
      return { ok: false, error: parseError('too_deep', tooDeep.span, `expression is nested more than ${limits.maxDepth} levels deep`) };
    }
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: error.error };
    if (error instanceof RangeError) {
      // why: raised limits can still exhaust the JS stack; report it as depth, never crash the caller.
      return { ok: false, error: parseError('too_deep', { start: 0, end: source.length }, 'expression is nested too deeply to parse') };
    }
    throw error;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly tokens: readonly Token[], private readonly limits: Limits) {}

  parseExpression(): Expr {
    this.enter();
    const expr = this.parseOr();
    this.depth--;
    return expr;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.type !== 'eof') this.fail('unexpected_token', t.span, `unexpected ${describe(t)} after the end of the expression`);
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKeyword('OR')) {
      this.next();
      const right = this.parseAnd();
      left = this.node({ kind: 'binary', op: 'OR', left, right, span: join(left.span, right.span) });
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKeyword('AND')) {
      this.next();
      const right = this.parseNot();
      left = this.node({ kind: 'binary', op: 'AND', left, right, span: join(left.span, right.span) });
    }
    return left;
  }

  private parseNot(): Expr {
    if (!this.isKeyword('NOT')) return this.parsePredicate();
    const not = this.next();
    this.enter();
    const operand = this.parseNot();
    this.depth--;
    return this.node({ kind: 'unary', op: 'NOT', operand, span: join(not.span, operand.span) });
  }

  private parsePredicate(): Expr {
    const left = this.parseConcat();
    const t = this.peek();
    const comparison = t.type === 'op' ? COMPARISON.get(t.text) : undefined;
    if (comparison !== undefined) {
      this.next();
      const right = this.parseConcat();
      return this.node({ kind: 'binary', op: comparison, left, right, span: join(left.span, right.span) });
    }
    if (this.isKeyword('IS')) {
      this.next();
      const negated = this.isKeyword('NOT');
      if (negated) this.next();
      const nul = this.expectKeyword('NULL', negated ? 'NULL after IS NOT' : 'NULL or NOT NULL after IS');
      return this.node({ kind: 'is_null', operand: left, negated, span: join(left.span, nul.span) });
    }
    let negated = false;
    if (this.isKeyword('NOT')) {
      const after = this.peek(1);
      if (after.type !== 'ident' || !['IN', 'LIKE', 'BETWEEN'].includes(after.upper)) {
        this.fail('unexpected_token', after.span, `expected IN, LIKE or BETWEEN after NOT, found ${describe(after)}`);
      }
      this.next();
      negated = true;
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectOp('(', "'(' after IN");
      const list: Expr[] = [this.parseExpression()];
      while (this.isOp(',')) {
        this.next();
        list.push(this.parseExpression());
      }
      const close = this.expectOp(')', "',' or ')' in the IN list");
      return this.node({ kind: 'in', operand: left, list, negated, span: join(left.span, close.span) });
    }
    if (this.isKeyword('LIKE')) {
      this.next();
      const pattern = this.parseConcat();
      return this.node({ kind: 'like', operand: left, pattern, negated, span: join(left.span, pattern.span) });
    }
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.parseConcat();
      this.expectKeyword('AND', 'AND between the BETWEEN bounds');
      const high = this.parseConcat();
      return this.node({ kind: 'between', operand: left, low, high, negated, span: join(left.span, high.span) });
    }
    return left;
  }

  private parseConcat(): Expr {
    let left = this.parseAdditive();
    while (this.isOp('||')) {
      this.next();
      const right = this.parseAdditive();
      left = this.node({ kind: 'binary', op: '||', left, right, span: join(left.span, right.span) });
    }
    return left;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text === '+' ? '+' : '-';
      const right = this.parseMultiplicative();
      left = this.node({ kind: 'binary', op, left, right, span: join(left.span, right.span) });
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const text = this.next().text;
      const op = text === '*' ? '*' : text === '/' ? '/' : '%';
      const right = this.parseUnary();
      left = this.node({ kind: 'binary', op, left, right, span: join(left.span, right.span) });
    }
    return left;
  }

  private parseUnary(): Expr {
    if (!this.isOp('-') && !this.isOp('+')) return this.parsePrimary();
    const sign = this.next();
    this.enter();
    const operand = this.parseUnary();
    this.depth--;
    const op = sign.text === '-' ? '-' : '+';
    return this.node({ kind: 'unary', op, operand, span: join(sign.span, operand.span) });
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.type) {
      case 'number':
        this.next();
        return this.numberLiteral(t);
      case 'string':
        this.next();
        return this.node({ kind: 'literal', type: 'text', value: t.text, span: t.span });
      case 'quoted_ident':
        this.next();
        return this.node({ kind: 'field', name: t.text, bracketed: true, span: t.span });
      case 'op':
        if (t.text === '(') {
          this.next();
          const inner = this.parseExpression();
          this.expectOp(')', "')' to close '('");
          return inner;
        }
        return this.fail('unexpected_token', t.span, `expected a value, field or function but found ${describe(t)}`);
      case 'eof':
        return this.fail('unexpected_end', t.span, 'expression ends where a value, field or function was expected');
      case 'ident':
        return this.parseIdentifier(t);
    }
  }

  private parseIdentifier(t: Token): Expr {
    if (t.upper === 'TRUE' || t.upper === 'FALSE') {
      this.next();
      return this.node({ kind: 'literal', type: 'boolean', value: t.upper === 'TRUE', span: t.span });
    }
    if (t.upper === 'NULL') {
      this.next();
      return this.node({ kind: 'literal', type: 'null', value: null, span: t.span });
    }
    if (t.upper === 'CASE') return this.parseCase();
    if (t.upper === 'CAST') return this.parseCast();
    if (this.peek(1).type === 'op' && this.peek(1).text === '(') return this.parseCall();
    if (RESERVED.has(t.upper)) {
      return this.fail('unexpected_token', t.span, `expected a value, field or function but found keyword ${t.upper} (write [${t.text}] for a field of that name)`);
    }
    this.next();
    return this.node({ kind: 'field', name: t.text, bracketed: false, span: t.span });
  }

  private parseCall(): Expr {
    const nameToken = this.next();
    this.next();
    const name = nameToken.upper;
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      do {
        if (args.length > 0) this.next();
        if (args.length >= this.limits.maxCallArguments) {
          this.fail('too_many_arguments', this.peek().span, `${name} has more than ${this.limits.maxCallArguments} arguments`);
        }
        const part = this.peek();
        const isDatePart = args.length === 0 && DATEPART_FUNCTIONS.has(name) && part.type === 'ident' && this.peek(1).text === ',';
        if (isDatePart) {
          this.next();
          args.push(this.node({ kind: 'literal', type: 'text', value: part.text.toLowerCase(), span: part.span }));
        } else {
          args.push(this.parseExpression());
        }
      } while (this.isOp(','));
    }
    const close = this.expectOp(')', `',' or ')' in the call to ${name}`);
    return this.node({ kind: 'call', name, nameSpan: nameToken.span, args, span: join(nameToken.span, close.span) });
  }

  private parseCase(): Expr {
    const start = this.next();
    this.enter();
    const operand = this.isKeyword('WHEN') ? null : this.parseExpression();
    const whens: WhenClause[] = [];
    while (this.isKeyword('WHEN')) {
      this.next();
      const when = this.parseExpression();
      this.expectKeyword('THEN', 'THEN after the WHEN condition');
      whens.push({ when, then: this.parseExpression() });
    }
    if (whens.length === 0) this.fail('unexpected_token', this.peek().span, `expected WHEN in CASE, found ${describe(this.peek())}`);
    let otherwise: Expr | null = null;
    if (this.isKeyword('ELSE')) {
      this.next();
      otherwise = this.parseExpression();
    }
    const end = this.expectKeyword('END', 'WHEN, ELSE or END in CASE');
    this.depth--;
    return this.node({ kind: 'case', operand, whens, otherwise, span: join(start.span, end.span) });
  }

  private parseCast(): Expr {
    const start = this.next();
    this.expectOp('(', "'(' after CAST");
    const operand = this.parseExpression();
    this.expectKeyword('AS', 'AS and a type in CAST');
    const typeToken = this.peek();
    const target = typeToken.type === 'ident' ? CAST_TYPES.get(typeToken.upper) : undefined;
    if (target === undefined) {
      return this.fail('unknown_type', typeToken.span, `unknown CAST type ${describe(typeToken)}; use int, decimal, varchar, bit or datetime`);
    }
    this.next();
    let length: number | null = null;
    let scale: number | null = null;
    if (this.isOp('(')) {
      this.next();
      const first = this.peek();
      if (target === 'varchar' && first.type === 'ident' && first.upper === 'MAX') {
        this.next();
      } else {
        const size = this.expectSize();
        if (target === 'varchar') length = size;
        if (this.isOp(',')) {
          this.next();
          const s = this.expectSize();
          if (target === 'decimal') scale = s;
        }
      }
      this.expectOp(')', "')' after the type size");
    }
    const close = this.expectOp(')', "')' to close CAST");
    return this.node({ kind: 'cast', operand, target, length, scale, span: join(start.span, close.span) });
  }

  private expectSize(): number {
    const t = this.peek();
    if (t.type !== 'number' || !/^\d+$/.test(t.text) || Number(t.text) > 1_000_000) {
      return this.fail('unexpected_token', t.span, `expected a whole number size, found ${describe(t)}`);
    }
    this.next();
    return Number(t.text);
  }

  private numberLiteral(t: Token): Expr {
    const isDecimal = /[.eE]/.test(t.text);
    const value = Number(t.text);
    if (!Number.isFinite(value)) this.fail('number_out_of_range', t.span, `number ${t.text} is too large`);
    if (!isDecimal && !Number.isSafeInteger(value)) {
      this.fail('number_out_of_range', t.span, `integer ${t.text} is beyond ±${Number.MAX_SAFE_INTEGER}; write it as a decimal (${t.text}.0) if an approximation is fine`);
    }
    return this.node({ kind: 'literal', type: 'number', value, isDecimal, span: t.span });
  }

  private node<T extends Expr>(node: T): T {
    this.nodes++;
    if (this.nodes > this.limits.maxNodes) {
      this.fail('too_many_nodes', node.span, `expression has more than ${this.limits.maxNodes} parts`);
    }
    return node;
  }

  private enter(): void {
    this.depth++;
    if (this.depth > this.limits.maxDepth) {
      this.fail('too_deep', this.peek().span, `expression is nested more than ${this.limits.maxDepth} levels deep`);
    }
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === text;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'ident' && t.upper === word;
  }

  private expectOp(text: string, what: string): Token {
    if (!this.isOp(text)) this.unexpected(what);
    return this.next();
  }

  private expectKeyword(word: string, what: string): Token {
    if (!this.isKeyword(word)) this.unexpected(what);
    return this.next();
  }

  private unexpected(what: string): never {
    const t = this.peek();
    if (t.type === 'eof') this.fail('unexpected_end', t.span, `expected ${what}, but the expression ends`);
    return this.fail('unexpected_token', t.span, `expected ${what}, found ${describe(t)}`);
  }

  private fail(code: string, span: Span, summary: string): never {
    throw new ParseFailure(parseError(code, span, summary));
  }
}

function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'the end of the expression';
    case 'string':
      return 'a string';
    case 'number':
      return `number ${t.text}`;
    case 'quoted_ident':
      return `[${t.text}]`;
    case 'ident':
      return RESERVED.has(t.upper) ? `keyword ${t.upper}` : `'${t.text}'`;
    case 'op':
      return `'${t.text}'`;
  }
}
