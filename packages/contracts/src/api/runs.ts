import { z } from 'zod';

/**
 * Request and response schemas of the run and schedule routes (issue #6): Sync now, run history, per-device
 * outcomes, live progress (server-sent events) and the cron preview.
 */

export const RUN_STATUS_VALUES = ['queued', 'running', 'succeeded', 'partial', 'failed'] as const;
export const RUN_TRIGGER_VALUES = ['manual', 'schedule', 'cli'] as const;
export const RUN_STAGE_VALUES = ['queued', 'users', 'groups', 'fetch', 'write', 'reconcile', 'done'] as const;
export const RUN_DEVICE_OUTCOME_VALUES = ['created', 'updated', 'unchanged', 'skipped', 'failed', 'duplicate', 'retired', 'restored'] as const;

/**
 * Live progress of a run. Graph gives no tenant total up front (`@odata.count` is per page), so `devicesTotal` is
 * null until the fetch has ended.
 */
export const runProgressSchema = z.strictObject({
  stage: z.enum(RUN_STAGE_VALUES),
  devicesDone: z.number().int(),
  devicesFetched: z.number().int(),
  devicesTotal: z.number().int().nullable(),
});
export type RunProgressDto = z.infer<typeof runProgressSchema>;

/** One run as lists show it; `counts` are the run report's (SPEC §7.3) once it has finished. */
export const runSummarySchema = z.strictObject({
  id: z.string(),
  connection: z.string(),
  connectionId: z.string(),
  status: z.enum(RUN_STATUS_VALUES),
  dryRun: z.boolean(),
  trigger: z.enum(RUN_TRIGGER_VALUES),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  counts: z.record(z.string(), z.unknown()).nullable(),
  progress: runProgressSchema.nullable(),
  /** Why a run failed or stopped (first notice of a partial run). */
  error: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runPageSchema = z.strictObject({ items: z.array(runSummarySchema), nextCursor: z.string().nullable() });
export type RunPage = z.infer<typeof runPageSchema>;

export const runIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

export const requestRunBodySchema = z.strictObject({ dryRun: z.boolean().optional() }).optional();
export const runQueuedSchema = z.strictObject({ runId: z.string(), status: z.literal('queued') });

export const runListQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /runs: across connections; `status` is one status or several joined by commas (`failed,partial`). */
export const allRunsQuerySchema = runListQuerySchema.extend({
  status: z
    .string()
    .max(100)
    .regex(/^(queued|running|succeeded|partial|failed)(,(queued|running|succeeded|partial|failed))*$/, 'a run status or a comma-separated list of them')
    .optional(),
});

/** GET /runs/:id: the stored run report (SPEC §4.13; with `diff` for a dry run), null until the run ends. */
export const runDetailSchema = z.strictObject({ run: runSummarySchema, report: z.record(z.string(), z.unknown()).nullable() });
export type RunDetail = z.infer<typeof runDetailSchema>;

export const runDevicesQuerySchema = z.object({
  outcome: z.enum(RUN_DEVICE_OUTCOME_VALUES).optional(),
  reason: z.string().max(200).optional(),
  search: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const runDeviceSchema = z.strictObject({
  intuneDeviceId: z.string(),
  deviceName: z.string().nullable(),
  outcome: z.enum(RUN_DEVICE_OUTCOME_VALUES),
  reason: z.string().nullable(),
  assetId: z.string().nullable(),
});
export type RunDeviceDto = z.infer<typeof runDeviceSchema>;
export const runDevicePageSchema = z.strictObject({ items: z.array(runDeviceSchema), nextCursor: z.string().nullable() });

export const scheduleSchema = z.strictObject({
  cron: z.string(),
  timezone: z.string(),
  nextRunAt: z.string().nullable(),
  nextRuns: z.array(z.string()),
  syncNowAvailableAt: z.string().nullable(),
});
export type ScheduleDto = z.infer<typeof scheduleSchema>;

export const schedulePreviewBodySchema = z.strictObject({ cron: z.string().min(1).max(120), timezone: z.string().min(1).max(100).optional() });
export const schedulePreviewSchema = z.strictObject({ nextRuns: z.array(z.string()) });

/** The events of GET /runs/:id/events (text/event-stream): `progress` while it runs, one `finished` at the end. */
export const runStreamEventSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('progress'), data: runProgressSchema }),
  z.strictObject({ event: z.literal('finished'), data: runSummarySchema }),
]);
export type RunStreamEvent = z.infer<typeof runStreamEventSchema>;
