import type { AllocationView, AssetDetail, AssetFieldView, AuditItem, AuditPageResponse, FieldProvenanceView } from '@intune-assets/contracts';
import type { Asset } from '../domain/asset.js';
import { ACTOR_TYPES } from '../domain/audit.js';
import type { Actor, AuditEntry, FieldProvenance } from '../domain/audit.js';
import type { JsonValue } from '../domain/json.js';
import type { Store } from '../store/connect.js';
import { AppError } from '../errors/app-error.js';
import { asMember, parseJson } from '../store/repos/codec.js';
import { toListItem } from './asset-list-query.js';
import { DETAIL_FIELDS, fieldLabel } from './register-fields.js';
import { loadRegisterNames, loadUserRefs, namedRef } from './register-names.js';
import type { RegisterNames } from './register-names.js';

export const ASSET_AUDIT_ENTITY = 'fixed_asset';
const AUDIT_PAGE = 50;

type UserRefs = Awaited<ReturnType<typeof loadUserRefs>>;
type RefField = 'categoryId' | 'subStatusId' | 'conditionId' | 'siteId' | 'locationId' | 'storeId' | 'floorId' | 'sourceConnectionId';

const REF_NAMES: Readonly<Record<RefField, (names: RegisterNames) => ReadonlyMap<string, string | { readonly name: string }>>> = {
  categoryId: (n) => n.categories,
  subStatusId: (n) => n.subStatuses,
  conditionId: (n) => n.conditions,
  siteId: (n) => n.sites,
  locationId: (n) => n.locations,
  storeId: (n) => n.stores,
  floorId: (n) => n.floors,
  sourceConnectionId: (n) => n.connections,
};

function isRefField(field: string): field is RefField {
  return Object.hasOwn(REF_NAMES, field);
}

/** A stored value as a person reads it: reference ids resolved to names, empty as null. */
export function displayValue(field: string, value: JsonValue, names: RegisterNames, users: UserRefs): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (field === 'statusKey') return names.statuses.get(value) ?? value;
  if (field === 'allocatedUserId') return users.get(value)?.name ?? value;
  if (isRefField(field)) return namedRef(value, REF_NAMES[field](names))?.name ?? value;
  return value;
}

function toProvenanceView(p: FieldProvenance, names: RegisterNames): FieldProvenanceView {
  const [kind, id] = p.source === 'import' ? (['import', null] as const) : p.source.startsWith('intune:') ? (['intune', p.source.slice(7)] as const) : (['manual', null] as const);
  return { kind, source: p.source, connection: kind === 'intune' ? namedRef(id, names.connections) : null, runId: p.runId, setAt: p.setAt };
}

function actorView(actor: Actor): AuditItem['actor'] {
  return { type: actor.type, id: actor.id };
}

export function toAuditItem(entry: AuditEntry): AuditItem {
  return {
    id: entry.id,
    action: entry.action,
    field: entry.field,
    fieldLabel: entry.field === null ? null : fieldLabel(entry.field),
    oldValue: entry.oldValue,
    newValue: entry.newValue,
    actor: actorView(entry.actor),
    runId: entry.runId,
    at: entry.at,
  };
}

/** `before` is the id of the oldest entry already shown; digits only (422 naming `before` otherwise). */
export async function loadAssetAudit(store: Store, assetId: string, page: { before?: string | undefined; limit?: number }): Promise<AuditPageResponse> {
  let before: number | undefined;
  if (page.before !== undefined) {
    if (!/^\d{1,15}$/.test(page.before)) {
      throw new AppError('input_invalid', 'before is not a cursor this API returned.', { details: { issues: [{ path: 'before', message: 'expected the nextCursor of an earlier audit page' }] } });
    }
    before = Number(page.before);
  }
  const result = await store.repos.audit.listByEntity(ASSET_AUDIT_ENTITY, assetId, { limit: page.limit ?? AUDIT_PAGE, ...(before === undefined ? {} : { before }) });
  return { items: result.items.map(toAuditItem), nextCursor: result.nextBefore === null ? null : String(result.nextBefore) };
}

/** The newest audit row per field of the asset, read through the `(entity_type, entity_id, id)` index. */
async function lastChanges(store: Store, assetId: string): Promise<Map<string, AssetFieldView['lastChange']>> {
  const latest = store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('entity_type', '=', ASSET_AUDIT_ENTITY)
    .where('entity_id', '=', assetId)
    .where('action', '=', 'update')
    .where('field', 'is not', null)
    .groupBy('field');
  const rows = await store.db.selectFrom('audit_log').selectAll().where('id', 'in', latest).execute();
  const changes = new Map<string, AssetFieldView['lastChange']>();
  for (const row of rows) {
    if (row.field === null) continue;
    const actor = { type: asMember(row.actor_type, ACTOR_TYPES, 'audit_log.actor_type'), id: row.actor_id };
    changes.set(row.field, { at: row.at, actor, runId: row.run_id, oldValue: parseJson(row.old_value, 'audit_log.old_value') });
  }
  return changes;
}

export async function loadAssetDetail(store: Store, assetId: string): Promise<AssetDetail> {
  const asset = await store.repos.assets.get(assetId);
  if (!asset) throw new AppError('not_found', `There is no asset with id ${assetId}.`);
  const names = await loadRegisterNames(store.db);
  const allocations = await store.repos.audit.listAllocations(assetId);
  const users = await loadUserRefs(store.db, [asset.allocatedUserId, ...allocations.map((a) => a.userId)]);
  const provenance = new Map((await store.repos.audit.listProvenance(assetId)).map((p) => [p.field, p]));
  const changes = await lastChanges(store, assetId);
  const audit = await loadAssetAudit(store, assetId, {});
  return {
    asset: toListItem(asset, names, users),
    fields: DETAIL_FIELDS.map(([field, label]) => fieldView({ asset, field, label, names, users, provenance: provenance.get(field), lastChange: changes.get(field) })),
    categoryValues: asset.categoryValues,
    allocationHistory: allocations.map(
      (a): AllocationView => ({
        action: a.action,
        user: users.get(a.userId) ?? { id: a.userId, name: a.userId, email: null },
        actor: actorView(a.actor),
        runId: a.runId,
        at: a.at,
      }),
    ),
    audit,
    // The store keeps no installed software per asset yet (detected apps are not persisted by the sync).
    software: [],
    hasBypassCode: asset.activationLockBypassCodeEncrypted !== null,
  };
}

function fieldView(input: {
  asset: Asset;
  field: (typeof DETAIL_FIELDS)[number][0];
  label: string;
  names: RegisterNames;
  users: UserRefs;
  provenance: FieldProvenance | undefined;
  lastChange: AssetFieldView['lastChange'] | undefined;
}): AssetFieldView {
  const value = input.asset[input.field];
  return {
    field: input.field,
    label: input.label,
    value,
    display: displayValue(input.field, value, input.names, input.users),
    provenance: input.provenance === undefined ? null : toProvenanceView(input.provenance, input.names),
    lastChange: input.lastChange ?? null,
  };
}
