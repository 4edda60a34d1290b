import { connectionInputSchema } from '@intune-assets/contracts';
import type { ConnectionSettings, FieldIssue } from '@intune-assets/contracts';
import type { SyncPlan } from '../../sync/plan.js';
import { compileSyncPlan } from '../compile-plan.js';

const REQUIRED = {
  name: 'Contoso',
  tenantId: '0b5f2a7e-6c1d-4a43-9a58-2f3b1f6d9e11',
  clientId: 'c2d7e3f4-1a2b-4c5d-8e9f-0a1b2c3d4e5f',
  clientSecret: 'not-a-real-secret',
};

/** A validated connection document (secret dropped) from the required keys plus `patch`. */
export function settingsWith(patch: Record<string, unknown> = {}): ConnectionSettings {
  const { clientSecret: _dropped, ...settings } = connectionInputSchema.parse({ ...REQUIRED, ...patch });
  return settings;
}

/** The plan of a document that must compile; throws with every issue otherwise. */
export function planFor(patch: Record<string, unknown> = {}): SyncPlan {
  const result = compileSyncPlan({ document: settingsWith(patch), connectionId: 'conn-1', departmentId: 'dept-1' });
  if (!result.ok) throw new Error(`expected the plan to compile: ${JSON.stringify(result.issues)}`);
  return result.plan;
}

/** The issues of a document that must not compile. */
export function issuesFor(patch: Record<string, unknown>): readonly FieldIssue[] {
  const result = compileSyncPlan({ document: settingsWith(patch), connectionId: 'conn-1', departmentId: 'dept-1' });
  if (result.ok) throw new Error('expected the plan not to compile');
  return result.issues;
}
