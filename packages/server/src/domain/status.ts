export const ASSET_STATUS_KEYS = [
  'in_store',
  'allocated',
  'in_transit',
  'in_repair',
  'inactive',
  'missing',
  'retired',
] as const;
export type AssetStatusKey = (typeof ASSET_STATUS_KEYS)[number];

export function isAssetStatusKey(value: string): value is AssetStatusKey {
  return (ASSET_STATUS_KEYS as readonly string[]).includes(value);
}

/** The seven lifecycle states are fixed; only their display names are configurable. */
export interface Status {
  readonly key: AssetStatusKey;
  readonly displayName: string;
  readonly sortOrder: number;
}

/** Belongs to one status (SymphonyAI offers only "In Store" sub-statuses as defaults, "Allocated" ones on allocation). */
export interface SubStatus {
  readonly id: string;
  readonly statusKey: AssetStatusKey;
  readonly name: string;
}

export interface Condition {
  readonly id: string;
  readonly name: string;
  readonly sortOrder: number;
}
