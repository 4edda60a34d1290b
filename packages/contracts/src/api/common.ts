import { z } from 'zod';

/** The body of every API error (SPEC §7.2); `details.issues` lists located field problems on a 422. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Opaque keyset cursor paging: pass `nextCursor` back as `cursor`; null means the last page. */
export const cursorQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
