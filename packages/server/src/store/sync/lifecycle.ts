import type { Actor, FieldProvenance, ProvenanceSource } from '../../domain/audit.js';
import { ASSET_STATUS_KEYS, isAssetStatusKey } from '../../domain/status.js';
import type { Store } from '../connect.js';
import { nextUpdatedAt } from '../repos/asset-repo.js';
import type { NewAuditEntry } from '../repos/audit-repo.js';
import { asMember, chunkValues } from '../repos/codec.js';
import { createRepos } from '../repos/repos.js';
import type { LifecycleChangeInput, ReconcileAssetRow } from './register-types.js';

export interface LifecycleContext {
  readonly store: Store;
  readonly departmentId: string;
  readonly dryRun: boolean;
  readonly now: () => Date;
}

/** The connection's assets as reconcile needs them: five columns, no full rows, for 100,000 assets. */
export async function connectionAssets(ctx: LifecycleContext, connectionId: string): Promise<ReconcileAssetRow[]> {
  const rows = await ctx.store.db
    .selectFrom('fixed_assets')
    .select(['id', 'intune_device_id', 'status_key', 'last_seen_in_source_at', 'missing_from_source_since'])
    .where('source_connection_id', '=', connectionId)
    .where('department_id', '=', ctx.departmentId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    intuneDeviceId: r.intune_device_id,
    statusKey: asMember(r.status_key, ASSET_STATUS_KEYS, 'fixed_assets.status_key'),
    lastSeenInSourceAt: r.last_seen_in_source_at,
    missingFromSourceSince: r.missing_from_source_since,
  }));
}

function checkChanges(changes: readonly LifecycleChangeInput[]): void {
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.assetId)) throw new Error(`asset ${change.assetId} appears twice in one lifecycle update`);
    seen.add(change.assetId);
    if (change.statusKey !== undefined && !isAssetStatusKey(change.statusKey)) {
      throw new Error(`asset ${change.assetId}: statusKey ${JSON.stringify(change.statusKey)} is not an asset status`);
    }
  }
}

/**
 * Status changes (audited, with provenance `intune:<connection>`, `updated_at` bumped) and the missing-since mark
 * (audited, but bookkeeping: no `updated_at` bump), in one transaction. Each row is written only if it still holds
 * what was read in this transaction; an asset a person deleted or changed meanwhile is left for the next run.
 */
export async function applyLifecycle(
  ctx: LifecycleContext,
  input: { readonly runId: string; readonly actor: string; readonly changes: readonly LifecycleChangeInput[] },
): Promise<void> {
  checkChanges(input.changes);
  if (ctx.dryRun || input.changes.length === 0) return;
  const { runId } = input;
  await ctx.store.bulkTransaction(async ({ db }) => {
    const run = await db.selectFrom('runs').select('connection_id').where('id', '=', runId).executeTakeFirst();
    if (!run) throw new Error(`lifecycle changes name run ${runId}, which does not exist`);
    const source: ProvenanceSource = `intune:${run.connection_id}`;
    const actor: Actor = { type: 'run', id: runId };
    const now = ctx.now().toISOString();
    const current = new Map<string, { status_key: string; missing_from_source_since: string | null; updated_at: string }>();
    for (const chunk of chunkValues(input.changes.map((c) => c.assetId), ctx.store.capabilities.maxBindParameters)) {
      const rows = await db
        .selectFrom('fixed_assets')
        .select(['id', 'status_key', 'missing_from_source_since', 'updated_at'])
        .where('id', 'in', chunk)
        .execute();
      for (const row of rows) current.set(row.id, row);
    }
    const audit: NewAuditEntry[] = [];
    const provenance: FieldProvenance[] = [];
    for (const change of input.changes) {
      const row = current.get(change.assetId);
      if (row === undefined) continue;
      const isStatusChange = change.statusKey !== undefined && change.statusKey !== row.status_key;
      const isMissingChange = change.missingFromSourceSince !== undefined && change.missingFromSourceSince !== row.missing_from_source_since;
      if (!isStatusChange && !isMissingChange) continue;
      const written = await db
        .updateTable('fixed_assets')
        .set({
          ...(isStatusChange && { status_key: change.statusKey, updated_at: nextUpdatedAt(now, row.updated_at) }),
          ...(isMissingChange && { missing_from_source_since: change.missingFromSourceSince ?? null }),
        })
        .where('id', '=', change.assetId)
        .where('updated_at', '=', row.updated_at)
        .executeTakeFirst();
      if (written.numUpdatedRows === 0n) continue;
      const entry = { entityType: 'fixed_asset', entityId: change.assetId, action: 'update', actor, runId, at: now } as const;
      if (isStatusChange) {
        audit.push({ ...entry, field: 'statusKey', oldValue: row.status_key, newValue: change.statusKey ?? null });
        provenance.push({ assetId: change.assetId, field: 'statusKey', source, runId, setAt: now });
      }
      if (isMissingChange) {
        audit.push({ ...entry, field: 'missingFromSourceSince', oldValue: row.missing_from_source_since, newValue: change.missingFromSourceSince ?? null });
      }
    }
    const repos = createRepos({ db, maxBindParameters: ctx.store.capabilities.maxBindParameters, now: ctx.now });
    await repos.audit.insertMany(audit);
    await repos.audit.upsertProvenance(provenance);
  });
}
