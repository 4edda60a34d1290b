/**
 * Vets REGEXP_LIKE patterns before they run. JS RegExp backtracks, so a pattern such as `(a+)+$` can take
 * exponential time and `.*.*x` cubic time on a few thousand characters. We parse the pattern ourselves and
 * reject nested repetition, repeated groups that can match empty text or whose alternatives overlap,
 * backreferences, lookarounds, and chains of repeats that can trade characters (polynomial backtracking).
 * With that, the worst case is quadratic in the input, which `maxRegexInputLength` bounds.
 */
type Range = readonly [number, number];
type CharSet = readonly Range[];

type RNode =
  | { readonly k: 'set'; readonly set: CharSet }
  | { readonly k: 'assert'; readonly start: boolean }
  | { readonly k: 'seq'; readonly items: readonly RNode[] }
  | { readonly k: 'alt'; readonly branches: readonly RNode[] }
  | { readonly k: 'quant'; readonly body: RNode; readonly min: number; readonly max: number };

export type RegexVerdict = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly code: 'invalid_regex' | 'unsafe_regex'; readonly reason: string };

const MAX_REPEAT_BOUND = 1000;
/** Repeats bounded at or below this count are treated as a short sequence, not as a loop. */
const SMALL_REPEAT = 16;
const ALL: CharSet = [[0, 0xffff]];
const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: CharSet = [[9, 13], [32, 32], [160, 160], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

class Reject {
  constructor(readonly code: 'invalid_regex' | 'unsafe_regex', readonly reason: string) {}
}

export function vetRegex(pattern: string, flags: string, maxLength: number): RegexVerdict {
  try {
    if (pattern.length > maxLength) throw new Reject('unsafe_regex', `pattern is ${pattern.length} characters long; the limit is ${maxLength}`);
    for (const f of flags) {
      if (!'ims'.includes(f)) throw new Reject('invalid_regex', `flag '${f}' is not allowed; use i, m or s`);
    }
    if (new Set(flags).size !== flags.length) throw new Reject('invalid_regex', `flag repeated in '${flags}'`);
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, flags);
    } catch (error) {
      throw new Reject('invalid_regex', error instanceof Error ? error.message : String(error));
    }
    const ignoreCase = flags.includes('i');
    const tree = new RegexParser(pattern, ignoreCase).parse();
    checkRepeats(tree, false);
    const anchored = !flags.includes('m') && isAnchored(tree);
    walkChains(tree, [], anchored ? 0 : 1);
    return { ok: true, regex };
  } catch (error) {
    if (error instanceof Reject) return { ok: false, code: error.code, reason: error.reason };
    throw error;
  }
}

class RegexParser {
  private i = 0;
  constructor(private readonly p: string, private readonly ignoreCase: boolean) {}

  parse(): RNode {
    const node = this.alternation();
    if (this.i < this.p.length) throw new Reject('invalid_regex', `unexpected '${this.p[this.i]}' at ${this.i}`);
    return node;
  }

  private alternation(): RNode {
    const branches = [this.sequence()];
    while (this.p[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] as RNode) : { k: 'alt', branches };
  }

  private sequence(): RNode {
    const items: RNode[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') items.push(this.quantified(this.atom()));
    return { k: 'seq', items };
  }

  private quantified(atom: RNode): RNode {
    const rest = this.p.slice(this.i);
    let min: number;
    let max: number;
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (rest[0] === '*' || rest[0] === '+' || rest[0] === '?') {
      min = rest[0] === '+' ? 1 : 0;
      max = rest[0] === '?' ? 1 : Number.POSITIVE_INFINITY;
      this.i++;
    } else if (braces !== null) {
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Number.POSITIVE_INFINITY : Number(braces[3]);
      if (min > MAX_REPEAT_BOUND || (Number.isFinite(max) && max > MAX_REPEAT_BOUND)) {
        throw new Reject('unsafe_regex', `repetition bound ${braces[0]} is above ${MAX_REPEAT_BOUND}`);
      }
      this.i += braces[0].length;
    } else {
      return atom;
    }
    if (this.p[this.i] === '?') this.i++;
    return { k: 'quant', body: atom, min, max };
  }

  private atom(): RNode {
    const ch = this.p[this.i] as string;
    this.i++;
    switch (ch) {
      case '^':
      case '$':
        return { k: 'assert', start: ch === '^' };
      case '.':
        return { k: 'set', set: ALL };
      case '[':
        return { k: 'set', set: this.fold(this.charClass()) };
      case '\\':
        return this.escape();
      case '(': {
        if (this.p.startsWith('?=', this.i) || this.p.startsWith('?!', this.i) || this.p.startsWith('?<=', this.i) || this.p.startsWith('?<!', this.i)) {
          throw new Reject('unsafe_regex', 'lookahead and lookbehind are not allowed');
        }
        if (this.p.startsWith('?:', this.i)) this.i += 2;
        else if (this.p.startsWith('?<', this.i)) this.i = this.p.indexOf('>', this.i) + 1;
        const body = this.alternation();
        this.i++;
        return body;
      }
      default:
        return this.literal(ch.charCodeAt(0));
    }
  }

  private escape(): RNode {
    const ch = this.p[this.i] as string;
    this.i++;
    if (/[1-9]/.test(ch) || (ch === 'k' && this.p[this.i] === '<')) throw new Reject('unsafe_regex', 'backreferences are not allowed');
    if (ch === 'b' || ch === 'B') return { k: 'assert', start: false };
    const set = this.escapeSet(ch);
    return set === undefined ? this.literal(this.escapeCode(ch)) : { k: 'set', set };
  }

  private escapeSet(ch: string): CharSet | undefined {
    const sets: Readonly<Record<string, CharSet>> = { d: DIGIT, w: WORD, s: SPACE, D: complement(DIGIT), W: complement(WORD), S: complement(SPACE) };
    return sets[ch];
  }

  private escapeCode(ch: string): number {
    const control = CONTROL_ESCAPES[ch];
    if (control !== undefined) return control;
    const hex = ch === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.p.slice(this.i)) : ch === 'u' ? /^[0-9a-fA-F]{4}/.exec(this.p.slice(this.i)) : null;
    if (hex !== null) {
      this.i += hex[0].length;
      return parseInt(hex[0], 16);
    }
    if (ch === 'c' && /[a-zA-Z]/.test(this.p[this.i] ?? '')) return (this.p.charCodeAt(this.i++) % 32);
    return ch.charCodeAt(0);
  }

  private charClass(): CharSet {
    const negated = this.p[this.i] === '^';
    if (negated) this.i++;
    const ranges: Range[] = [];
    while (this.i < this.p.length && this.p[this.i] !== ']') {
      const lo = this.classAtom();
      if (typeof lo !== 'number') {
        ranges.push(...lo);
        continue;
      }
      if (this.p[this.i] === '-' && this.p[this.i + 1] !== ']' && this.i + 1 < this.p.length) {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi === 'number') ranges.push([lo, hi]);
        else ranges.push([lo, lo], [45, 45], ...hi);
      } else {
        ranges.push([lo, lo]);
      }
    }
    this.i++;
    const set = normalize(ranges);
    return negated ? complement(set) : set;
  }

  private classAtom(): number | CharSet {
    const ch = this.p[this.i] as string;
    this.i++;
    if (ch !== '\\') return ch.charCodeAt(0);
    const esc = this.p[this.i] as string;
    this.i++;
    if (esc === 'b') return 8;
    return this.escapeSet(esc) ?? this.escapeCode(esc);
  }

  private literal(code: number): RNode {
    return { k: 'set', set: this.fold([[code, code]]) };
  }

  private fold(set: CharSet): CharSet {
    if (!this.ignoreCase) return set;
    const extra: Range[] = [];
    for (const [lo, hi] of set) {
      const a = Math.max(lo, 65), b = Math.min(hi, 90);
      if (a <= b) extra.push([a + 32, b + 32]);
      const c = Math.max(lo, 97), d = Math.min(hi, 122);
      if (c <= d) extra.push([c - 32, d - 32]);
    }
    return normalize([...set, ...extra]);
  }
}

function normalize(ranges: readonly Range[]): CharSet {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 0xffff) out.push([next, 0xffff]);
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Range;
    const y = b[j] as Range;
    if (x[1] < y[0]) i++;
    else if (y[1] < x[0]) j++;
    else return true;
  }
  return false;
}

interface Shape {
  readonly nullable: boolean;
  readonly first: CharSet;
  readonly chars: CharSet;
  /** Length of every match, or null when it varies. */
  readonly length: number | null;
}

function shape(node: RNode): Shape {
  switch (node.k) {
    case 'set':
      return { nullable: false, first: node.set, chars: node.set, length: 1 };
    case 'assert':
      return { nullable: true, first: [], chars: [], length: 0 };
    case 'seq': {
      let nullable = true;
      const first: Range[] = [];
      const chars: Range[] = [];
      let length: number | null = 0;
      for (const item of node.items) {
        const s = shape(item);
        if (nullable) first.push(...s.first);
        nullable &&= s.nullable;
        chars.push(...s.chars);
        length = length === null || s.length === null ? null : length + s.length;
      }
      return { nullable, first: normalize(first), chars: normalize(chars), length };
    }
    case 'alt': {
      const shapes = node.branches.map(shape);
      return {
        nullable: shapes.some((s) => s.nullable),
        first: normalize(shapes.flatMap((s) => s.first)),
        chars: normalize(shapes.flatMap((s) => s.chars)),
        length: shapes.every((s) => s.length === shapes[0]?.length) ? (shapes[0]?.length ?? 0) : null,
      };
    }
    case 'quant': {
      const s = shape(node.body);
      const length = s.length !== null && node.min === node.max ? s.length * node.min : null;
      return { nullable: node.min === 0 || s.nullable, first: s.first, chars: s.chars, length };
    }
  }
}

function checkRepeats(node: RNode, insideRepeat: boolean): void {
  switch (node.k) {
    case 'set':
    case 'assert':
      return;
    case 'seq':
      for (const item of node.items) checkRepeats(item, insideRepeat);
      return;
    case 'alt': {
      if (insideRepeat) {
        const shapes = node.branches.map(shape);
        for (let a = 0; a < shapes.length; a++) {
          const sa = shapes[a] as Shape;
          if (sa.nullable) throw new Reject('unsafe_regex', 'an alternative inside a repeated group can match empty text');
          for (let b = a + 1; b < shapes.length; b++) {
            if (intersects(sa.first, (shapes[b] as Shape).first)) {
              throw new Reject('unsafe_regex', 'alternatives inside a repeated group can start with the same character, e.g. (a|ab)*');
            }
          }
        }
      }
      for (const branch of node.branches) checkRepeats(branch, insideRepeat);
      return;
    }
    case 'quant': {
      const repeats = node.max > 1;
      if (repeats) {
        const body = shape(node.body);
        if (body.nullable) throw new Reject('unsafe_regex', 'a repeated group that can match empty text, such as (a?)*, can backtrack exponentially');
        if (body.length === null || (insideRepeat && node.min !== node.max)) {
          throw new Reject('unsafe_regex', 'a repeated group whose length varies, such as (a+)+ or (a|ab)*, can backtrack exponentially');
        }
      }
      checkRepeats(node.body, insideRepeat || (repeats && node.min !== node.max));
      return;
    }
  }
}

function isAnchored(node: RNode): boolean {
  switch (node.k) {
    case 'assert':
      return node.start;
    case 'seq':
      return node.items[0] !== undefined && isAnchored(node.items[0]);
    case 'alt':
      return node.branches.every(isAnchored);
    default:
      return false;
  }
}

/**
 * Tracks the repeats that may still give characters to a later repeat. A mandatory character that an earlier
 * repeat cannot match fences it off. Each trading pair multiplies the work by the input length.
 */
function walkChains(node: RNode, active: readonly CharSet[], baseDegree: number): readonly CharSet[] {
  switch (node.k) {
    case 'set':
      return active.filter((q) => intersects(q, node.set));
    case 'assert':
      return active;
    case 'seq':
      return node.items.reduce<readonly CharSet[]>((acc, item) => walkChains(item, acc, baseDegree), active);
    case 'alt':
      return node.branches.flatMap((b) => walkChains(b, active, baseDegree));
    case 'quant': {
      if (node.max <= SMALL_REPEAT) return node.min === 0 ? active : walkChains(node.body, active, baseDegree);
      const set = shape(node.body).chars;
      const trading = active.filter((q) => intersects(q, set));
      if (trading.length + 1 + baseDegree > 2) {
        throw new Reject('unsafe_regex', 'two repeats can match the same characters one after the other (e.g. .*.*x), which backtracks polynomially; anchor the pattern with ^ or separate the repeats with a character the first cannot match');
      }
      return node.min >= 1 ? [...trading, set] : [...active, set];
    }
  }
}
