import {
  CATEGORY_TARGET_PREFIX, DEFAULT_FIELD_MAPPING, DEFAULT_SOURCE_OF_TRUTH, MAPPING_TARGETS, connectionInputSchema, isMappingTarget,
} from '@intune-assets/contracts';
import type {
  ASSET_STATUSES, CLASSIFICATION_MODES, CLOUDS, ConnectionSettings, DeviceType, GRAPH_API_VERSIONS, INSTANCES, MATCH_FIELDS,
  OWNER_FIELDS, SOURCES_OF_TRUTH, SYNC_MODES, USER_MATCH_FIELDS,
} from '@intune-assets/contracts';

type Of<T extends readonly string[]> = T[number];
export type AssetStatus = Of<typeof ASSET_STATUSES>;

/** A row key that survives reordering (React keys, drag and drop); never sent to the API. */
export type RowKey = string;

export interface CategoryRuleForm {
  readonly key: RowKey;
  readonly category: string;
  readonly condition: string;
}

export interface CategoryDefaultsForm {
  readonly key: RowKey;
  readonly category: string;
  readonly condition: string;
  readonly subStatus: string;
  readonly site: string;
  readonly location: string;
  readonly store: string;
}

export interface MappingRowForm {
  readonly key: RowKey;
  /** A standard asset field or `category.<Field name>`. */
  readonly target: string;
  readonly expression: string;
  readonly sourceOfTruth: Of<typeof SOURCES_OF_TRUTH>;
}

export interface DeviceTypeRuleForm {
  readonly key: RowKey;
  readonly type: DeviceType;
  readonly os: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly note: string;
}

export interface PlaceForm {
  readonly site: string;
  readonly location: string;
  readonly store: string;
}

/**
 * What the setup page edits. Text inputs hold strings (numbers too, so a half-typed value is not lost);
 * `''` stands for null where the document allows null. Lists keep the document's order.
 */
export interface ConnectionForm {
  readonly name: string;
  readonly description: string;
  readonly department: string;
  readonly integrationUser: string;
  readonly isActive: boolean;
  readonly enabledForInstances: readonly Of<typeof INSTANCES>[];
  readonly tenantId: string;
  readonly clientId: string;
  readonly authMode: 'client_secret';
  /** '' keeps the stored secret when `hasSecret`. */
  readonly clientSecret: string;
  readonly hasSecret: boolean;
  readonly cloud: Of<typeof CLOUDS>;
  readonly authorityUrl: string;
  readonly graphUrl: string;
  readonly caCertFile: string;
  readonly graphApiVersion: Of<typeof GRAPH_API_VERSIONS>;
  readonly syncMode: Of<typeof SYNC_MODES>;
  readonly moveToCmdb: boolean;
  readonly schedule: string;
  /** IANA zone of the schedule; empty: the server's. */
  readonly scheduleTimezone: string;
  readonly syncNowDebounceMinutes: string;
  readonly batchSize: string;
  readonly retireSafetyPercent: string;
  /** null: every field (the document leaves `selectedFields` out). */
  readonly selectedFields: readonly string[] | null;
  readonly filters: {
    readonly corporateOnly: boolean;
    readonly requireValidSerial: boolean;
    readonly excludeDesktops: boolean;
    readonly excludeDefenderOnly: boolean;
    readonly excludeUnknownType: boolean;
    /** Comma-separated; '' for all platforms. */
    readonly platforms: string;
    /** Comma or line separated GUIDs; '' for no group filter. */
    readonly groupIds: string;
    readonly condition: string;
  };
  readonly deviceTypeRules: readonly DeviceTypeRuleForm[];
  readonly classification: {
    readonly mode: Of<typeof CLASSIFICATION_MODES>;
    readonly deviceTypeCategories: Readonly<Record<DeviceType, string>>;
    readonly category: string;
    readonly field: string;
    readonly rules: readonly CategoryRuleForm[];
    readonly fallback: string;
    readonly group: string;
    readonly keepExistingCategory: boolean;
    readonly categoryDefaults: readonly CategoryDefaultsForm[];
  };
  /** The effective mapping: shipped defaults merged with the document's entries, defaults first. */
  readonly mapping: readonly MappingRowForm[];
  readonly matching: { readonly field: Of<typeof MATCH_FIELDS>; readonly createNew: boolean };
  readonly allocation: {
    readonly enabled: boolean;
    readonly ownerField: Of<typeof OWNER_FIELDS>;
    readonly userField: Of<typeof USER_MATCH_FIELDS>;
    readonly subStatus: string;
    readonly usageType: string;
    readonly floor: string;
    readonly purpose: string;
    readonly createMissingUsers: boolean;
    readonly unlinkWhenNoMatch: boolean;
    readonly mdmDrivenUpdates: boolean;
    readonly useUserSite: boolean;
  };
  readonly defaultStore: PlaceForm;
  readonly lifecycle: {
    readonly newStatus: AssetStatus;
    readonly deletedStatus: AssetStatus | '';
    readonly recoveredStatus: AssetStatus | '';
    readonly inactiveAfterDays: string;
    readonly inactiveStatus: AssetStatus;
  };
}

let keyCounter = 0;
/** Row keys only need to be unique within one page's lifetime. */
export function newRowKey(): RowKey {
  keyCounter += 1;
  return `row-${keyCounter}`;
}

export function defaultSourceOfTruth(target: string): Of<typeof SOURCES_OF_TRUTH> {
  return isMappingTarget(target) ? DEFAULT_SOURCE_OF_TRUTH[target] : 'intune';
}

export function isCategoryTarget(target: string): boolean {
  return target.startsWith(CATEGORY_TARGET_PREFIX) && target.length > CATEGORY_TARGET_PREFIX.length;
}

const text = (value: string | null | undefined): string => value ?? '';

function mappingRows(fields: ConnectionSettings['mapping']['fields']): MappingRowForm[] {
  const rows: MappingRowForm[] = [];
  const targets = [...MAPPING_TARGETS.filter((t) => DEFAULT_FIELD_MAPPING[t] !== undefined)];
  for (const target of Object.keys(fields)) if (!targets.includes(target as never)) targets.push(target as never);
  for (const target of targets as string[]) {
    const entry = fields[target];
    if (entry === null) continue;
    const fallback = isMappingTarget(target) ? DEFAULT_FIELD_MAPPING[target] : undefined;
    const expression = entry?.expression ?? fallback;
    if (expression === undefined) continue;
    rows.push({ key: newRowKey(), target, expression, sourceOfTruth: entry?.sourceOfTruth ?? defaultSourceOfTruth(target) });
  }
  return rows;
}

/**
 * The form for a stored or parsed document (`hasSecret`: a secret is stored and may be kept).
 *
 * @example
 * const form = formFromDocument(connectionView, { hasSecret: true });
 */
export function formFromDocument(doc: ConnectionSettings, options: { readonly hasSecret: boolean }): ConnectionForm {
  const c = doc.classification;
  return {
    name: doc.name,
    description: doc.description,
    department: doc.department,
    integrationUser: doc.integrationUser,
    isActive: doc.isActive,
    enabledForInstances: [...doc.enabledForInstances],
    tenantId: doc.tenantId,
    clientId: doc.clientId,
    authMode: doc.authMode,
    clientSecret: '',
    hasSecret: options.hasSecret,
    cloud: doc.cloud,
    authorityUrl: text(doc.authorityUrl),
    graphUrl: text(doc.graphUrl),
    caCertFile: text(doc.caCertFile),
    graphApiVersion: doc.graphApiVersion,
    syncMode: doc.syncMode,
    moveToCmdb: doc.moveToCmdb,
    schedule: doc.schedule,
    scheduleTimezone: doc.scheduleTimezone ?? '',
    syncNowDebounceMinutes: String(doc.syncNowDebounceMinutes),
    batchSize: String(doc.batchSize),
    retireSafetyPercent: String(doc.retireSafetyPercent),
    selectedFields: doc.selectedFields === undefined ? null : [...doc.selectedFields],
    filters: {
      corporateOnly: doc.filters.corporateOnly,
      requireValidSerial: doc.filters.requireValidSerial,
      excludeDesktops: doc.filters.excludeDesktops,
      excludeDefenderOnly: doc.filters.excludeDefenderOnly,
      excludeUnknownType: doc.filters.excludeUnknownType,
      platforms: (doc.filters.platforms ?? []).join(', '),
      groupIds: (doc.filters.groupIds ?? []).join(', '),
      condition: text(doc.filters.condition),
    },
    deviceTypeRules: doc.deviceTypes.rules.map((r) => ({
      key: newRowKey(), type: r.type, os: text(r.os), manufacturer: text(r.manufacturer), model: text(r.model), note: text(r.note),
    })),
    classification: {
      mode: c.mode,
      deviceTypeCategories: { ...c.deviceTypeCategories },
      category: text(c.category),
      field: text(c.field),
      rules: c.rules.map((r) => ({ key: newRowKey(), category: r.category, condition: r.condition })),
      fallback: text(c.fallback),
      group: c.group,
      keepExistingCategory: c.keepExistingCategory,
      categoryDefaults: Object.entries(c.categoryDefaults).map(([category, d]) => ({
        key: newRowKey(),
        category,
        condition: text(d.condition),
        subStatus: text(d.subStatus),
        site: text(d.store?.site),
        location: text(d.store?.location),
        store: text(d.store?.store),
      })),
    },
    mapping: mappingRows(doc.mapping.fields),
    matching: { ...doc.matching },
    allocation: {
      ...doc.allocation,
      subStatus: text(doc.allocation.subStatus),
      usageType: text(doc.allocation.usageType),
      floor: text(doc.allocation.floor),
      purpose: text(doc.allocation.purpose),
    },
    defaultStore: { site: text(doc.defaults.store?.site), location: text(doc.defaults.store?.location), store: text(doc.defaults.store?.store) },
    lifecycle: {
      newStatus: doc.lifecycle.newStatus,
      deletedStatus: doc.lifecycle.deletedStatus ?? '',
      recoveredStatus: doc.lifecycle.recoveredStatus ?? '',
      inactiveAfterDays: doc.lifecycle.inactiveAfterDays === null ? '' : String(doc.lifecycle.inactiveAfterDays),
      inactiveStatus: doc.lifecycle.inactiveStatus,
    },
  };
}

const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';

/** A new connection's form: every setting at the seeds' defaults (the schema's own), credentials empty. */
export function newConnectionForm(): ConnectionForm {
  const { clientSecret: _secret, ...defaults } = connectionInputSchema.parse({
    name: 'new', tenantId: PLACEHOLDER_GUID, clientId: PLACEHOLDER_GUID, clientSecret: 'placeholder',
  });
  const form = formFromDocument(defaults, { hasSecret: false });
  return { ...form, name: '', tenantId: '', clientId: '' };
}
