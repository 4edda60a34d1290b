import type { Asset, AssetFields } from '../../domain/asset.js';
import type { RunDeviceOutcome } from '../../domain/run.js';
import type { AssetStatusKey } from '../../domain/status.js';
import type { AssetLookupKey } from '../repos/asset-lookup.js';

/**
 * The shapes `createRegisterStore` takes and returns. They mirror `sync/ports.ts` structurally: store may not import
 * sync (STYLE §2), so the composition root's `const register: RegisterStore = createRegisterStore(…)` (and the
 * integration test) is where the compiler proves the two agree.
 */
export type RegisterMatchField = Exclude<AssetLookupKey, 'intuneDeviceId'>;

export interface PlaceNameInput {
  readonly site: string;
  readonly location: string;
  readonly store: string;
}

export interface EmployeeInput {
  readonly key: string;
  readonly email: string;
  readonly upn: string | null;
  readonly employeeId: string | null;
  readonly samAccountName: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly externalId: string | null;
}

export interface AssetCreateInput {
  readonly deviceId: string;
  readonly fields: AssetFields;
}

export interface AssetPatchInput {
  readonly deviceId: string;
  readonly before: Asset;
  readonly patch: Partial<AssetFields>;
}

export interface DeviceOutcomeInput {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly outcome: RunDeviceOutcome;
  readonly reason: string | null;
  readonly assetId: string | null;
}

export interface BatchWriteInput {
  readonly creates: readonly AssetCreateInput[];
  readonly updates: readonly AssetPatchInput[];
  readonly outcomes: readonly DeviceOutcomeInput[];
}

export interface BatchWriteOutput {
  /** Device id → id of the asset created for it. */
  readonly created: ReadonlyMap<string, string>;
  readonly updated: number;
  /** Device ids whose update found the asset changed since `before` was read. */
  readonly conflicts: readonly string[];
}

export interface ReconcileAssetRow {
  readonly id: string;
  readonly intuneDeviceId: string | null;
  readonly statusKey: AssetStatusKey;
  readonly lastSeenInSourceAt: string | null;
  readonly missingFromSourceSince: string | null;
}

export interface LifecycleChangeInput {
  readonly assetId: string;
  readonly statusKey?: AssetStatusKey;
  readonly missingFromSourceSince?: string | null;
  readonly reason: 'deleted_from_intune' | 'recovered' | 'inactive';
}

/** Ids handed out in a dry run for records that would have been created; never written anywhere. */
export function dryRunId(kind: string, ...names: readonly string[]): string {
  return `dry-run:${kind}:${names.join('/')}`;
}

export function isDryRunId(id: string): boolean {
  return id.startsWith('dry-run:');
}
