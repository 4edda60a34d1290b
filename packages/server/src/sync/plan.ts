import type { Asset, AssetFields } from '../domain/asset.js';
import type { AssetStatusKey } from '../domain/status.js';
import type { UserMatchField } from '../domain/user.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import { ASSET_MATCH_FIELDS } from '../domain/match-key.js';
import type { AssetMatchField } from '../domain/match-key.js';
import type { DeviceType } from '../rules/device-type-rules.js';

/**
 * A connection's sync settings compiled once per run (expressions compiled, regexes built, defaults applied).
 * Built by `mapping/compile-plan.ts` from the validated connection document; the pipeline only reads it.
 */
export interface SyncPlan {
  readonly connectionId: string;
  readonly departmentId: string;
  /** Recorded as "created by" / "allocated by". */
  readonly integrationUser: string;
  readonly graphApiVersion: 'v1.0' | 'beta';
  /** Fields requested on the list call (`$select`): everything the filters, rules and mappings read, plus identity. */
  readonly listFields: readonly string[];
  /** GET-only fields the plan reads; when non-empty, new/changed devices are enriched with a per-device GET. */
  readonly enrichFields: readonly string[];
  readonly batchSize: number;
  /** Entra groups whose device members are kept (SPEC §4.2); null when the connection has no group filter. */
  readonly groupIds: readonly string[] | null;
  /** Returns the reason a device is skipped, or null to keep it (corporate only, serial, platform, group, condition …). */
  filter(device: ManagedDevice, type: DeviceType | null, context: FilterContext): SkipReason | null;
  detectType(device: ManagedDevice): DeviceType | null;
  /** Category name for a device, or null when no rule matches (the device is then skipped: `no_category`). */
  classify(device: ManagedDevice, type: DeviceType | null): CategoryChoice | null;
  /** Target fields from the device via the key field mapping; a transform that fails is a per-device error. */
  map(device: ManagedDevice): MapResult;
  readonly match: MatchSettings;
  readonly allocation: AllocationSettings;
  readonly lifecycle: LifecycleSettings;
  /** Standard field → who owns it after creation (allwhere's source-of-truth list). */
  readonly sourceOfTruth: Readonly<Partial<Record<MappedField, 'intune' | 'register'>>>;
  /** Category field name (as mapped, `category.<name>`) → who owns it; a register-owned value is only filled when empty. */
  readonly categorySourceOfTruth: Readonly<Record<string, 'intune' | 'register'>>;
  readonly keepExistingCategory: boolean;
  /** Default store for every imported device (SymphonyAI "Default Settings"), as names, created when missing. */
  readonly defaultStore: PlaceNames | null;
}

/** What the filter needs beyond the device, loaded once per run. */
export interface FilterContext {
  /** Lower-cased azureADDeviceIds of the members of `groupIds`; null when the plan has no group filter. */
  readonly groupMembers: ReadonlySet<string> | null;
}

/** Standard asset fields a mapping may target (plus category fields under `categoryValues`). */
export const MAPPED_FIELDS = [
  'name', 'serialNumber', 'make', 'model', 'os', 'osVersion', 'memoryGb', 'storageGb', 'storageType', 'imei', 'meid',
  'wifiMac', 'ethernetMac', 'colour', 'displaySize', 'releaseDate', 'intuneDeviceId', 'azureAdDeviceId',
  'activationLockBypassCode', 'managementState', 'lastSeenInSourceAt',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** What the mapping produced for one device: standard fields and category field values, null when empty. */
export interface MappedAsset {
  readonly fields: Readonly<Partial<Record<MappedField, string | number | null>>>;
  readonly categoryValues: Readonly<Record<string, string | number | boolean | null>>;
}

export type MapResult =
  | { readonly ok: true; readonly value: MappedAsset }
  | { readonly ok: false; readonly field: string; readonly code: string; readonly message: string };

export const SKIP_REASONS = [
  'personal_device', 'invalid_serial', 'desktop_excluded', 'defender_only', 'unknown_type', 'platform_excluded',
  'group_excluded', 'condition_false', 'no_category', 'duplicate_serial', 'create_disabled',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface CategoryChoice {
  readonly category: string;
  /** The asset group a category is created under when missing. */
  readonly group: string;
  /** Per-category defaults (SymphonyAI category mapping). */
  readonly defaults: CategoryDefaultNames;
}

export interface CategoryDefaultNames {
  readonly condition: string | null;
  /** An "In Store" sub-status. */
  readonly subStatus: string | null;
  readonly store: PlaceNames | null;
}

export interface PlaceNames {
  readonly site: string;
  readonly location: string;
  readonly store: string;
}

export const MATCH_FIELDS = ASSET_MATCH_FIELDS;
export type MatchField = AssetMatchField;

export interface MatchSettings {
  /** After the linked Intune id (always first). */
  readonly field: MatchField;
  readonly createNew: boolean;
}

export interface AllocationSettings {
  readonly enabled: boolean;
  /** Intune owner field: userPrincipalName, emailAddress, or userId (→ the Entra user's mail). */
  readonly ownerField: 'userPrincipalName' | 'emailAddress' | 'userId';
  readonly userField: UserMatchField;
  readonly subStatus: string | null;
  readonly usageType: string | null;
  readonly floor: string | null;
  readonly purpose: string | null;
  readonly createMissingUsers: boolean;
  readonly unlinkWhenNoMatch: boolean;
  /** allwhere's opt-in: Intune may change the assignee of existing Allocated / In transit assets. */
  readonly mdmDrivenUpdates: boolean;
  /** Use the user's site (Halo) before the default store. */
  readonly useUserSite: boolean;
}

export interface LifecycleSettings {
  /** Status of new assets without an owner (with an owner and allocation on: allocated). */
  readonly newStatus: AssetStatusKey;
  /** Status for assets whose device left Intune; null leaves them unchanged (allwhere). */
  readonly deletedStatus: AssetStatusKey | null;
  /** Status for assets whose device came back; null leaves them unchanged. */
  readonly recoveredStatus: AssetStatusKey | null;
  readonly inactiveAfterDays: number | null;
  readonly inactiveStatus: AssetStatusKey;
  /** Never retire more than this share (0–100) of the connection's assets in one run. */
  readonly retireSafetyPercent: number;
}

export type ExistingAsset = Asset;
export type { AssetFields };
