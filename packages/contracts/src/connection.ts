import { z } from 'zod';
import { syncSettingsShape } from './sync-settings.js';

/** Clouds with their own Entra authority and Graph endpoint (NOTES §5.5). */
export const CLOUDS = ['global', 'usgov', 'usgov-dod', 'china'] as const;
export type Cloud = (typeof CLOUDS)[number];

export const SYNC_MODES = ['inventory', 'discovery'] as const;
export const INSTANCES = ['production', 'uat'] as const;
export const GRAPH_API_VERSIONS = ['v1.0', 'beta'] as const;

// Names are typed on the command line (`intune-assets sync <name>`), so keep them shell-friendly.
const connectionName = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'use letters, digits, space, dot, dash or underscore, starting with a letter or digit');

const guid = (what: string) =>
  z.guid(`${what} must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`).transform((v) => v.toLowerCase());

/**
 * True for a time zone name this runtime knows (IANA, e.g. Europe/Paris, UTC). Intl is the judge, so the browser
 * and the server agree on what the scheduler can use.
 */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .transform((v) => v.replace(/\/+$/, ''));

/**
 * A connection document as `connection add --file` and the API accept it (SPEC §3, §7.3). Every setting left
 * out takes the seeds' default (the sync sections: `sync-settings.ts`). Unknown keys are typos and are rejected.
 *
 * @example
 * connectionInputSchema.parse({ name: 'Contoso', tenantId, clientId, clientSecret: '…' })
 */
export const connectionInputSchema = z.strictObject({
  name: connectionName,
  description: z.string().max(1000).default(''),
  department: z.string().min(1).max(200).default('Default'),
  integrationUser: z.string().min(1).max(320).default('intune-connector'),
  isActive: z.boolean().default(true),
  enabledForInstances: z.array(z.enum(INSTANCES)).min(1).default(['production']),
  tenantId: guid('tenantId'),
  clientId: guid('clientId'),
  authMode: z.literal('client_secret', { error: 'only client_secret is supported for now' }).default('client_secret'),
  clientSecret: z.string().min(1, 'must not be empty').max(1024),
  cloud: z.enum(CLOUDS).default('global'),
  authorityUrl: httpsUrl.optional(),
  graphUrl: httpsUrl.optional(),
  caCertFile: z.string().min(1).optional(),
  graphApiVersion: z.enum(GRAPH_API_VERSIONS).default('v1.0'),
  syncMode: z.enum(SYNC_MODES).default('inventory'),
  moveToCmdb: z.boolean().default(false),
  schedule: z.string().min(1).max(120).default('0 2 * * *'),
  /** The time zone `schedule` is read in; left out, the server's. */
  scheduleTimezone: z.string().min(1).max(100).refine(isTimeZone, 'not a known IANA time zone (e.g. Europe/Paris, America/New_York, UTC)').optional(),
  syncNowDebounceMinutes: z.int().min(0).max(1440).default(30),
  batchSize: z.int().min(1).max(1000).default(50),
  retireSafetyPercent: z.number().min(0).max(100).default(20),
  selectedFields: z.array(z.string().min(1)).optional(),
  ...syncSettingsShape,
});

export type ConnectionInput = z.input<typeof connectionInputSchema>;
export type ConnectionDocument = z.output<typeof connectionInputSchema>;
/** What is stored in clear: the document without its secret. */
export type ConnectionSettings = Omit<ConnectionDocument, 'clientSecret'>;

/** How a connection is shown (CLI `connection list --json`, API): never the secret. */
export interface ConnectionSummary {
  readonly id: string;
  readonly name: string;
  readonly settings: ConnectionSettings;
  readonly hasClientSecret: boolean;
  readonly availableFields: readonly string[];
  readonly availableFieldsAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
