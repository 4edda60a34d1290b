import { z } from 'zod';

/**
 * The register API (`/api/v1/assets`, `/users`, `/facets`): request and response schemas shared by the server's
 * routes and the web UI.
 *
 * @example
 * const query = AssetListQuery.parse({ status: 'allocated', sort: '-updatedAt', limit: '50' });
 */

export const REGISTER_STATUS_KEYS = ['in_store', 'allocated', 'in_transit', 'in_repair', 'inactive', 'missing', 'retired'] as const;
export const ASSET_LIST_SORTS = ['assetTag', 'name', 'updatedAt', 'createdAt'] as const;
/** A sort key, descending when prefixed with `-` (`-updatedAt`: most recently changed first). */
export const AssetListSort = z.enum([...ASSET_LIST_SORTS, ...ASSET_LIST_SORTS.map((s) => `-${s}` as const)]);
export type AssetListSort = z.infer<typeof AssetListSort>;
export const MAX_PAGE_LIMIT = 200;

const optionalText = z.string().trim().min(1).max(200).optional();
const pageLimit = z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(50);

/** Filters of the assets list; the same query string drives `GET /assets` and `GET /assets.csv`. */
export const AssetListQuery = z.object({
  /** Prefix of the asset tag, name, serial number (punctuation ignored), or the allocated user's email or name. */
  search: optionalText,
  category: optionalText,
  status: z.enum(REGISTER_STATUS_KEYS).optional(),
  subStatus: optionalText,
  /** The allocated user's id. */
  user: optionalText,
  /** `intune`, `manual`, `import`, … as `GET /facets` lists them. */
  source: optionalText,
  /** The id of the connection that brought the asset in. */
  connection: optionalText,
  sort: AssetListSort.default('assetTag'),
  cursor: optionalText,
  limit: pageLimit,
});
export type AssetListQuery = z.infer<typeof AssetListQuery>;
export const AssetExportQuery = AssetListQuery.omit({ cursor: true, limit: true });
export type AssetExportQuery = z.infer<typeof AssetExportQuery>;

export const NamedRef = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;
export const UserRef = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });
export type UserRef = z.infer<typeof UserRef>;

export const AssetListItem = z.object({
  id: z.string(),
  assetTag: z.string(),
  name: z.string().nullable(),
  serialNumber: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  category: NamedRef.nullable(),
  status: z.object({ key: z.enum(REGISTER_STATUS_KEYS), name: z.string() }),
  subStatus: NamedRef.nullable(),
  allocatedUser: UserRef.nullable(),
  source: z.string(),
  connection: NamedRef.nullable(),
  lastSeenInSourceAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssetListItem = z.infer<typeof AssetListItem>;

export const AssetListResponse = z.object({
  items: z.array(AssetListItem),
  nextCursor: z.string().nullable(),
  /** Assets matching the filters (all pages). */
  total: z.number().int(),
  /** True when `total` is the planner's estimate (unfiltered list on a large PostgreSQL table), not an exact count. */
  totalIsEstimate: z.boolean(),
});
export type AssetListResponse = z.infer<typeof AssetListResponse>;

/** Where a field's current value came from: `intune` (a connection's sync), `manual` (a person), `import`. */
export const FieldProvenanceView = z.object({
  kind: z.enum(['intune', 'manual', 'import']),
  source: z.string(),
  connection: NamedRef.nullable(),
  runId: z.string().nullable(),
  setAt: z.string(),
});
export type FieldProvenanceView = z.infer<typeof FieldProvenanceView>;

export const AuditActorView = z.object({ type: z.enum(['user', 'run', 'system']), id: z.string().nullable() });

export const AuditItem = z.object({
  id: z.number().int(),
  action: z.string(),
  field: z.string().nullable(),
  fieldLabel: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  actor: AuditActorView,
  runId: z.string().nullable(),
  at: z.string(),
});
export type AuditItem = z.infer<typeof AuditItem>;

export const AuditPageResponse = z.object({ items: z.array(AuditItem), nextCursor: z.string().nullable() });
export type AuditPageResponse = z.infer<typeof AuditPageResponse>;
export const AuditPageQuery = z.object({ before: optionalText, limit: pageLimit });

export const AssetFieldView = z.object({
  field: z.string(),
  label: z.string(),
  /** The stored value (ids for references). */
  value: z.unknown(),
  /** The value as a person reads it: references resolved to names, null when empty. */
  display: z.string().nullable(),
  provenance: FieldProvenanceView.nullable(),
  lastChange: z.object({ at: z.string(), actor: AuditActorView, runId: z.string().nullable(), oldValue: z.unknown() }).nullable(),
});
export type AssetFieldView = z.infer<typeof AssetFieldView>;

export const AllocationView = z.object({
  action: z.enum(['allocated', 'unallocated']),
  user: UserRef,
  actor: AuditActorView,
  runId: z.string().nullable(),
  at: z.string(),
});
export type AllocationView = z.infer<typeof AllocationView>;

export const SoftwareItem = z.object({ name: z.string(), version: z.string().nullable(), publisher: z.string().nullable() });

export const AssetDetail = z.object({
  asset: AssetListItem,
  fields: z.array(AssetFieldView),
  /** Category-specific field values (the category's own fields). */
  categoryValues: z.record(z.string(), z.unknown()),
  allocationHistory: z.array(AllocationView),
  audit: AuditPageResponse,
  /** Installed software when the register holds it (detected apps); empty until a discovery sync stores it. */
  software: z.array(SoftwareItem),
  /** Whether an activation lock bypass code is stored; the code itself only through the audited reveal. */
  hasBypassCode: z.boolean(),
});
export type AssetDetail = z.infer<typeof AssetDetail>;

export const AssetIdParams = z.object({ id: z.string().min(1).max(100) });
export const BypassCodeResponse = z.object({ code: z.string() });

export const UserListQuery = z.object({
  /** Prefix of the email, UPN, first name, last name, "first last", or employee id. */
  search: optionalText,
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: optionalText,
  limit: pageLimit,
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserListItem = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  upn: z.string().nullable(),
  employeeId: z.string().nullable(),
  isActive: z.boolean(),
  source: z.string(),
  createdAt: z.string(),
});
export type UserListItem = z.infer<typeof UserListItem>;
export const UserListResponse = z.object({ items: z.array(UserListItem), nextCursor: z.string().nullable() });
export type UserListResponse = z.infer<typeof UserListResponse>;

export const UserDetail = z.object({
  user: UserListItem.extend({
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    samAccountName: z.string().nullable(),
    site: NamedRef.nullable(),
    updatedAt: z.string(),
  }),
  assets: z.array(AssetListItem),
});
export type UserDetail = z.infer<typeof UserDetail>;

export const FacetsResponse = z.object({
  categories: z.array(NamedRef.extend({ group: z.string().nullable() })),
  statuses: z.array(z.object({ key: z.enum(REGISTER_STATUS_KEYS), name: z.string(), subStatuses: z.array(NamedRef) })),
  sources: z.array(z.string()),
  connections: z.array(NamedRef),
});
export type FacetsResponse = z.infer<typeof FacetsResponse>;
