export interface AssetGroup {
  readonly id: string;
  readonly departmentId: string;
  readonly name: string;
}

/** Halo's "asset type": carries defaults applied to assets created in it. */
export interface AssetCategory {
  readonly id: string;
  readonly departmentId: string;
  readonly groupId: string;
  readonly name: string;
  readonly defaultConditionId: string | null;
  readonly defaultSubStatusId: string | null;
  readonly defaultStoreId: string | null;
}

export const CATEGORY_FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'json'] as const;
export type CategoryFieldType = (typeof CATEGORY_FIELD_TYPES)[number];

export function isCategoryFieldType(value: string): value is CategoryFieldType {
  return (CATEGORY_FIELD_TYPES as readonly string[]).includes(value);
}

/** A category's own field, on top of the standard asset fields; values live in `Asset.categoryValues`. */
export interface CategoryField {
  readonly id: string;
  readonly categoryId: string;
  readonly name: string;
  readonly type: CategoryFieldType;
  readonly isRequired: boolean;
  readonly sortOrder: number;
}
