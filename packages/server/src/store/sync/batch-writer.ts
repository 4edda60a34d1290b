import { sql } from 'kysely';
import { isSameJsonValue, toMacKey, toNameKey, toSerialKey } from '../../domain/asset.js';
import type { Asset, AssetField, AssetFields } from '../../domain/asset.js';
import type { Actor, ProvenanceSource } from '../../domain/audit.js';
import { isAssetStatusKey } from '../../domain/status.js';
import type { BulkTransaction, Store } from '../connect.js';
import { insertRows } from '../dialects/bulk-sql.js';
import type { SqlValue } from '../dialects/bulk-sql.js';
import { ASSET_COLUMNS } from '../repos/asset-row.js';
import { allocateAssetTagsBulk } from '../repos/asset-tag-allocator.js';
import { newId } from '../repos/new-id.js';
import { creationAuditValue } from '../repos/provenance.js';
import { createRepos } from '../repos/repos.js';
import { dryRunId } from './register-types.js';
import type { AssetCreateInput, AssetPatchInput, BatchWriteInput, BatchWriteOutput, DeviceOutcomeInput } from './register-types.js';

export interface BatchWriterContext {
  readonly store: Store;
  readonly departmentId: string;
  readonly dryRun: boolean;
  readonly now: () => Date;
  /** Assets created by this writer since statistics were last refreshed, and the count that triggers the next refresh. */
  readonly growth: { createdSinceAnalyze: number; analyzeAt: number };
}

const FIRST_ANALYZE_AT = 1000;

/** Statistics at 1k, 2k, 4k … assets created: a handful of ANALYZE runs over a 100,000-device first sync. */
async function refreshStatistics(ctx: BatchWriterContext, created: number): Promise<void> {
  if (!ctx.store.capabilities.analyzeAfterBulkInserts || created === 0) return;
  ctx.growth.createdSinceAnalyze += created;
  if (ctx.growth.createdSinceAnalyze < ctx.growth.analyzeAt) return;
  ctx.growth.createdSinceAnalyze = 0;
  ctx.growth.analyzeAt *= 2;
  await sql`analyze fixed_assets`.execute(ctx.store.db);
}

export function newGrowth(): BatchWriterContext['growth'] {
  return { createdSinceAnalyze: 0, analyzeAt: FIRST_ANALYZE_AT };
}

export interface WriteBatchInput {
  readonly runId: string;
  readonly connectionId: string;
  /** The integration user, recorded as `createdBy` on each create audit row. */
  readonly actor: string;
  readonly batch: BatchWriteInput;
}

const FIELD_COLUMNS = Object.entries(ASSET_COLUMNS) as readonly (readonly [AssetField, string])[];
const ASSET_INSERT_COLUMNS = [
  'id', 'department_id', 'asset_tag', ...FIELD_COLUMNS.map(([, column]) => column),
  'serial_key', 'name_key', 'wifi_mac_key', 'ethernet_mac_key', 'created_at', 'updated_at',
];
const AUDIT_COLUMNS = ['entity_type', 'entity_id', 'action', 'field', 'old_value', 'new_value', 'actor_type', 'actor_id', 'run_id', 'at'];
const ALLOCATION_COLUMNS = ['asset_id', 'user_id', 'action', 'actor_type', 'actor_id', 'run_id', 'at'];
const RUN_DEVICE_COLUMNS = ['run_id', 'intune_device_id', 'device_name', 'outcome', 'reason', 'asset_id'];
const JSON_NULL = JSON.stringify(null);

function columnValue(create: AssetCreateInput, field: AssetField, value: AssetFields[AssetField]): SqlValue {
  if (field === 'categoryValues') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`device ${create.deviceId}: categoryValues must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
    }
    return JSON.stringify(value);
  }
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`device ${create.deviceId}: asset field ${field} must be text, a number or null, got ${typeof value}`);
}

function assetRow(create: AssetCreateInput, ids: { id: string; departmentId: string; tag: string; at: string }, fields: AssetFields): SqlValue[] {
  const row: SqlValue[] = [ids.id, ids.departmentId, ids.tag];
  for (const [field] of FIELD_COLUMNS) row.push(columnValue(create, field, fields[field]));
  row.push(toSerialKey(fields.serialNumber), toNameKey(fields.name), toMacKey(fields.wifiMac), toMacKey(fields.ethernetMac), ids.at, ids.at);
  return row;
}

function checkBatch(batch: BatchWriteInput): void {
  const seen = new Set<string>();
  for (const { deviceId, fields } of batch.creates) {
    if (seen.has(deviceId)) throw new Error(`device ${deviceId} appears twice in the creates of one batch`);
    seen.add(deviceId);
    if (!isAssetStatusKey(fields.statusKey)) throw new Error(`device ${deviceId}: statusKey ${JSON.stringify(fields.statusKey)} is not an asset status`);
  }
  for (const { deviceId, patch } of batch.updates) {
    if (patch.statusKey !== undefined && !isAssetStatusKey(patch.statusKey)) {
      throw new Error(`device ${deviceId}: statusKey ${JSON.stringify(patch.statusKey)} is not an asset status`);
    }
  }
}

function hasChange({ before, patch }: AssetPatchInput): boolean {
  return (Object.keys(patch) as AssetField[]).some((field) => {
    const value = patch[field];
    return value !== undefined && !isSameJsonValue(before[field], value);
  });
}

/**
 * One batch of a run in one transaction: creates as multi-row inserts (asset, `create` audit row carrying the
 * provenance source, allocation history), updates through `AssetRepo.updateMany` (optimistic on `before.updatedAt`,
 * per-field audit and provenance), then the run's device outcomes. An update that conflicts is recorded as
 * `failed`/`conflict` in place of the outcome the pipeline gave, since the pipeline learns of it only afterwards.
 */
export async function writeBatch(ctx: BatchWriterContext, input: WriteBatchInput): Promise<BatchWriteOutput> {
  const { batch, runId, connectionId } = input;
  checkBatch(batch);
  if (ctx.dryRun) {
    return {
      created: new Map(batch.creates.map((c) => [c.deviceId, dryRunId('asset', c.deviceId)])),
      updated: batch.updates.filter(hasChange).length,
      conflicts: [],
    };
  }
  let result: BatchWriteOutput;
  try {
    result = await ctx.store.bulkTransaction((tx) => writeInTransaction(ctx, tx, input));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`writing a batch of run ${runId} (connection ${connectionId}) failed, nothing of it was written: ${reason}`, { cause: error });
  }
  await refreshStatistics(ctx, result.created.size);
  return result;
}

async function writeInTransaction(ctx: BatchWriterContext, tx: BulkTransaction, input: WriteBatchInput): Promise<BatchWriteOutput> {
  const { batch, runId, connectionId } = input;
  const { maxBindParameters, bulkRowsPerStatement } = ctx.store.capabilities;
  const at = ctx.now().toISOString();
  const actor: Actor = { type: 'run', id: runId };
  const source: ProvenanceSource = `intune:${connectionId}`;
  const insert = (table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> =>
    insertRows(tx.sql, { table, columns, rows, maxBindParameters, maxRowsPerStatement: bulkRowsPerStatement });

  const created = new Map<string, string>();
  if (batch.creates.length > 0) {
    const tags = await allocateAssetTagsBulk(tx.sql, ctx.departmentId, batch.creates.length);
    const assetRows: SqlValue[][] = [];
    const auditRows: SqlValue[][] = [];
    const allocationRows: SqlValue[][] = [];
    batch.creates.forEach((create, i) => {
      const id = newId();
      const tag = tags[i] ?? '';
      const fields = create.fields.sourceConnectionId === null ? { ...create.fields, sourceConnectionId: connectionId } : create.fields;
      assetRows.push(assetRow(create, { id, departmentId: ctx.departmentId, tag, at }, fields));
      const creation = JSON.stringify(creationAuditValue({ assetTag: tag, source, createdBy: input.actor }));
      auditRows.push(['fixed_asset', id, 'create', null, JSON_NULL, creation, actor.type, actor.id, runId, at]);
      if (fields.allocatedUserId !== null) allocationRows.push([id, fields.allocatedUserId, 'allocated', actor.type, actor.id, runId, at]);
      created.set(create.deviceId, id);
    });
    await insert('fixed_assets', ASSET_INSERT_COLUMNS, assetRows);
    await insert('audit_log', AUDIT_COLUMNS, auditRows);
    await insert('allocation_history', ALLOCATION_COLUMNS, allocationRows);
  }

  let updated = 0;
  const conflicts: string[] = [];
  if (batch.updates.length > 0) {
    const repos = createRepos({ db: tx.db, maxBindParameters, now: ctx.now });
    const results = await repos.assets.updateMany(
      batch.updates.map(({ before, patch }: { before: Asset; patch: Partial<AssetFields> }) => ({ before, patch })),
      { actor, source, runId },
    );
    results.forEach((result, i) => {
      if (result.outcome === 'updated') updated += 1;
      else if (result.outcome === 'conflict') conflicts.push(batch.updates[i]?.deviceId ?? result.id);
    });
  }

  const conflicted = new Set(conflicts);
  const outcomeRows = batch.outcomes.map((o: DeviceOutcomeInput): SqlValue[] => {
    const isConflict = conflicted.has(o.deviceId) && o.outcome === 'updated';
    return [runId, o.deviceId, o.deviceName, isConflict ? 'failed' : o.outcome, isConflict ? 'conflict' : o.reason, o.assetId ?? created.get(o.deviceId) ?? null];
  });
  await insert('run_devices', RUN_DEVICE_COLUMNS, outcomeRows);
  return { created, updated, conflicts };
}
