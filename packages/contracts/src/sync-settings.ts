import { z } from 'zod';
import { DEFAULT_DEVICE_TYPE_CATEGORIES, DEFAULT_DEVICE_TYPE_RULES, deviceTypeRuleSchema } from './device-type-rules.js';
import {
  ASSET_STATUSES, CATEGORY_TARGET_PREFIX, CLASSIFICATION_MODES, DEFAULT_FIELD_MAPPING, MAPPING_TARGETS, MATCH_FIELDS,
  OWNER_FIELDS, SOURCES_OF_TRUTH, USER_MATCH_FIELDS, isMappingTarget,
} from './sync-defaults.js';

// Expressions are only length-checked here; the server parses and checks them against the connection's
// Intune fields when the document is saved (SPEC §5), with spans for the UI.
const expression = z
  .string()
  .max(10_000, 'must be at most 10000 characters')
  .refine((s) => s.trim() !== '', 'must not be empty');

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const guid = z.guid('must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)').transform((v) => v.toLowerCase());

export const placeNamesSchema = z.strictObject({ site: name, location: name, store: name });

/** SPEC §4.2: which devices are synced at all; each skip is recorded with its reason. */
export const filtersSchema = z.strictObject({
  corporateOnly: z.boolean().default(true),
  requireValidSerial: z.boolean().default(true),
  excludeDesktops: z.boolean().default(false),
  excludeDefenderOnly: z.boolean().default(false),
  excludeUnknownType: z.boolean().default(true),
  platforms: z
    .array(z.string().trim().min(1, 'must not be empty'))
    .min(1, 'an empty list would skip every device; use null for all platforms')
    .nullable()
    .default(null),
  groupIds: z.array(guid).min(1, 'an empty list would skip every device; use null for no group filter').nullable().default(null),
  condition: expression.nullable().default(null),
});

export const deviceTypesSchema = z.strictObject({
  rules: z.array(deviceTypeRuleSchema).max(500).default(() => DEFAULT_DEVICE_TYPE_RULES.map((r) => ({ ...r }))),
});

const categoryRuleSchema = z.strictObject({ category: name, condition: expression });

const categoryDefaultsSchema = z.strictObject({
  condition: name.nullable().optional(),
  subStatus: name.nullable().optional(),
  store: placeNamesSchema.nullable().optional(),
});

/** SPEC §4.5: how a device's category (Halo "asset type") is chosen. */
export const classificationSchema = z
  .strictObject({
    mode: z.enum(CLASSIFICATION_MODES).default('deviceType'),
    deviceTypeCategories: z
      .strictObject({ laptop: name, desktop: name, tablet: name, mobile: name, virtual: name })
      .default(() => ({ ...DEFAULT_DEVICE_TYPE_CATEGORIES })),
    category: name.nullable().default(null),
    field: z.string().trim().min(1, 'must not be empty').nullable().default(null),
    rules: z.array(categoryRuleSchema).max(500).default([]),
    fallback: name.nullable().default(null),
    group: name.default('Computers and Mobile Devices'),
    keepExistingCategory: z.boolean().default(false),
    categoryDefaults: z.record(name, categoryDefaultsSchema).default({}),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'single' && c.category === null) ctx.addIssue({ code: 'custom', path: ['category'], message: "required when mode is 'single'" });
    if (c.mode === 'field' && c.field === null) ctx.addIssue({ code: 'custom', path: ['field'], message: "required when mode is 'field': the Intune field holding the category name" });
    if (c.mode === 'rules' && c.rules.length === 0) ctx.addIssue({ code: 'custom', path: ['rules'], message: "at least one rule is required when mode is 'rules'" });
  });

const mappingEntrySchema = z.strictObject({
  expression: expression.optional(),
  sourceOfTruth: z.enum(SOURCES_OF_TRUTH).optional(),
});

/** SPEC §4.6: entries merged over the shipped default mapping; `null` removes a default. */
export const mappingSchema = z.strictObject({
  fields: z
    .record(z.string(), mappingEntrySchema.nullable())
    .default({})
    .superRefine((fields, ctx) => {
      for (const [target, entry] of Object.entries(fields)) {
        const isCategory = target.startsWith(CATEGORY_TARGET_PREFIX) && target.length > CATEGORY_TARGET_PREFIX.length;
        if (!isCategory && !isMappingTarget(target)) {
          ctx.addIssue({ code: 'custom', path: [target], message: `unknown target; use one of ${MAPPING_TARGETS.join(', ')}, or category.<Field name>` });
          continue;
        }
        if (entry === null) continue;
        const hasDefault = !isCategory && DEFAULT_FIELD_MAPPING[target as keyof typeof DEFAULT_FIELD_MAPPING] !== undefined;
        if (entry.expression === undefined && !hasDefault) {
          ctx.addIssue({ code: 'custom', path: [target, 'expression'], message: `required: ${target} has no default mapping` });
        }
      }
    }),
});

export const matchingSchema = z.strictObject({
  field: z.enum(MATCH_FIELDS).default('serialNumber'),
  createNew: z.boolean().default(true),
});

/** SPEC §4.7: the device owner in Intune matched to a register user. */
export const allocationSchema = z.strictObject({
  enabled: z.boolean().default(true),
  ownerField: z.enum(OWNER_FIELDS).default('userPrincipalName'),
  userField: z.enum(USER_MATCH_FIELDS).default('email'),
  subStatus: name.nullable().default(null),
  usageType: name.nullable().default(null),
  floor: name.nullable().default(null),
  purpose: name.nullable().default(null),
  createMissingUsers: z.boolean().default(true),
  unlinkWhenNoMatch: z.boolean().default(false),
  mdmDrivenUpdates: z.boolean().default(false),
  useUserSite: z.boolean().default(true),
});

export const defaultsSchema = z.strictObject({
  store: placeNamesSchema.nullable().default(null),
});

/** SPEC §4.8: statuses set by the connector (keys of the register's fixed statuses). */
export const lifecycleSchema = z.strictObject({
  newStatus: z.enum(ASSET_STATUSES).default('in_store'),
  deletedStatus: z.enum(ASSET_STATUSES).nullable().default(null),
  recoveredStatus: z.enum(ASSET_STATUSES).nullable().default(null),
  inactiveAfterDays: z.int().min(1).max(3650).nullable().default(null),
  inactiveStatus: z.enum(ASSET_STATUSES).default('inactive'),
});

/**
 * The sync sections of a connection document (SPEC §4.2–§4.8, defaults of §4.11b). Every section may be left
 * out and takes its defaults; unknown keys are typos and are rejected.
 *
 * @example
 * z.strictObject(syncSettingsShape).parse({ filters: { excludeDesktops: true } }).classification.mode; // 'deviceType'
 */
export const syncSettingsShape = {
  filters: filtersSchema.prefault({}),
  deviceTypes: deviceTypesSchema.prefault({}),
  classification: classificationSchema.prefault({}),
  mapping: mappingSchema.prefault({}),
  matching: matchingSchema.prefault({}),
  allocation: allocationSchema.prefault({}),
  defaults: defaultsSchema.prefault({}),
  lifecycle: lifecycleSchema.prefault({}),
};

export const syncSettingsSchema = z.strictObject(syncSettingsShape);
export type SyncSettingsInput = z.input<typeof syncSettingsSchema>;
export type SyncSettings = z.output<typeof syncSettingsSchema>;
export type PlaceNamesInput = z.output<typeof placeNamesSchema>;
export type ClassificationSettings = z.output<typeof classificationSchema>;
export type MappingSettings = z.output<typeof mappingSchema>;
