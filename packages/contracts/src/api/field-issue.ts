import { z } from 'zod';

/** A located problem as the API returns it (`FieldIssue` in issues.ts): the UI underlines `span` in the field's text. */
export const fieldIssueSchema = z.strictObject({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  span: z.strictObject({ start: z.number(), end: z.number() }).optional(),
});
