/** Bounds on what one expression may cost; every bound is enforced with a clear error code. */
export interface Limits {
  /** Characters (UTF-16 code units) of source; over it: `source_too_long`. */
  readonly maxSourceLength: number;
  /** Nesting depth of the syntax tree (parentheses, calls, operators); over it: `too_deep`. */
  readonly maxDepth: number;
  /** Syntax-tree nodes; over it: `too_many_nodes`. */
  readonly maxNodes: number;
  /** Arguments in one function call; over it: `too_many_arguments`. */
  readonly maxCallArguments: number;
  /** Characters of a string an expression builds (`+`, `||`, CONCAT, REPLACE, CAST); over it: `string_too_long`. */
  readonly maxStringLength: number;
  /** Characters of a REGEXP_LIKE pattern; over it: `unsafe_regex`. */
  readonly maxRegexLength: number;
  /** Characters of text REGEXP_LIKE may match against; over it: `regex_input_too_long`. */
  readonly maxRegexInputLength: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxSourceLength: 10_000,
  maxDepth: 64,
  maxNodes: 2_000,
  maxCallArguments: 64,
  maxStringLength: 100_000,
  maxRegexLength: 256,
  maxRegexInputLength: 2_048,
});

export function resolveLimits(overrides: Partial<Limits> | undefined): Limits {
  return overrides === undefined ? DEFAULT_LIMITS : Object.freeze({ ...DEFAULT_LIMITS, ...overrides });
}
