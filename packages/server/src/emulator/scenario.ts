import { readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { PropertyRow } from './graph-schema.js';
import type { FleetData } from './fleet/generate-fleet.js';
import type { EmulatedUser } from './fleet/users.js';
import { HARDWARE_INFORMATION_TABLE, MANAGED_DEVICE_TABLES, defaultValueOf, emptyHardwareInformation } from './graph-schema.js';
import { AUTOPILOT_ENROLLMENT_STATES } from './fleet/autopilot.js';
import { USER_PROPERTIES } from './fleet/users.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DETECTED_APP_PLATFORMS = ['unknown', 'windows', 'windowsMobile', 'windowsHolographic', 'ios', 'macOS', 'chromeOS', 'androidOSP', 'androidDeviceAdministrator', 'androidWorkProfile', 'androidDedicatedAndFullyManaged', 'unknownFutureValue'] as const;

function zodFor(row: PropertyRow, nested: boolean): z.ZodType {
  let schema: z.ZodType;
  if (row.type.startsWith('Collection(')) schema = z.array(z.unknown());
  else if (row.enumValues !== undefined) schema = z.enum(row.enumValues as [string, ...string[]]);
  else if (row.type === 'graph.hardwareInformation' && !nested) schema = objectFor(HARDWARE_INFORMATION_TABLE.properties, true, []);
  else {
    switch (row.type) {
      case 'Edm.String':
        schema = z.string();
        break;
      case 'Edm.Boolean':
        schema = z.boolean();
        break;
      case 'Edm.Int32':
      case 'Edm.Int64':
        schema = z.number().int();
        break;
      case 'Edm.Double':
        schema = z.number();
        break;
      case 'Edm.DateTimeOffset':
        schema = z.string().regex(ISO_DATE, 'expected an ISO 8601 date-time like 2024-04-13T20:23:18Z');
        break;
      default:
        schema = z.record(z.string(), z.unknown());
    }
  }
  return row.nullable || row.type.startsWith('Collection(') ? schema.nullable() : schema;
}

function objectFor(rows: readonly PropertyRow[], nested: boolean, required: readonly string[]): z.ZodType {
  const shape: Record<string, z.ZodType> = { '@odata.type': z.string().optional() };
  for (const row of rows) shape[row.name] = required.includes(row.name) ? zodFor(row, nested) : zodFor(row, nested).optional();
  return z.object(shape).strict();
}

const deviceSchema = objectFor(MANAGED_DEVICE_TABLES.beta.properties, false, ['id']);
const nullableString = z.string().nullable().optional();
const userShape: Record<string, z.ZodType> = { '@odata.type': z.string().optional() };
for (const name of USER_PROPERTIES) {
  userShape[name] =
    name === 'id' || name === 'userPrincipalName' ? z.string().min(1)
    : name === 'businessPhones' ? z.array(z.string()).optional()
    : name === 'accountEnabled' || name === 'onPremisesSyncEnabled' ? z.boolean().nullable().optional()
    : nullableString;
}
const scenarioSchema = z
  .object({
    devices: z.array(deviceSchema),
    users: z.array(z.object(userShape).strict()).optional(),
    detectedApps: z
      .array(
        z.object({
          '@odata.type': z.string().optional(), id: z.string().min(1), displayName: nullableString, version: nullableString,
          sizeInByte: z.number().int().optional(), deviceCount: z.number().int().nonnegative().optional(), publisher: nullableString,
          platform: z.enum(DETECTED_APP_PLATFORMS).optional(),
        }).strict(),
      )
      .optional(),
    autopilot: z
      .array(
        z.object({
          '@odata.type': z.string().optional(), id: z.string().min(1), groupTag: nullableString, purchaseOrderIdentifier: nullableString,
          serialNumber: nullableString, productKey: nullableString, manufacturer: nullableString, model: nullableString,
          enrollmentState: z.enum(AUTOPILOT_ENROLLMENT_STATES).optional(), lastContactedDateTime: z.string().regex(ISO_DATE).optional(),
          addressableUserName: nullableString, userPrincipalName: nullableString, resourceName: nullableString, skuNumber: nullableString,
          systemFamily: nullableString, azureActiveDirectoryDeviceId: nullableString, managedDeviceId: nullableString, displayName: nullableString,
        }).strict(),
      )
      .optional(),
    groups: z
      .array(
        z.object({
          '@odata.type': z.string().optional(), id: z.string().min(1), displayName: z.string().min(1),
          deviceIds: z.array(z.string().min(1, 'expected an azureADDeviceId')),
        }).strict(),
      )
      .optional(),
  })
  .strict();

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? '(root)' : out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `${formatPath(issue.path)}: expected one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown property '${key}'`).join('\n');
  return `${formatPath(issue.path)}: ${issue.message}`;
}

function withoutODataType<T extends Record<string, unknown>>(item: T): Omit<T, '@odata.type'> {
  const { ['@odata.type']: _ignored, ...rest } = item;
  return rest;
}

function fillDevice(input: Record<string, unknown>): ManagedDevice {
  const out: Record<string, unknown> = {};
  for (const row of MANAGED_DEVICE_TABLES.beta.properties) {
    const value = input[row.name];
    if (row.name === 'hardwareInformation' && typeof value === 'object' && value !== null) {
      out[row.name] = { ...emptyHardwareInformation(), ...withoutODataType(value as Record<string, unknown>) };
    } else {
      out[row.name] = value === undefined ? defaultValueOf(row) : value;
    }
  }
  return out as unknown as ManagedDevice;
}

/** Validates a scenario document and fills Graph's defaults; the error lists every problem with its path. */
export function parseScenario(input: unknown, source: string): FleetData {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`scenario ${source} is invalid:\n${parsed.error.issues.slice(0, 20).map(describe).join('\n')}`);
  }
  const data = parsed.data;
  const users: EmulatedUser[] = (data.users ?? []).map((user) => {
    const out: Record<string, unknown> = {};
    for (const name of USER_PROPERTIES) out[name] = user[name] ?? (name === 'businessPhones' ? [] : null);
    return out as unknown as EmulatedUser;
  });
  const ids = new Set<string>();
  const devices = data.devices.map((device, index) => {
    const filled = fillDevice(device as Record<string, unknown>);
    if (ids.has(filled.id)) throw new Error(`scenario ${source} is invalid:\ndevices[${index}].id: duplicate id '${filled.id}'`);
    ids.add(filled.id);
    return filled;
  });
  const groupIds = new Set<string>();
  const groups = (data.groups ?? []).map((group, index) => {
    const key = group.id.toLowerCase();
    if (groupIds.has(key)) throw new Error(`scenario ${source} is invalid:\ngroups[${index}].id: duplicate id '${group.id}'`);
    groupIds.add(key);
    return { id: group.id, displayName: group.displayName, deviceIds: group.deviceIds.map((id) => id.toLowerCase()) };
  });
  return {
    devices,
    users,
    groups,
    detectedApps: (data.detectedApps ?? []).map((app) => ({
      id: app.id, displayName: app.displayName ?? null, version: app.version ?? null, sizeInByte: app.sizeInByte ?? 0,
      deviceCount: app.deviceCount ?? 0, publisher: app.publisher ?? null, platform: app.platform ?? 'unknown',
    })),
    autopilot: (data.autopilot ?? []).map((a) => ({
      id: a.id, groupTag: a.groupTag ?? null, purchaseOrderIdentifier: a.purchaseOrderIdentifier ?? null, serialNumber: a.serialNumber ?? null,
      productKey: a.productKey ?? null, manufacturer: a.manufacturer ?? null, model: a.model ?? null, enrollmentState: a.enrollmentState ?? 'unknown',
      lastContactedDateTime: a.lastContactedDateTime ?? '0001-01-01T00:00:00Z', addressableUserName: a.addressableUserName ?? null,
      userPrincipalName: a.userPrincipalName ?? null, resourceName: a.resourceName ?? null, skuNumber: a.skuNumber ?? null,
      systemFamily: a.systemFamily ?? null, azureActiveDirectoryDeviceId: a.azureActiveDirectoryDeviceId ?? null,
      managedDeviceId: a.managedDeviceId ?? null, displayName: a.displayName ?? null,
    })),
  };
}

export function loadScenarioFile(path: string): FleetData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`scenario ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`scenario ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseScenario(json, path);
}

/**
 * Re-reads the scenario when it changes. Watches the directory (editors replace files by rename, which
 * ends a file watch) and debounces bursts of events into one reload.
 */
export function watchScenario(path: string, handlers: { onReload: (data: FleetData) => void; onError: (error: Error) => void }, debounceMs = 100): () => void {
  let timer: NodeJS.Timeout | undefined;
  let lastText: string | undefined;
  try {
    lastText = readFileSync(path, 'utf8');
  } catch {
    lastText = undefined;
  }
  const watcher = watch(dirname(path), (_event, name) => {
    if (name !== null && name !== basename(path)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return;
      }
      if (text === lastText) return;
      lastText = text;
      try {
        handlers.onReload(loadScenarioFile(path));
      } catch (error) {
        handlers.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }, debounceMs);
  });
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    watcher.close();
  };
}
