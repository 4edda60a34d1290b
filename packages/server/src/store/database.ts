import type { ColumnType } from 'kysely';

/**
 * Column conventions (see README): ids are text UUIDs made in app code, except the append-only logs' integer
 * identities; timestamps are ISO-8601 UTC text; booleans are integers 0/1; JSON is text on SQLite and jsonb on
 * PostgreSQL, so it is read as `unknown` and parsed in the repos.
 */
type Bool = number;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;
/** Generated identity: pg returns int8 as a string, SQLite a number; never written by the app. */
type Identity = ColumnType<number | string, never, never>;

export interface DepartmentTable {
  id: string;
  name: string;
  is_default: Bool;
  created_at: string;
}

export interface AssetTagSequenceTable {
  department_id: string;
  prefix: string;
  width: number;
  next_value: number;
}

export interface SiteTable {
  id: string;
  department_id: string;
  name: string;
}

export interface LocationTable {
  id: string;
  site_id: string;
  name: string;
}

export interface StoreTable {
  id: string;
  location_id: string;
  name: string;
}

export interface FloorTable {
  id: string;
  location_id: string;
  name: string;
}

export interface UserTable {
  id: string;
  department_id: string;
  email: string | null;
  email_lower: string | null;
  upn: string | null;
  upn_lower: string | null;
  employee_id: string | null;
  employee_id_lower: string | null;
  sam_account_name: string | null;
  sam_account_name_lower: string | null;
  first_name: string | null;
  last_name: string | null;
  site_id: string | null;
  is_active: Bool;
  source: string;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface StatusTable {
  key: string;
  display_name: string;
  sort_order: number;
}

export interface SubStatusTable {
  id: string;
  status_key: string;
  name: string;
}

export interface ConditionTable {
  id: string;
  name: string;
  sort_order: number;
}

export interface AssetGroupTable {
  id: string;
  department_id: string;
  name: string;
}

export interface AssetCategoryTable {
  id: string;
  department_id: string;
  group_id: string;
  name: string;
  default_condition_id: string | null;
  default_sub_status_id: string | null;
  default_store_id: string | null;
}

export interface CategoryFieldTable {
  id: string;
  category_id: string;
  name: string;
  type: string;
  is_required: Bool;
  sort_order: number;
}

export interface ConnectionTable {
  id: string;
  name: string;
  description: string | null;
  department_id: string;
  is_active: Bool;
  settings: Json;
  credentials_encrypted: string | null;
  available_fields: NullableJson;
  available_fields_at: string | null;
  available_fields_source: string | null;
  created_at: string;
  updated_at: string;
}

export interface FixedAssetTable {
  id: string;
  department_id: string;
  asset_tag: string;
  category_id: string | null;
  serial_number: string | null;
  serial_key: string | null;
  name: string | null;
  name_key: string | null;
  make: string | null;
  model: string | null;
  os: string | null;
  os_version: string | null;
  memory_gb: number | null;
  storage_gb: number | null;
  storage_type: string | null;
  imei: string | null;
  meid: string | null;
  wifi_mac: string | null;
  wifi_mac_key: string | null;
  ethernet_mac: string | null;
  ethernet_mac_key: string | null;
  colour: string | null;
  display_size: number | null;
  release_date: string | null;
  status_key: string;
  sub_status_id: string | null;
  condition_id: string | null;
  site_id: string | null;
  location_id: string | null;
  store_id: string | null;
  floor_id: string | null;
  usage_type: string | null;
  purpose: string | null;
  allocated_user_id: string | null;
  allocated_at: string | null;
  allocated_by: string | null;
  category_values: Json;
  intune_device_id: string | null;
  azure_ad_device_id: string | null;
  activation_lock_bypass_code_encrypted: string | null;
  management_state: string | null;
  source: string;
  source_connection_id: string | null;
  content_hash: string | null;
  last_seen_in_source_at: string | null;
  last_seen_run_id: string | null;
  /** Set by reconcile when the device left Intune, cleared when it comes back; bookkeeping, not an asset field. */
  missing_from_source_since: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface AllocationHistoryTable {
  id: Identity;
  asset_id: string;
  user_id: string;
  action: string;
  actor_type: string;
  actor_id: string | null;
  run_id: string | null;
  at: string;
}

export interface FieldProvenanceTable {
  asset_id: string;
  field: string;
  source: string;
  run_id: string | null;
  set_at: string;
}

export interface AuditLogTable {
  id: Identity;
  entity_type: string;
  entity_id: string;
  action: string;
  field: string | null;
  /** JSON text of the value, so null and "null" stay distinct. */
  old_value: string | null;
  new_value: string | null;
  actor_type: string;
  actor_id: string | null;
  run_id: string | null;
  at: string;
}

export interface RunTable {
  id: string;
  connection_id: string;
  status: string;
  is_dry_run: Bool;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  report: NullableJson;
  error: string | null;
  progress: NullableJson;
  trigger: ColumnType<string, string | undefined, string>;
  requested_by: string | null;
}

export interface RunDeviceTable {
  id: Identity;
  run_id: string;
  intune_device_id: string;
  outcome: string;
  reason: string | null;
  asset_id: string | null;
  device_name: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RunLockTable {
  connection_id: string;
  owner: string;
  acquired_at: string;
  expires_at: string;
}

export interface AccountTable {
  id: string;
  email: string;
  email_lower: string;
  role: string;
  password_hash: string;
  is_active: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export interface SessionTable {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface Database {
  departments: DepartmentTable;
  asset_tag_sequences: AssetTagSequenceTable;
  sites: SiteTable;
  locations: LocationTable;
  stores: StoreTable;
  floors: FloorTable;
  users: UserTable;
  statuses: StatusTable;
  sub_statuses: SubStatusTable;
  conditions: ConditionTable;
  asset_groups: AssetGroupTable;
  asset_categories: AssetCategoryTable;
  category_fields: CategoryFieldTable;
  connections: ConnectionTable;
  fixed_assets: FixedAssetTable;
  allocation_history: AllocationHistoryTable;
  field_provenance: FieldProvenanceTable;
  audit_log: AuditLogTable;
  runs: RunTable;
  run_devices: RunDeviceTable;
  run_locks: RunLockTable;
  accounts: AccountTable;
  sessions: SessionTable;
}
