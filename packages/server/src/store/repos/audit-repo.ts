import type { Selectable } from 'kysely';
import { ACTOR_TYPES, AUDIT_ACTIONS, isProvenanceSource } from '../../domain/audit.js';
import type { Actor, AllocationEntry, AuditAction, AuditEntry, FieldProvenance, ProvenanceSource } from '../../domain/audit.js';
import type { JsonValue } from '../../domain/json.js';
import type { AllocationHistoryTable, AuditLogTable } from '../database.js';
import { asMember, chunkRows, parseJson, toInt } from './codec.js';
import type { RepoContext } from './codec.js';
import { toAsset } from './asset-row.js';
import { mergeProvenance } from './provenance.js';

export interface NewAuditEntry {
  readonly entityType: string;
  readonly entityId: string;
  readonly action: AuditAction;
  readonly field: string | null;
  readonly oldValue: JsonValue;
  readonly newValue: JsonValue;
  readonly actor: Actor;
  readonly runId: string | null;
  readonly at: string;
}

export type NewAllocationEntry = Omit<AllocationEntry, 'id'>;

export interface AuditPage {
  readonly items: AuditEntry[];
  /** Pass back as `before` for the next (older) page. */
  readonly nextBefore: number | null;
}

function toActor(type: string, id: string | null): Actor {
  const actorType = asMember(type, ACTOR_TYPES, 'actor_type');
  if (actorType === 'system') return { type: 'system', id };
  if (id === null) throw new Error(`an audit row by a ${actorType} has no actor_id`);
  return { type: actorType, id };
}

function toProvenanceSource(value: string): ProvenanceSource {
  if (isProvenanceSource(value)) return value;
  throw new Error(`field_provenance.source holds ${JSON.stringify(value)}, expected intune:<id>, user:<id> or import`);
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: toInt(row.id),
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: asMember(row.action, AUDIT_ACTIONS, 'audit_log.action'),
    field: row.field,
    oldValue: parseJson(row.old_value, 'audit_log.old_value'),
    newValue: parseJson(row.new_value, 'audit_log.new_value'),
    actor: toActor(row.actor_type, row.actor_id),
    runId: row.run_id,
    at: row.at,
  };
}

function toAllocationEntry(row: Selectable<AllocationHistoryTable>): AllocationEntry {
  return {
    id: toInt(row.id),
    assetId: row.asset_id,
    userId: row.user_id,
    action: asMember(row.action, ['allocated', 'unallocated'] as const, 'allocation_history.action'),
    actor: toActor(row.actor_type, row.actor_id),
    runId: row.run_id,
    at: row.at,
  };
}

/** The audit log, per-field provenance and allocation history: append-mostly, written in the caller's transaction. */
export class AuditRepo {
  constructor(private readonly ctx: RepoContext) {}

  async insertMany(entries: readonly NewAuditEntry[]): Promise<void> {
    const rows = entries.map((e) => ({
      entity_type: e.entityType,
      entity_id: e.entityId,
      action: e.action,
      field: e.field,
      old_value: JSON.stringify(e.oldValue),
      new_value: JSON.stringify(e.newValue),
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      run_id: e.runId,
      at: e.at,
    }));
    for (const chunk of chunkRows(rows, 10, this.ctx.maxBindParameters)) {
      await this.ctx.db.insertInto('audit_log').values(chunk).execute();
    }
  }

  /** Newest first. */
  async listByEntity(entityType: string, entityId: string, page: { before?: number; limit?: number } = {}): Promise<AuditPage> {
    const limit = page.limit ?? 100;
    let query = this.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (page.before !== undefined) query = query.where('id', '<', page.before);
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(toAuditEntry);
    return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  async listByRun(runId: string, limit = 1000): Promise<AuditEntry[]> {
    const rows = await this.ctx.db.selectFrom('audit_log').selectAll().where('run_id', '=', runId).orderBy('id').limit(limit).execute();
    return rows.map(toAuditEntry);
  }

  /** Last writer wins per (asset, field); duplicates within one call keep the last one given. */
  async upsertProvenance(entries: readonly FieldProvenance[]): Promise<void> {
    const unique = new Map<string, FieldProvenance>();
    for (const e of entries) unique.set(`${e.assetId}\u0000${e.field}`, e);
    const rows = [...unique.values()].map((e) => ({
      asset_id: e.assetId,
      field: e.field,
      source: e.source,
      run_id: e.runId,
      set_at: e.setAt,
    }));
    for (const chunk of chunkRows(rows, 5, this.ctx.maxBindParameters)) {
      await this.ctx.db
        .insertInto('field_provenance')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['asset_id', 'field']).doUpdateSet((eb) => ({
            source: eb.ref('excluded.source'),
            run_id: eb.ref('excluded.run_id'),
            set_at: eb.ref('excluded.set_at'),
          })),
        )
        .execute();
    }
  }

  /** Which source last set each non-empty tracked field of the asset (explicit rows + its creation, see provenance.ts). */
  async listProvenance(assetId: string): Promise<FieldProvenance[]> {
    const { db } = this.ctx;
    const rows = await db.selectFrom('field_provenance').selectAll().where('asset_id', '=', assetId).orderBy('field').execute();
    const explicit = rows.map((r) => ({
      assetId: r.asset_id,
      field: r.field,
      source: toProvenanceSource(r.source),
      runId: r.run_id,
      setAt: r.set_at,
    }));
    const asset = await db.selectFrom('fixed_assets').selectAll().where('id', '=', assetId).executeTakeFirst();
    if (!asset) return explicit;
    const creation = await db
      .selectFrom('audit_log')
      .select(['new_value', 'run_id', 'at'])
      .where('entity_type', '=', 'fixed_asset')
      .where('entity_id', '=', assetId)
      .where('action', '=', 'create')
      .orderBy('id')
      .executeTakeFirst();
    return mergeProvenance(
      toAsset(asset),
      explicit,
      creation && { newValue: parseJson(creation.new_value, 'audit_log.new_value'), runId: creation.run_id, at: creation.at },
    );
  }

  async insertAllocations(entries: readonly NewAllocationEntry[]): Promise<void> {
    const rows = entries.map((e) => ({
      asset_id: e.assetId,
      user_id: e.userId,
      action: e.action,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      run_id: e.runId,
      at: e.at,
    }));
    for (const chunk of chunkRows(rows, 7, this.ctx.maxBindParameters)) {
      await this.ctx.db.insertInto('allocation_history').values(chunk).execute();
    }
  }

  /** Oldest first: the asset's allocation story in order. */
  async listAllocations(assetId: string): Promise<AllocationEntry[]> {
    const rows = await this.ctx.db.selectFrom('allocation_history').selectAll().where('asset_id', '=', assetId).orderBy('id').execute();
    return rows.map(toAllocationEntry);
  }
}
