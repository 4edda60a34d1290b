import { sql } from 'kysely';
import { isSameJsonValue, toMacKey, toNameKey, toSerialKey } from '../../domain/asset.js';
import type { Asset, AssetField, AssetFields } from '../../domain/asset.js';
import type { Actor, ProvenanceSource } from '../../domain/audit.js';
import { isAssetStatusKey } from '../../domain/status.js';
import type { BulkTransaction, Store, StoreCapabilities } from '../connect.js';
import { insertRows } from '../dialects/bulk-sql.js';
import type { SqlValue } from '../dialects/bulk-sql.js';
import type { WriterThread } from '../dialects/writer-thread.js';
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
  /** The store's writer thread, or null to write on the store's own connection (and always in a dry run). */
  readonly writer: WriterThread | null;
  /** Employee ids handed out and found to exist under another id (createEmployees): applied to every batch. */
  readonly userRemap: ReadonlyMap<string, string>;
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
/** Where `assetRow` puts the asset tag (after id and department_id) and the allocated user. */
const TAG_COLUMN = 2;
const ALLOCATED_USER_COLUMN = 3 + FIELD_COLUMNS.findIndex(([field]) => field === 'allocatedUserId');
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
 * A batch as the transaction needs it, built before the transaction (on the thread that calls `writeBatch`): asset
 * rows with their ids (the tag column is filled in when the tags are reserved, inside the transaction), the
 * allocation history, the updates and the run's device outcomes. Plain arrays: posted to the writer thread, they
 * cost a fraction of what the create objects would.
 */
export interface PreparedBatch {
  readonly runId: string;
  readonly connectionId: string;
  readonly createdBy: string;
  readonly at: string;
  readonly departmentId: string;
  readonly assetRows: SqlValue[][];
  /** Device id and asset id of each row of `assetRows`, in the same order. */
  readonly createdIds: ReadonlyArray<readonly [string, string]>;
  readonly allocationRows: SqlValue[][];
  readonly updates: readonly AssetPatchInput[];
  readonly outcomes: readonly DeviceOutcomeInput[];
}

export interface ExecutedBatch {
  readonly updated: number;
  readonly conflicts: readonly string[];
}

/** The rows of one batch; nothing is read or written. Throws what `checkBatch` refuses. */
export function prepareBatch(ctx: Pick<BatchWriterContext, 'departmentId' | 'now'>, input: WriteBatchInput): PreparedBatch {
  const { batch, runId, connectionId } = input;
  checkBatch(batch);
  const at = ctx.now().toISOString();
  const actor: Actor = { type: 'run', id: runId };
  const assetRows: SqlValue[][] = [];
  const createdIds: Array<readonly [string, string]> = [];
  const allocationRows: SqlValue[][] = [];
  for (const create of batch.creates) {
    const id = newId();
    const fields = create.fields.sourceConnectionId === null ? { ...create.fields, sourceConnectionId: connectionId } : create.fields;
    assetRows.push(assetRow(create, { id, departmentId: ctx.departmentId, tag: '', at }, fields));
    createdIds.push([create.deviceId, id]);
    if (fields.allocatedUserId !== null) allocationRows.push([id, fields.allocatedUserId, 'allocated', actor.type, actor.id, runId, at]);
  }
  return { runId, connectionId, createdBy: input.actor, at, departmentId: ctx.departmentId, assetRows, createdIds, allocationRows, updates: batch.updates, outcomes: batch.outcomes };
}

/**
 * One batch of a run in one transaction: creates as multi-row inserts (asset, `create` audit row carrying the
 * provenance source, allocation history), updates through `AssetRepo.updateMany` (optimistic on `before.updatedAt`,
 * per-field audit and provenance), then the run's device outcomes. An update that conflicts is recorded as
 * `failed`/`conflict` in place of the outcome the pipeline gave, since the pipeline learns of it only afterwards.
 * Runs on the store's writer thread when it has one (`openStore({ offThreadWrites })`), else on this connection.
 */
export async function writeBatch(
  ctx: BatchWriterContext,
  input: WriteBatchInput,
  inOrder: <T>(write: () => Promise<T>) => Promise<T> = (write) => write(),
): Promise<BatchWriteOutput> {
  const { batch, runId, connectionId } = input;
  if (ctx.dryRun) {
    checkBatch(batch);
    return {
      created: new Map(batch.creates.map((c) => [c.deviceId, dryRunId('asset', c.deviceId)])),
      updated: batch.updates.filter(hasChange).length,
      conflicts: [],
    };
  }
  const prepared = prepareBatch(ctx, input);
  let result: ExecutedBatch;
  try {
    result = ctx.writer === null
      ? await inOrder(() => ctx.store.bulkTransaction((tx) => executeBatch(tx, ctx.store.capabilities, prepared, ctx.userRemap)))
      : await ctx.writer.call<ExecutedBatch>(WRITE_BATCH_OP, prepared);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`writing a batch of run ${runId} (connection ${connectionId}) failed, nothing of it was written: ${reason}`, { cause: error });
  }
  await refreshStatistics(ctx, prepared.createdIds.length);
  return { created: new Map(prepared.createdIds), updated: result.updated, conflicts: result.conflicts };
}

/** The batch with each employee id that was reused under another id replaced by that id. */
function remapUsers(batch: PreparedBatch, userRemap: ReadonlyMap<string, string>): PreparedBatch {
  const remap = (value: SqlValue | undefined): SqlValue => (typeof value === 'string' ? (userRemap.get(value) ?? value) : (value ?? null));
  return {
    ...batch,
    assetRows: batch.assetRows.map((row) => row.map((value, i) => (i === ALLOCATED_USER_COLUMN ? remap(value) : value))),
    allocationRows: batch.allocationRows.map(([assetId, userId, ...rest]) => [assetId ?? null, remap(userId), ...rest]),
    updates: batch.updates.map((update) => {
      const userId = update.patch.allocatedUserId;
      return typeof userId === 'string' && userRemap.has(userId) ? { ...update, patch: { ...update.patch, allocatedUserId: userRemap.get(userId) ?? userId } } : update;
    }),
  };
}

/** The writer thread's name for `executeBatch`. */
export const WRITE_BATCH_OP = 'writeBatch';

/** Writes a prepared batch inside the caller's transaction, allocating to reused employees' ids (`userRemap`). */
export async function executeBatch(
  tx: BulkTransaction,
  capabilities: StoreCapabilities,
  batch: PreparedBatch,
  userRemap: ReadonlyMap<string, string>,
): Promise<ExecutedBatch> {
  const prepared = userRemap.size === 0 ? batch : remapUsers(batch, userRemap);
  const { runId, connectionId, at, departmentId } = prepared;
  const { maxBindParameters, bulkRowsPerStatement } = capabilities;
  const actor: Actor = { type: 'run', id: runId };
  const source: ProvenanceSource = `intune:${connectionId}`;
  const insert = (table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> =>
    insertRows(tx.sql, { table, columns, rows, maxBindParameters, maxRowsPerStatement: bulkRowsPerStatement });

  if (prepared.assetRows.length > 0) {
    const tags = await allocateAssetTagsBulk(tx.sql, departmentId, prepared.assetRows.length);
    const auditRows: SqlValue[][] = [];
    prepared.assetRows.forEach((row, i) => {
      const tag = tags[i] ?? '';
      const id = prepared.createdIds[i]?.[1] ?? '';
      row[TAG_COLUMN] = tag;
      const creation = JSON.stringify(creationAuditValue({ assetTag: tag, source, createdBy: prepared.createdBy }));
      auditRows.push(['fixed_asset', id, 'create', null, JSON_NULL, creation, actor.type, actor.id, runId, at]);
    });
    await insert('fixed_assets', ASSET_INSERT_COLUMNS, prepared.assetRows);
    await insert('audit_log', AUDIT_COLUMNS, auditRows);
    await insert('allocation_history', ALLOCATION_COLUMNS, prepared.allocationRows);
  }

  let updated = 0;
  const conflicts: string[] = [];
  if (prepared.updates.length > 0) {
    const repos = createRepos({ db: tx.db, maxBindParameters, now: () => new Date(at) });
    const results = await repos.assets.updateMany(
      prepared.updates.map(({ before, patch }: { before: Asset; patch: Partial<AssetFields> }) => ({ before, patch })),
      { actor, source, runId },
    );
    results.forEach((result, i) => {
      if (result.outcome === 'updated') updated += 1;
      else if (result.outcome === 'conflict') conflicts.push(prepared.updates[i]?.deviceId ?? result.id);
    });
  }

  const created = new Map(prepared.createdIds);
  const conflicted = new Set(conflicts);
  const outcomeRows = prepared.outcomes.map((o: DeviceOutcomeInput): SqlValue[] => {
    const isConflict = conflicted.has(o.deviceId) && o.outcome === 'updated';
    return [runId, o.deviceId, o.deviceName, isConflict ? 'failed' : o.outcome, isConflict ? 'conflict' : o.reason, o.assetId ?? created.get(o.deviceId) ?? null];
  });
  await insert('run_devices', RUN_DEVICE_COLUMNS, outcomeRows);
  return { updated, conflicts };
}
