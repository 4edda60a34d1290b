// The rules are part of the connection document, so their schema and the shipped defaults live in contracts
// (the web UI edits them too); re-exported here under the names the server already uses.
export { DEFAULT_DEVICE_TYPE_RULES, DEVICE_TYPES, deviceTypeRuleSchema } from '@intune-assets/contracts';
export type { DeviceType, DeviceTypeRule } from '@intune-assets/contracts';
