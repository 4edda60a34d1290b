type LikeElement =
  | { readonly t: 'any_run' }
  | { readonly t: 'any_one' }
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'set'; readonly ranges: readonly (readonly [string, string])[]; readonly negated: boolean };

/** A LIKE pattern prepared once: `%` any run, `_` one character, `[abc]` / `[a-z]` / `[^a]` sets; case-insensitive. */
export type LikePattern = readonly LikeElement[];

export function compileLike(pattern: string): LikePattern {
  const p = pattern.toLowerCase();
  const out: LikeElement[] = [];
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] as string;
    if (ch === '%') {
      if (out.at(-1)?.t !== 'any_run') out.push({ t: 'any_run' });
    } else if (ch === '_') {
      out.push({ t: 'any_one' });
    } else if (ch === '[') {
      const close = p.indexOf(']', i + 2);
      if (close === -1) {
        out.push({ t: 'char', c: ch });
        continue;
      }
      let body = p.slice(i + 1, close);
      const negated = body.startsWith('^') && body.length > 1;
      if (negated) body = body.slice(1);
      const ranges: (readonly [string, string])[] = [];
      for (let j = 0; j < body.length; j++) {
        const lo = body[j] as string;
        const hi = body[j + 2];
        if (body[j + 1] === '-' && hi !== undefined) {
          ranges.push([lo, hi]);
          j += 2;
        } else {
          ranges.push([lo, lo]);
        }
      }
      out.push({ t: 'set', ranges, negated });
      i = close;
    } else {
      out.push({ t: 'char', c: ch });
    }
  }
  return out;
}

function matchesOne(el: LikeElement, c: string): boolean {
  switch (el.t) {
    case 'any_one':
      return true;
    case 'char':
      return el.c === c;
    case 'set': {
      const inSet = el.ranges.some(([lo, hi]) => c >= lo && c <= hi);
      return inSet !== el.negated;
    }
    case 'any_run':
      return false;
  }
}

/** Greedy match that only ever backtracks to the last `%`: O(text × pattern), never exponential. */
export function matchLike(pattern: LikePattern, input: string): boolean {
  const text = input.toLowerCase();
  let ti = 0;
  let pi = 0;
  let starPi = -1;
  let starTi = 0;
  while (ti < text.length) {
    const el = pattern[pi];
    if (el !== undefined && el.t !== 'any_run' && matchesOne(el, text[ti] as string)) {
      ti++;
      pi++;
    } else if (el !== undefined && el.t === 'any_run') {
      starPi = pi++;
      starTi = ti;
    } else if (starPi !== -1) {
      pi = starPi + 1;
      ti = ++starTi;
    } else {
      return false;
    }
  }
  while (pattern[pi]?.t === 'any_run') pi++;
  return pi === pattern.length;
}
