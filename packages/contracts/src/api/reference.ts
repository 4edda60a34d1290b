import { z } from 'zod';
import { DEVICE_TYPES } from '../device-type-rules.js';

const named = z.strictObject({ id: z.string(), name: z.string() });

export const registerFieldSchema = z.strictObject({
  /** The mapping target as written in `mapping.fields`. */
  target: z.string(),
  label: z.string(),
  type: z.enum(['text', 'number', 'timestamp', 'date']),
  defaultExpression: z.string().nullable(),
  defaultSourceOfTruth: z.enum(['intune', 'register']),
});
export type RegisterField = z.infer<typeof registerFieldSchema>;

export const categoryReferenceSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  department: z.string(),
  group: z.string().nullable(),
  fields: z.array(z.strictObject({ name: z.string(), type: z.string(), isRequired: z.boolean(), target: z.string() })),
});

/** GET /reference: the setup page's dropdowns. */
export const referenceDataSchema = z.strictObject({
  departments: z.array(z.strictObject({ id: z.string(), name: z.string(), isDefault: z.boolean() })),
  assetGroups: z.array(z.strictObject({ id: z.string(), name: z.string(), department: z.string() })),
  categories: z.array(categoryReferenceSchema),
  statuses: z.array(z.strictObject({ key: z.string(), displayName: z.string() })),
  subStatuses: z.array(z.strictObject({ id: z.string(), name: z.string(), statusKey: z.string() })),
  conditions: z.array(named),
  sites: z.array(z.strictObject({ id: z.string(), name: z.string(), department: z.string() })),
  stores: z.array(z.strictObject({ id: z.string(), name: z.string(), site: z.string(), location: z.string() })),
  usageTypes: z.array(z.string()),
  registerFields: z.array(registerFieldSchema),
});
export type ReferenceData = z.infer<typeof referenceDataSchema>;

const patternField = z.string().optional();
export const deviceTypeRulesSchema = z.strictObject({
  rules: z.array(z.strictObject({ type: z.enum(DEVICE_TYPES), os: patternField, manufacturer: patternField, model: patternField, note: z.string().optional() })),
  categories: z.record(z.enum(DEVICE_TYPES), z.string()),
});
