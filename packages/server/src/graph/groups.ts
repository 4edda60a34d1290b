import { GraphError, isRecord, restated } from './graph-error.js';
import { pages } from './paging.js';
import type { PageSource } from './paging.js';

/** Reading a group's members needs the first; reading the members' `deviceId` needs the second (see below). */
export const GROUP_PERMISSIONS = Object.freeze({ members: 'GroupMember.Read.All', devices: 'Device.Read.All' });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIRECTORY_MAX_TOP = 999;

/**
 * The azureADDeviceIds (lower-cased) of a group's device members, nested groups included (`transitiveMembers`
 * cast to `microsoft.graph.device`). Graph names an Entra device object by its own `id`; Intune's
 * `azureADDeviceId` is the object's `deviceId`, so that is what the set holds. Every failure names the group.
 */
export async function readGroupDeviceIds(input: {
  readonly http: PageSource;
  /** Graph root with version, e.g. https://graph.microsoft.com/v1.0. */
  readonly root: string;
  readonly groupId: string;
  readonly signal?: AbortSignal | undefined;
}): Promise<Set<string>> {
  const { groupId } = input;
  if (!GUID.test(groupId)) throw new Error(`Entra group id "${groupId}" is not a GUID`);
  const url = `${input.root}/groups/${groupId}/transitiveMembers/microsoft.graph.device?$select=id,deviceId&$top=${DIRECTORY_MAX_TOP}`;
  const ids = new Set<string>();
  try {
    for await (const page of pages<unknown>(input.http, url, input.signal, { permission: GROUP_PERMISSIONS.members })) {
      for (const member of page) {
        if (!isRecord(member)) continue;
        const deviceId = member['deviceId'];
        if (typeof deviceId === 'string' && deviceId !== '') {
          ids.add(deviceId.toLowerCase());
          continue;
        }
        // Graph answers 200 with `deviceId: null` when the app may list members but not read device objects
        // ("limited information returned for inaccessible member objects"); filtering on that would drop every device.
        throw new GraphError({
          type: 'auth',
          kind: 'config',
          reason: 'device_read_not_granted',
          permission: GROUP_PERMISSIONS.devices,
          message: `Entra group ${groupId} lists its devices without their deviceId: grant ${GROUP_PERMISSIONS.devices} (application) and admin consent so the group filter can match devices.`,
        });
      }
    }
  } catch (error) {
    throw namingGroup(error, groupId);
  }
  return ids;
}

function namingGroup(error: unknown, groupId: string): unknown {
  if (!(error instanceof GraphError) || error.reason === 'device_read_not_granted') return error;
  const message =
    error.status === 404
      ? `Entra group ${groupId} does not exist (deleted, or a wrong id in filters.groupIds)`
      : error.status === 403
        ? `the members of Entra group ${groupId} cannot be read`
        : `reading the members of Entra group ${groupId} failed`;
  return restated(error, message, error.permission ?? (error.status === 403 ? GROUP_PERMISSIONS.members : undefined));
}
