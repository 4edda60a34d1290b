import type { GroupMember } from './fleet/fleet-store.js';
import type { GraphCall } from './graph-context.js';
import type { EmuResponse } from './http-types.js';
import type { IdPagerOptions } from './id-pager.js';
import { queryOption } from './graph-context.js';
import { badRequest, graphError } from './graph-errors.js';
import { pageById } from './id-pager.js';

/** Permissions that let an app read device objects; without one, device members come back with only `id`. */
export const DEVICE_OBJECTS_READ = ['Device.Read.All', 'Device.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

const DEVICE_PROPERTIES = ['id', 'deviceId', 'displayName', 'accountEnabled', 'operatingSystem', 'operatingSystemVersion', 'trustType'] as const;
type DeviceProperty = (typeof DEVICE_PROPERTIES)[number];
const CANONICAL = new Map<string, DeviceProperty>(DEVICE_PROPERTIES.map((name) => [name.toLowerCase(), name]));

function selectProperties(call: GraphCall): readonly DeviceProperty[] | EmuResponse {
  const raw = queryOption(call, '$select');
  if (raw === null || raw.trim() === '') return DEVICE_PROPERTIES;
  const names: DeviceProperty[] = [];
  for (const part of raw.split(',')) {
    const canonical = CANONICAL.get(part.trim().toLowerCase());
    if (canonical === undefined) {
      return badRequest(`Could not find a property named '${part.trim()}' on type 'microsoft.graph.device'.`, call.request.headers['client-request-id']);
    }
    names.push(canonical);
  }
  return names.includes('id') ? names : ['id', ...names];
}

function deviceObject(call: GraphCall, member: GroupMember, names: readonly DeviceProperty[], isReadable: boolean): Record<string, unknown> {
  const device = isReadable ? call.ctx.store.byAzureAdDeviceId(member.deviceId) : undefined;
  const values: Record<DeviceProperty, unknown> = {
    id: member.id,
    deviceId: member.deviceId,
    displayName: device?.deviceName ?? null,
    accountEnabled: true,
    operatingSystem: device?.operatingSystem ?? null,
    operatingSystemVersion: device?.osVersion ?? null,
    trustType: device === undefined ? null : device.joinType === 'hybridAzureADJoined' ? 'ServerAd' : 'AzureAd',
  };
  const out: Record<string, unknown> = { '@odata.type': '#microsoft.graph.device' };
  // Graph's "limited information" for member types the app may not read: the type and id, every other property null.
  for (const name of names) out[name] = name === 'id' || isReadable ? values[name] : null;
  return out;
}

export function groupMembersPagerOptions(names: readonly DeviceProperty[], call: GraphCall): IdPagerOptions<GroupMember> {
  const isReadable = (call.roles ?? []).some((role) => DEVICE_OBJECTS_READ.includes(role));
  return {
    resourcePath: `groups/${encodeURIComponent(call.segments[1] ?? '')}/transitiveMembers/microsoft.graph.device`,
    contextFragment: 'devices',
    defaultTop: 100,
    maxTop: 999,
    tokenPrefix: 'RFNwdAIAAQAAAB:dev:',
    // Directory pages are 1..999; a bigger $top is an error, as on /users (NOTES §3.1).
    rejectTop: (raw) =>
      /^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 999
        ? undefined
        : badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`, call.request.headers['client-request-id']),
    project: (member) => deviceObject(call, member, names, isReadable),
  };
}

/** `GET /{version}/groups/{id}/transitiveMembers/microsoft.graph.device`: the group's device members (the emulator has no nested groups). */
export function listGroupDevices(call: GraphCall, groupId: string): EmuResponse {
  const group = call.ctx.store.group(groupId);
  if (group === undefined) {
    return graphError(404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`, {
      clientRequestId: call.request.headers['client-request-id'],
    });
  }
  const names = selectProperties(call);
  if (!Array.isArray(names)) return names as EmuResponse;
  return pageById(call, call.ctx.store.groupMembers(group), groupMembersPagerOptions(names, call));
}
