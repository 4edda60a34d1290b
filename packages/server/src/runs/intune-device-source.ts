import type { GraphConnection } from '../graph/index.js';
import type { DeviceSource } from '../sync/ports.js';

/** The directory fields owner matching and employee creation read (SPEC §4.4). */
export const DIRECTORY_FIELDS = ['id', 'userPrincipalName', 'mail', 'givenName', 'surname', 'employeeId', 'onPremisesSamAccountName', 'officeLocation', 'department'];

/** The sync's DeviceSource port over one connection's Graph client. */
export function intuneDeviceSource(graph: GraphConnection, version: 'v1.0' | 'beta'): DeviceSource {
  return {
    devices: ({ select, signal }) => graph.client.managedDevices({ select, version, signal }),
    async enrich(ids, { select, signal }) {
      const results = await graph.client.getManagedDevices(ids, { select: ['id', ...select], version, signal });
      return results;
    },
    users: ({ signal }) => graph.client.users({ select: DIRECTORY_FIELDS, signal }),
    usersByKey: (keys, { signal }) => graph.client.usersByKey(keys, { select: DIRECTORY_FIELDS, signal }),
    async groupMembers(groupIds, { signal }) {
      const members = new Set<string>();
      // One group after another: a group filter lists a handful, and a failure then names the first bad one.
      for (const groupId of groupIds) for (const id of await graph.client.groupDeviceIds(groupId, { signal })) members.add(id);
      return members;
    },
    requestCount: () => graph.http.stats.requests,
  };
}
