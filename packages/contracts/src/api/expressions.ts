import { z } from 'zod';
import { fieldIssueSchema } from './field-issue.js';

export const EXPRESSION_KINDS = ['transform', 'condition'] as const;
export const EXPRESSION_TYPES = ['text', 'number', 'boolean', 'datetime', 'null', 'unknown'] as const;

/**
 * POST /expressions/check: parse and check one expression against the Intune device fields (of a connection's
 * Graph version and selection when `connection` is given), as the expression editor types.
 */
export const expressionCheckBodySchema = z.strictObject({
  expression: z.string().max(10_000),
  kind: z.enum(EXPRESSION_KINDS),
  graphApiVersion: z.enum(['v1.0', 'beta']).optional(),
  /** Restrict to these fields (the draft's selectedFields); every field of the version when left out. */
  selectedFields: z.array(z.string().min(1)).optional(),
});
export type ExpressionCheckBody = z.infer<typeof expressionCheckBodySchema>;

/** `type` is the statically inferred result type (`unknown` when it depends on the data, e.g. a CASE of mixed types). */
export const expressionCheckSchema = z.strictObject({
  ok: z.boolean(),
  type: z.enum(EXPRESSION_TYPES).optional(),
  fieldsUsed: z.array(z.string()),
  issues: z.array(fieldIssueSchema),
});
export type ExpressionCheck = z.infer<typeof expressionCheckSchema>;

/** POST /expressions/evaluate: the value for one device record (keys as in Graph or as written in expressions). */
export const expressionEvaluateBodySchema = z.strictObject({
  expression: z.string().max(10_000),
  record: z.record(z.string(), z.unknown()),
});

export const expressionEvaluateSchema = z.strictObject({
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});
