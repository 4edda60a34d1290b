import { readFile } from 'node:fs/promises';
import { connectionInputSchema, describeIssues, toFieldIssues } from '@intune-assets/contracts';
import type { ConnectionDocument, FieldIssue } from '@intune-assets/contracts';
import { Cron } from 'croner';
import { AppError } from '../errors/app-error.js';
import { compileSyncPlan } from '../mapping/compile-plan.js';

export type ConnectionCheck =
  | { readonly ok: true; readonly document: ConnectionDocument }
  | { readonly ok: false; readonly document: ConnectionDocument | null; readonly issues: readonly FieldIssue[] };

/**
 * Checks a connection document completely (schema, cron expression, CA file, and the sync settings compiled into
 * a plan: expressions checked against the Intune fields, regexes vetted) and returns every problem at once, each
 * naming its field (expression issues also carry the expr error's code and span). `document` is the parsed
 * document when only the later checks failed, so a caller can add checks that need it.
 */
export async function checkConnection(input: unknown): Promise<ConnectionCheck> {
  const parsed = connectionInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, document: null, issues: toFieldIssues(parsed.error) };
  const issues: FieldIssue[] = [...checkSchedule(parsed.data.schedule)];
  if (parsed.data.caCertFile !== undefined) issues.push(...(await checkCaFile(parsed.data.caCertFile)));
  const plan = compileSyncPlan({ document: parsed.data, connectionId: 'unsaved', departmentId: 'unsaved' });
  if (!plan.ok) issues.push(...plan.issues);
  return issues.length === 0 ? { ok: true, document: parsed.data } : { ok: false, document: parsed.data, issues };
}

/** `checkConnection` as a throw: AppError `input_invalid` with `details.issues`. Nothing is saved when this throws. */
export async function validateConnection(input: unknown): Promise<ConnectionDocument> {
  const checked = await checkConnection(input);
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
