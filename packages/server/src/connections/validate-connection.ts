import { readFile } from 'node:fs/promises';
import { connectionInputSchema, describeIssues, toFieldIssues } from '@intune-assets/contracts';
import type { ConnectionDocument, ConnectionSettings, FieldIssue } from '@intune-assets/contracts';
import { Cron } from 'croner';
import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { compileSyncPlan } from '../mapping/compile-plan.js';

export type ConnectionCheck =
  | { readonly ok: true; readonly document: ConnectionDocument }
  | { readonly ok: false; readonly document: ConnectionDocument | null; readonly issues: readonly FieldIssue[] };

export interface ConnectionCheckOptions {
  /** A check that needs the register (the required fields of the categories the document can fill, SPEC §4.6). */
  readonly requiredFieldIssues?: (document: ConnectionSettings) => Promise<readonly FieldIssue[]>;
}

/** What the later checks read besides their own part; when one of these failed the schema, they would judge defaults. */
const PLAN_READS = ['graphApiVersion', 'selectedFields', 'allocation'] as const;
const REQUIRED_FIELDS_READ = ['department', 'mapping', 'classification'] as const;
/** A plan issue under the first key also depends on the second (matching needs a mapped field). */
const ISSUE_ALSO_READS: Readonly<Record<string, string>> = { matching: 'mapping' };
/** Stand-ins for required keys that failed or are missing, so the rest of the document can still be checked. */
const STAND_INS: Readonly<Record<string, string>> = {
  name: 'unsaved',
  tenantId: '00000000-0000-0000-0000-000000000000',
  clientId: '00000000-0000-0000-0000-000000000000',
  clientSecret: 'unsaved',
};

/**
 * Checks a connection document completely (schema, cron expression, CA file, the sync settings compiled into
 * a plan: expressions checked against the Intune fields, regexes vetted, and `requiredFieldIssues` when given) and
 * returns every problem at once, each naming its field (expression issues also carry the expr error's code and
 * span). When the schema fails, the later checks still run on the parts that parsed, so one save shows every
 * problem. `document` is the parsed document when only the later checks failed, so a caller can still use it.
 */
export async function checkConnection(input: unknown, options: ConnectionCheckOptions = {}): Promise<ConnectionCheck> {
  const parsed = connectionInputSchema.safeParse(input);
  if (parsed.success) {
    const issues = await laterChecks(parsed.data, new Set(), options);
    return issues.length === 0 ? { ok: true, document: parsed.data } : { ok: false, document: parsed.data, issues };
  }
  const issues = toFieldIssues(parsed.error);
  const salvaged = salvage(input, parsed.error);
  if (salvaged !== null) issues.push(...(await laterChecks(salvaged.document, salvaged.failed, options)));
  return { ok: false, document: null, issues };
}

/**
 * The document with every top-level key the schema refused left out (so it takes its default) or, when required,
 * replaced by a stand-in; `failed` names those keys so checks that read them are skipped and their issues dropped.
 */
function salvage(input: unknown, error: z.ZodError): { document: ConnectionDocument; failed: ReadonlySet<string> } | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  const failed = new Set<string>();
  for (const issue of error.issues) {
    const root = issue.path[0];
    if (typeof root === 'string') failed.add(root);
    else if (issue.code === 'unrecognized_keys' && issue.path.length === 0) for (const key of issue.keys) failed.add(key);
    else return null;
  }
  const rest: Record<string, unknown> = Object.fromEntries(Object.entries(input).filter(([key]) => !failed.has(key)));
  for (const [key, standIn] of Object.entries(STAND_INS)) if (rest[key] === undefined) rest[key] = standIn;
  const reparsed = connectionInputSchema.safeParse(rest);
  return reparsed.success ? { document: reparsed.data, failed } : null;
}

async function laterChecks(document: ConnectionDocument, failed: ReadonlySet<string>, options: ConnectionCheckOptions): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (!failed.has('schedule')) issues.push(...checkSchedule(document.schedule));
  if (!failed.has('caCertFile') && document.caCertFile !== undefined) issues.push(...(await checkCaFile(document.caCertFile)));
  if (!PLAN_READS.some((key) => failed.has(key))) {
    const plan = compileSyncPlan({ document, connectionId: 'unsaved', departmentId: 'unsaved' });
    if (!plan.ok) issues.push(...plan.issues.filter((issue) => readsOnlySound(issue.path, failed)));
  }
  if (options.requiredFieldIssues !== undefined && !REQUIRED_FIELDS_READ.some((key) => failed.has(key))) {
    issues.push(...(await options.requiredFieldIssues(document)));
  }
  return issues;
}

function readsOnlySound(path: string, failed: ReadonlySet<string>): boolean {
  const root = /^[^.[]*/.exec(path)?.[0] ?? path;
  const alsoReads = ISSUE_ALSO_READS[root];
  return !failed.has(root) && (alsoReads === undefined || !failed.has(alsoReads));
}

/** `checkConnection` as a throw: AppError `input_invalid` with `details.issues`. Nothing is saved when this throws. */
export async function validateConnection(input: unknown, options: ConnectionCheckOptions = {}): Promise<ConnectionDocument> {
  const checked = await checkConnection(input, options);
  if (!checked.ok) throw invalidConnection(checked.issues);
  return checked.document;
}

export function invalidConnection(issues: readonly FieldIssue[]): AppError {
  return new AppError('input_invalid', `Invalid connection: ${describeIssues(issues)}`, { details: { issues } });
}

function checkSchedule(schedule: string): FieldIssue[] {
  try {
    new Cron(schedule, { paused: true });
    return [];
  } catch (error) {
    return [{ path: 'schedule', message: `not a valid cron expression (${error instanceof Error ? error.message : String(error)})` }];
  }
}

export async function checkCaFile(path: string): Promise<FieldIssue[]> {
  try {
    const pem = await readFile(path, 'utf8');
    return pem.includes('-----BEGIN CERTIFICATE-----') ? [] : [{ path: 'caCertFile', message: `${path} is not a PEM certificate` }];
  } catch (error) {
    return [{ path: 'caCertFile', message: `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }];
  }
}
