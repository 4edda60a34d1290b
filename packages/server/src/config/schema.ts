import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// One schema for the whole process (STYLE §4). Environment strings are coerced here and nowhere else.
export const configSchema = z.strictObject({
  dataDir: z.string().min(1),
  /** Which copy of the register this process is; connections sync only where enabled (SPEC §3). */
  instance: z.enum(['production', 'uat']),
  db: z.strictObject({
    url: z
      .string()
      .refine((u) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(u), 'must start with sqlite: or postgres://'),
  }),
  secrets: z.strictObject({
    key: z.string().min(1).optional(),
    keyFile: z.string().min(1),
  }),
  log: z.strictObject({ level: z.enum(LOG_LEVELS) }),
  http: z.strictObject({
    host: z.string().min(1),
    port: z.coerce.number().int().min(0).max(65535),
  }),
});

export type Config = z.output<typeof configSchema>;
