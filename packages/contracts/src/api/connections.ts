import { z } from 'zod';
import type { ConnectionInput, ConnectionSettings } from '../connection.js';
import { CLOUDS } from '../connection.js';
import { fieldIssueSchema } from './field-issue.js';

/**
 * Request and response schemas of the connection routes (issue #6). Response schemas carry no transforms (the
 * serializer encodes through them), so the settings part of a view is typed by `ConnectionView` and checked only
 * for the secret never being there.
 */

export const connectionNameParamsSchema = z.strictObject({ name: z.string().min(1).max(100) });

/**
 * A connection document as POST/PUT take it (same schema as `connection add --file`, `connectionInputSchema`).
 * Validated by the server in one pass (schema, cron, CA file, expressions compiled), so every problem comes
 * back at once as 422 `input_invalid` with `details.issues`. On PUT `clientSecret` may be left out to keep the
 * stored one.
 */
export const connectionDocumentBodySchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'The connection document (connectionInputSchema); clientSecret optional on PUT.' });

export const lastTestSchema = z.strictObject({ ok: z.boolean(), at: z.string(), message: z.string() });
export type LastTest = z.infer<typeof lastTestSchema>;

/** Keys a view adds to the settings; strip them (`toConnectionDocument`) before sending a view back with PUT. */
export const CONNECTION_VIEW_ONLY_KEYS = ['id', 'hasSecret', 'secretUpdatedAt', 'createdAt', 'updatedAt', 'lastTest', 'availableFieldsAt'] as const;

/** GET /connections/:name: every setting of the document, never the secret. */
export const connectionViewSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  hasSecret: z.boolean(),
  secretUpdatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastTest: lastTestSchema.nullable(),
  availableFieldsAt: z.string().nullable(),
  clientSecret: z.never({ error: 'a view must never carry the client secret' }).optional(),
});
export type ConnectionView = ConnectionSettings & {
  readonly id: string;
  readonly hasSecret: boolean;
  /** When the client secret was last set (created or replaced). */
  readonly secretUpdatedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The last "Test connection" of the saved credentials. */
  readonly lastTest: LastTest | null;
  readonly availableFieldsAt: string | null;
};

/** The document to PUT back from a view: its settings, with `clientSecret` left out (kept) unless given. */
export function toConnectionDocument(view: ConnectionView, clientSecret?: string): ConnectionInput | Omit<ConnectionInput, 'clientSecret'> {
  const document: Record<string, unknown> = { ...view };
  for (const key of CONNECTION_VIEW_ONLY_KEYS) delete document[key];
  if (clientSecret !== undefined) document['clientSecret'] = clientSecret;
  return document as ConnectionInput;
}

export const connectionLastRunSchema = z.strictObject({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'partial', 'failed']),
  dryRun: z.boolean(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  counts: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});
export type ConnectionLastRun = z.infer<typeof connectionLastRunSchema>;

/** One dashboard row. */
export const connectionListItemSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  description: z.string(),
  tenantId: z.string(),
  syncMode: z.enum(['inventory', 'discovery']),
  department: z.string(),
  schedule: z.string(),
  nextRunAt: z.string().nullable(),
  lastRun: connectionLastRunSchema.nullable(),
  attention: z.array(z.string()),
});
export type ConnectionListItem = z.infer<typeof connectionListItemSchema>;
export const connectionListSchema = z.strictObject({ items: z.array(connectionListItemSchema) });

const capabilitySchema = z.strictObject({
  ok: z.boolean(),
  status: z.number().optional(),
  permission: z.string(),
  message: z.string(),
});

export const availableFieldSchema = z.strictObject({
  name: z.string(),
  type: z.string(),
  inSchema: z.boolean(),
  seenOnDevices: z.boolean(),
  getOnly: z.boolean(),
});

/** "Test connection / Invoke Intune API": token, one page of devices, each permission, the available fields. */
export const connectionTestReportSchema = z.strictObject({
  connection: z.string(),
  ok: z.boolean(),
  token: z.strictObject({ ok: z.boolean(), message: z.string() }),
  capabilities: z.strictObject({ devices: capabilitySchema, users: capabilitySchema, detectedApps: capabilitySchema, autopilot: capabilitySchema }),
  devicesRead: z.number(),
  durationMs: z.number(),
  availableFields: z.strictObject({
    source: z.enum(['live', 'stored', 'schema']),
    at: z.string().nullable(),
    notice: z.string().nullable(),
    fields: z.array(availableFieldSchema),
  }),
});
export type ConnectionTestReportDto = z.infer<typeof connectionTestReportSchema>;

/** POST /connection-tests: credentials not saved yet (the setup page's Test connection before Save). */
export const credentialsTestBodySchema = z.strictObject({
  tenantId: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  authorityUrl: z.string().optional(),
  graphUrl: z.string().optional(),
  cloud: z.enum(CLOUDS).optional(),
  caCertFile: z.string().optional(),
  graphApiVersion: z.enum(['v1.0', 'beta']).optional(),
});
export type CredentialsTestBody = z.infer<typeof credentialsTestBodySchema>;

/** GET /connections/:name/fields: the dual list of Intune Fields Selection. */
export const connectionFieldsSchema = z.strictObject({
  fields: z.array(
    z.strictObject({ name: z.string(), type: z.string(), getOnly: z.boolean(), betaOnly: z.boolean(), selected: z.boolean() }),
  ),
  source: z.enum(['live', 'stored', 'schema']),
  at: z.string().nullable(),
  notice: z.string().optional(),
});
export type ConnectionFields = z.infer<typeof connectionFieldsSchema>;

export const sampleDevicesQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(5) });
export const sampleDevicesSchema = z.strictObject({ devices: z.array(z.record(z.string(), z.unknown())) });

export const mappingPreviewBodySchema = z.strictObject({
  settings: z.record(z.string(), z.unknown()).meta({ description: 'The draft connection document (unsaved edits); clientSecret not needed.' }),
  limit: z.number().int().min(1).max(50).optional(),
});

export const previewFieldSchema = z.strictObject({
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  error: z.string().optional(),
});

export const mappingPreviewRowSchema = z.strictObject({
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  included: z.boolean(),
  skipReason: z.string().optional(),
  deviceType: z.string().nullable(),
  category: z.string().nullable(),
  /** Each mapped target (`memoryGb`, `category.RAM`) with its value, or its per-device error. */
  fields: z.record(z.string(), previewFieldSchema),
});
export type MappingPreviewRow = z.infer<typeof mappingPreviewRowSchema>;

export const mappingPreviewSchema = z.strictObject({
  rows: z.array(mappingPreviewRowSchema),
  issues: z.array(fieldIssueSchema),
});
export type MappingPreview = z.infer<typeof mappingPreviewSchema>;
