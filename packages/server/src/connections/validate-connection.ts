import { readFile } from 'node:fs/promises';
import { connectionInputSchema, describeIssues, toFieldIssues } from '@intune-assets/contracts';
import type { ConnectionDocument, FieldIssue } from '@intune-assets/contracts';
import { Cron } from 'croner';
import { AppError } from '../errors/app-error.js';
import { compileSyncPlan } from '../mapping/compile-plan.js';

/**
 * Validates a connection document completely (schema, cron expression, CA file, and the sync settings compiled
 * into a plan: expressions checked against the Intune fields, regexes vetted) and reports every problem at once,
 * each naming its field (expression issues also carry the expr error's code and span). Nothing is saved when
 * this throws.
 */
export async function validateConnection(input: unknown): Promise<ConnectionDocument> {
  const parsed = connectionInputSchema.safeParse(input);
  const issues: FieldIssue[] = parsed.success ? [] : toFieldIssues(parsed.error);
  if (parsed.success) {
    issues.push(...checkSchedule(parsed.data.schedule));
    if (parsed.data.caCertFile !== undefined) issues.push(...(await checkCaFile(parsed.data.caCertFile)));
    const plan = compileSyncPlan({ document: parsed.data, connectionId: 'unsaved', departmentId: 'unsaved' });
    if (!plan.ok) issues.push(...plan.issues);
  }
  if (!parsed.success || issues.length > 0) {
    throw new AppError('input_invalid', `Invalid connection: ${describeIssues(issues)}`, { details: { issues } });
  }
  return parsed.data;
}

function checkSchedule(schedule: string): FieldIssue[] {
  try {
    new Cron(schedule, { paused: true });
    return [];
  } catch (error) {
    return [{ path: 'schedule', message: `not a valid cron expression (${error instanceof Error ? error.message : String(error)})` }];
  }
}

async function checkCaFile(path: string): Promise<FieldIssue[]> {
  try {
    const pem = await readFile(path, 'utf8');
    return pem.includes('-----BEGIN CERTIFICATE-----') ? [] : [{ path: 'caCertFile', message: `${path} is not a PEM certificate` }];
  } catch (error) {
    return [{ path: 'caCertFile', message: `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }];
  }
}
