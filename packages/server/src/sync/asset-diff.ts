import type { Asset, AssetFields } from '../domain/asset.js';
import { ASSET_DEFAULTS } from '../domain/asset.js';
import type { AssetStatusKey } from '../domain/status.js';
import type { MappedAsset, MappedField, SyncPlan } from './plan.js';

/** Everything the sync wants an asset to be, with names already resolved to register ids. */
export interface DesiredAsset {
  readonly deviceId: string;
  readonly mapped: MappedAsset;
  readonly categoryId: string;
  /** In-Store sub-status and condition from the category's defaults. */
  readonly inStoreSubStatusId: string | null;
  readonly conditionId: string | null;
  readonly place: { readonly siteId: string; readonly locationId: string; readonly storeId: string } | null;
  readonly floorId: string | null;
  /** The register user the device's owner resolved to, or null (no owner, or not found). */
  readonly allocateToUserId: string | null;
  /** The device has an owner who could not be matched (for "unlink when no match"). */
  readonly isOwnerUnmatched: boolean;
  readonly allocatedSubStatusId: string | null;
  readonly contentHash: string;
}

export interface DiffContext {
  readonly plan: SyncPlan;
  readonly nowIso: string;
  readonly seal: (plaintext: string) => string;
  readonly open: (sealed: string) => string;
}

export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

type MappedTarget = Exclude<MappedField, 'activationLockBypassCode'>;
const REASSIGNABLE: readonly AssetStatusKey[] = ['allocated', 'in_transit'];

/** The fields of a new asset (SPEC §4.5–§4.7): mapping, category defaults, allocation, source. */
export function fieldsForCreate(desired: DesiredAsset, ctx: DiffContext): AssetFields {
  const { plan } = ctx;
  const allocated = desired.allocateToUserId !== null;
  const fields: Record<string, unknown> = { ...ASSET_DEFAULTS };
  for (const [field, value] of Object.entries(desired.mapped.fields) as Array<[MappedField, string | number | null]>) {
    if (value === null) continue;
    if (field === 'activationLockBypassCode') fields['activationLockBypassCodeEncrypted'] = ctx.seal(String(value));
    else fields[field] = value;
  }
  return {
    ...(fields as unknown as AssetFields),
    categoryId: desired.categoryId,
    categoryValues: withoutNulls(desired.mapped.categoryValues),
    conditionId: desired.conditionId,
    statusKey: allocated ? 'allocated' : plan.lifecycle.newStatus,
    subStatusId: allocated ? desired.allocatedSubStatusId : desired.inStoreSubStatusId,
    siteId: desired.place?.siteId ?? null,
    locationId: desired.place?.locationId ?? null,
    storeId: desired.place?.storeId ?? null,
    floorId: allocated ? desired.floorId : null,
    usageType: allocated ? plan.allocation.usageType : null,
    purpose: allocated ? plan.allocation.purpose : null,
    allocatedUserId: desired.allocateToUserId,
    allocatedAt: allocated ? ctx.nowIso : null,
    allocatedBy: allocated ? plan.integrationUser : null,
    source: `intune:${plan.connectionId}`,
    sourceConnectionId: plan.connectionId,
    contentHash: desired.contentHash,
  };
}

/**
 * What to change on an existing asset: Intune-owned fields follow Intune, register-owned ones are only filled
 * when empty, and an empty Intune value never overwrites anything (null protection, SPEC §4.6).
 */
export function patchForUpdate(existing: Asset, desired: DesiredAsset, ctx: DiffContext): { patch: Partial<AssetFields>; changes: FieldChange[] } {
  const { plan } = ctx;
  const patch: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  const set = (field: keyof AssetFields, value: unknown, shown: unknown = value): void => {
    patch[field] = value;
    changes.push({ field, old: field === 'activationLockBypassCodeEncrypted' ? '[redacted]' : existing[field], new: shown });
  };
  for (const [field, value] of Object.entries(desired.mapped.fields) as Array<[MappedField, string | number | null]>) {
    if (value === null) continue;
    if (field === 'activationLockBypassCode') {
      const current = existing.activationLockBypassCodeEncrypted;
      if (current === null || ctx.open(current) !== String(value)) set('activationLockBypassCodeEncrypted', ctx.seal(String(value)), '[redacted]');
      continue;
    }
    const target: MappedTarget = field;
    const current = existing[target];
    if (plan.sourceOfTruth[field] === 'register' && current !== null) continue;
    if (current !== value) set(target, value);
  }
  const categoryValues = mergeCategoryValues(existing.categoryValues, desired.mapped.categoryValues, plan.categorySourceOfTruth);
  if (categoryValues !== null) set('categoryValues', categoryValues);
  if (!plan.keepExistingCategory && existing.categoryId !== desired.categoryId) set('categoryId', desired.categoryId);
  if (existing.intuneDeviceId !== desired.deviceId) set('intuneDeviceId', desired.deviceId);
  if (existing.sourceConnectionId === null) set('sourceConnectionId', plan.connectionId);
  allocationPatch(existing, desired, ctx, set);
  if (existing.contentHash !== desired.contentHash) {
    patch['contentHash'] = desired.contentHash;
  }
  return { patch: patch as Partial<AssetFields>, changes };
}

function allocationPatch(existing: Asset, desired: DesiredAsset, ctx: DiffContext, set: (field: keyof AssetFields, value: unknown) => void): void {
  const { allocation } = ctx.plan;
  if (!allocation.enabled) return;
  const target = desired.allocateToUserId;
  if (target !== null && existing.allocatedUserId === null && existing.statusKey === 'in_store') {
    // Filling an empty assignee takes nothing from the register (its value is empty), so it needs no opt-in.
    allocate(target);
    set('statusKey', 'allocated');
    return;
  }
  if (target !== null && allocation.mdmDrivenUpdates && REASSIGNABLE.includes(existing.statusKey) && existing.allocatedUserId !== target) {
    allocate(target);
    return;
  }
  if (desired.isOwnerUnmatched && allocation.unlinkWhenNoMatch && existing.allocatedUserId !== null) {
    set('allocatedUserId', null);
    set('allocatedAt', null);
    set('statusKey', 'in_store');
    set('subStatusId', desired.inStoreSubStatusId);
  }

  function allocate(userId: string): void {
    set('allocatedUserId', userId);
    set('allocatedAt', ctx.nowIso);
    set('allocatedBy', ctx.plan.integrationUser);
    if (desired.allocatedSubStatusId !== null) set('subStatusId', desired.allocatedSubStatusId);
    if (allocation.usageType !== null) set('usageType', allocation.usageType);
    if (allocation.purpose !== null) set('purpose', allocation.purpose);
    if (desired.floorId !== null) set('floorId', desired.floorId);
  }
}

function withoutNulls(values: Readonly<Record<string, string | number | boolean | null>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values)) if (value !== null) out[key] = value;
  return out;
}

function mergeCategoryValues(
  current: Readonly<Record<string, unknown>>,
  incoming: Readonly<Record<string, string | number | boolean | null>>,
  owners: Readonly<Record<string, 'intune' | 'register'>>,
): Record<string, unknown> | null {
  let merged: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(incoming)) {
    if (value === null || current[key] === value) continue;
    if (owners[key] === 'register' && current[key] !== undefined && current[key] !== null) continue;
    merged ??= { ...current };
    merged[key] = value;
  }
  return merged;
}
