import { newId } from './new-id.js';
import type { Actor, FieldProvenance, ProvenanceSource } from '../../domain/audit.js';
import { ASSET_DEFAULTS, REDACTED_ASSET_FIELDS, isSameJsonValue } from '../../domain/asset.js';
import type { Asset, AssetField, AssetFields } from '../../domain/asset.js';
import type { JsonValue } from '../../domain/json.js';
import type { AssetStatusKey } from '../../domain/status.js';
import { allocateAssetTags } from './asset-tag-allocator.js';
import { writeAssetRows } from './asset-bulk-update.js';
import type { AssetCell, AssetRowWrite } from './asset-bulk-update.js';
import { toAsset, toAssetColumns, toAssetRow } from './asset-row.js';
import { AuditRepo } from './audit-repo.js';
import { creationAuditValue, isTrackedField } from './provenance.js';
import type { NewAllocationEntry, NewAuditEntry } from './audit-repo.js';
import { chunkRows, chunkValues, decodeCursor, encodeCursor, inTransaction, nowIso } from './codec.js';
import type { RepoContext } from './codec.js';
import { ensureLookupIndex, findAssetsBy } from './asset-lookup.js';
import type { AssetLookupKey } from './asset-lookup.js';

export type { AssetLookupKey } from './asset-lookup.js';

export type NewAsset = Partial<AssetFields> & {
  readonly departmentId: string;
  readonly id?: string;
  /** Given by an import; otherwise the department's next tag. */
  readonly assetTag?: string;
};

/** Who changes assets and under which provenance; `runId` ties audit rows to a connector run. */
export interface AssetChange {
  readonly actor: Actor;
  readonly source: ProvenanceSource;
  readonly runId?: string | null;
}

export interface AssetUpdate {
  /** The asset as the caller read it; the write is refused (`conflict`) if it changed since. */
  readonly before: Asset;
  readonly patch: Partial<AssetFields>;
}

export interface AssetUpdateResult {
  readonly id: string;
  readonly outcome: 'updated' | 'unchanged' | 'conflict';
  readonly changedFields: readonly AssetField[];
  /** The asset after the write (or as it was, for `unchanged`/`conflict`). */
  readonly asset: Asset;
}

export interface AssetFilter {
  readonly departmentId?: string;
  readonly statusKey?: AssetStatusKey;
  readonly categoryId?: string;
  readonly allocatedUserId?: string;
  readonly sourceConnectionId?: string;
  /** Case-insensitive substring of asset tag, name or serial number. */
  readonly search?: string;
}

export const ASSET_SORTS = { assetTag: 'asset_tag', createdAt: 'created_at', updatedAt: 'updated_at' } as const;
export type AssetSort = keyof typeof ASSET_SORTS;

export interface AssetPage {
  readonly items: Asset[];
  readonly nextCursor: string | null;
}

const AUDIT_ENTITY = 'fixed_asset';
const ASSET_ROW_COLUMNS = 48;

function auditValue(field: AssetField, value: JsonValue): JsonValue {
  return REDACTED_ASSET_FIELDS.includes(field) && value !== null ? '[redacted]' : value;
}

/** A strictly later timestamp than the row's, so the optimistic check also catches writes within one millisecond. */
export function nextUpdatedAt(now: string, previous: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

interface PlannedUpdate {
  readonly before: Asset;
  readonly changed: readonly AssetField[];
  readonly delta: Partial<AssetFields>;
  /** Null when nothing differs from `before`. */
  readonly write: AssetRowWrite | null;
}

function planUpdate(before: Asset, patch: Partial<AssetFields>, now: string): PlannedUpdate {
  const changed = (Object.keys(patch) as AssetField[]).filter((field) => {
    const value = patch[field];
    return value !== undefined && !isSameJsonValue(before[field], value);
  });
  if (changed.length === 0) return { before, changed, delta: {}, write: null };
  const delta = Object.fromEntries(changed.map((f) => [f, patch[f]])) as Partial<AssetFields>;
  const columns = new Map<string, AssetCell>();
  for (const [column, value] of Object.entries(toAssetColumns(delta))) {
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`asset ${before.id}: column ${column} would be written as ${typeof value}, expected text, a number or null`);
    }
    columns.set(column, value);
  }
  return { before, changed, delta, write: { id: before.id, expectedUpdatedAt: before.updatedAt, updatedAt: nextUpdatedAt(now, before.updatedAt), columns } };
}

/**
 * Fixed assets. Every write records provenance, audit rows and allocation history in the same transaction as the
 * asset row, so a rolled-back batch leaves none of them behind. Creation provenance lives in the `create` audit
 * row (`repos/provenance.ts`); updates write one provenance row per changed tracked field.
 */
export class AssetRepo {
  constructor(private readonly ctx: RepoContext) {}

  async insert(input: NewAsset, change: AssetChange): Promise<Asset> {
    const [asset] = await this.insertMany([input], change);
    if (!asset) throw new Error('insertMany returned no asset for one input');
    return asset;
  }

  /** Multi-row inserts chunked under the bind-parameter limit; returns the assets in input order. */
  insertMany(inputs: readonly NewAsset[], change: AssetChange): Promise<Asset[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    return inTransaction(this.ctx.db, async (db) => {
      const at = nowIso(this.ctx);
      const tagsByDepartment = new Map<string, string[]>();
      const untagged = new Map<string, number>();
      for (const input of inputs) {
        if (input.assetTag === undefined) untagged.set(input.departmentId, (untagged.get(input.departmentId) ?? 0) + 1);
      }
      for (const [departmentId, count] of untagged) tagsByDepartment.set(departmentId, await allocateAssetTags(db, departmentId, count));

      const assets = inputs.map((input): Asset => {
        const { departmentId, id, assetTag, ...fields } = input;
        const tag = assetTag ?? tagsByDepartment.get(departmentId)?.shift();
        if (tag === undefined) throw new Error(`no asset tag allocated for department ${departmentId}`);
        return { ...ASSET_DEFAULTS, ...fields, id: id ?? newId(), departmentId, assetTag: tag, createdAt: at, updatedAt: at };
      });
      for (const chunk of chunkRows(assets.map(toAssetRow), ASSET_ROW_COLUMNS, this.ctx.maxBindParameters)) {
        await db.insertInto('fixed_assets').values(chunk).execute();
      }

      const auditEntries: NewAuditEntry[] = [];
      const allocations: NewAllocationEntry[] = [];
      const runId = change.runId ?? null;
      for (const asset of assets) {
        auditEntries.push({
          entityType: AUDIT_ENTITY,
          entityId: asset.id,
          action: 'create',
          field: null,
          oldValue: null,
          newValue: creationAuditValue({ assetTag: asset.assetTag, source: change.source }),
          actor: change.actor,
          runId,
          at,
        });
        if (asset.allocatedUserId !== null) {
          allocations.push({ assetId: asset.id, userId: asset.allocatedUserId, action: 'allocated', actor: change.actor, runId, at });
        }
      }
      const audit = new AuditRepo({ ...this.ctx, db });
      await audit.insertMany(auditEntries);
      await audit.insertAllocations(allocations);
      return assets;
    });
  }

  async update(update: AssetUpdate, change: AssetChange): Promise<AssetUpdateResult> {
    const [result] = await this.updateMany([update], change);
    if (!result) throw new Error('updateMany returned no result for one update');
    return result;
  }

  /**
   * Writes only the fields that differ from `before`; unchanged assets cost no write at all. The row updates go out
   * as a few multi-row statements (`asset-bulk-update.ts`) and audit, provenance and allocation rows as multi-row
   * inserts, so a sync batch costs a constant number of round trips on PostgreSQL.
   */
  updateMany(updates: readonly AssetUpdate[], change: AssetChange): Promise<AssetUpdateResult[]> {
    return inTransaction(this.ctx.db, async (db) => {
      const now = nowIso(this.ctx);
      const runId = change.runId ?? null;
      const planned = updates.map(({ before, patch }) => planUpdate(before, patch, now));
      const writes = planned.flatMap((plan) => (plan.write === null ? [] : [plan.write]));
      const isWritten = await writeAssetRows(db, { rows: writes, maxBindParameters: this.ctx.maxBindParameters });

      const results: AssetUpdateResult[] = [];
      const provenance: FieldProvenance[] = [];
      const auditEntries: NewAuditEntry[] = [];
      const allocations: NewAllocationEntry[] = [];
      let writeIndex = 0;
      for (const { before, changed, delta, write } of planned) {
        if (write === null) {
          results.push({ id: before.id, outcome: 'unchanged', changedFields: [], asset: before });
          continue;
        }
        if (isWritten[writeIndex++] !== true) {
          results.push({ id: before.id, outcome: 'conflict', changedFields: [], asset: before });
          continue;
        }
        const asset: Asset = { ...before, ...delta, updatedAt: write.updatedAt };
        results.push({ id: before.id, outcome: 'updated', changedFields: changed, asset });
        for (const field of changed.filter(isTrackedField)) {
          provenance.push({ assetId: before.id, field, source: change.source, runId, setAt: now });
          auditEntries.push({
            entityType: AUDIT_ENTITY,
            entityId: before.id,
            action: 'update',
            field,
            oldValue: auditValue(field, before[field]),
            newValue: auditValue(field, asset[field]),
            actor: change.actor,
            runId,
            at: now,
          });
        }
        if (changed.includes('allocatedUserId')) {
          const base = { assetId: before.id, actor: change.actor, runId, at: now };
          if (before.allocatedUserId !== null) allocations.push({ ...base, userId: before.allocatedUserId, action: 'unallocated' });
          if (asset.allocatedUserId !== null) allocations.push({ ...base, userId: asset.allocatedUserId, action: 'allocated' });
        }
      }
      const audit = new AuditRepo({ ...this.ctx, db });
      await audit.upsertProvenance(provenance);
      await audit.insertMany(auditEntries);
      await audit.insertAllocations(allocations);
      return results;
    });
  }

  /** Bookkeeping for "seen in this run": no audit, no provenance, no `updated_at` bump. */
  async markSeen(assetIds: readonly string[], seen: { runId: string; at?: string }): Promise<void> {
    const at = seen.at ?? nowIso(this.ctx);
    for (const chunk of chunkValues(assetIds, this.ctx.maxBindParameters)) {
      await this.ctx.db
        .updateTable('fixed_assets')
        .set({ last_seen_in_source_at: at, last_seen_run_id: seen.runId })
        .where('id', 'in', chunk)
        .execute();
    }
  }

  delete(id: string, change: AssetChange): Promise<boolean> {
    return inTransaction(this.ctx.db, async (db) => {
      const row = await db.deleteFrom('fixed_assets').where('id', '=', id).returning('asset_tag').executeTakeFirst();
      if (!row) return false;
      await new AuditRepo({ ...this.ctx, db }).insertMany([
        {
          entityType: AUDIT_ENTITY,
          entityId: id,
          action: 'delete',
          field: null,
          oldValue: { assetTag: row.asset_tag },
          newValue: null,
          actor: change.actor,
          runId: change.runId ?? null,
          at: nowIso(this.ctx),
        },
      ]);
      return true;
    });
  }

  async get(id: string): Promise<Asset | undefined> {
    const row = await this.ctx.db.selectFrom('fixed_assets').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAsset(row) : undefined;
  }

  async getByTag(departmentId: string, assetTag: string): Promise<Asset | undefined> {
    const row = await this.ctx.db
      .selectFrom('fixed_assets')
      .selectAll()
      .where('department_id', '=', departmentId)
      .where('asset_tag', '=', assetTag)
      .executeTakeFirst();
    return row ? toAsset(row) : undefined;
  }

  /** Bulk match for a batch of devices: values are normalised as the key requires (serial key, MAC key, …). */
  async findManyBy(key: AssetLookupKey, values: readonly (string | null | undefined)[], scope: { departmentId?: string } = {}): Promise<Asset[]> {
    await ensureLookupIndex(this.ctx.db, key);
    return findAssetsBy(this.ctx, key, values, scope);
  }

  async list(filter: AssetFilter & { sort?: AssetSort; after?: string; limit?: number } = {}): Promise<AssetPage> {
    const limit = filter.limit ?? 100;
    const column = ASSET_SORTS[filter.sort ?? 'assetTag'];
    let query = this.filtered(filter).selectAll().orderBy(column).orderBy('id').limit(limit + 1);
    if (filter.after !== undefined) {
      const { sortValue, id } = decodeCursor(filter.after);
      const value = sortValue ?? '';
      query = query.where((eb) => eb.or([eb(column, '>', value), eb.and([eb(column, '=', value), eb('id', '>', id)])]));
    }
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(toAsset);
    const lastRow = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: lastRow ? encodeCursor(lastRow[column], lastRow.id) : null };
  }

  async count(filter: AssetFilter = {}): Promise<number> {
    const row = await this.filtered(filter)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(filter: AssetFilter) {
    let query = this.ctx.db.selectFrom('fixed_assets');
    if (filter.departmentId !== undefined) query = query.where('department_id', '=', filter.departmentId);
    if (filter.statusKey !== undefined) query = query.where('status_key', '=', filter.statusKey);
    if (filter.categoryId !== undefined) query = query.where('category_id', '=', filter.categoryId);
    if (filter.allocatedUserId !== undefined) query = query.where('allocated_user_id', '=', filter.allocatedUserId);
    if (filter.sourceConnectionId !== undefined) query = query.where('source_connection_id', '=', filter.sourceConnectionId);
    const search = filter.search?.trim().toLowerCase();
    if (search) {
      const like = `%${search}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['asset_tag']), 'like', like),
          eb('name_key', 'like', like),
          eb(eb.fn('lower', ['serial_number']), 'like', like),
        ]),
      );
    }
    return query;
  }
}
