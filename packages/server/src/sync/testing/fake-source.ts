import type { GraphUser } from '../../domain/graph-user.js';
import type { ManagedDevice } from '../../domain/managed-device.js';
import type { DeviceSource } from '../ports.js';

// why: the pipeline's unit tests need a tenant they can shape device by device (and break mid-listing)
// without HTTPS; the real DeviceSource over the emulated tenant is covered by the integration tests.
export class FakeDeviceSource implements DeviceSource {
  devicesList: ManagedDevice[];
  usersList: GraphUser[];
  /** GET-only values served by enrich(), by device id. */
  getOnly = new Map<string, Partial<ManagedDevice>>();
  pageSize = 3;
  /** Throw after this many pages (a listing that breaks halfway). */
  failAfterPages: number | null = null;
  /** Entra groups by id: their members' azureADDeviceIds (any case). An id not listed is an unknown group. */
  groups = new Map<string, readonly string[]>();
  /** Group ids asked for, in order (membership must be read once per run, before the devices). */
  groupReads: string[] = [];
  requests = 0;
  enrichedIds: string[] = [];
  /** Full directory listings served, and the keys asked for one by one (in order), for the owner-loading tests. */
  directoryReads = 0;
  userLookups: string[] = [];
  /** Make the next directory listing or key lookup fail (as Graph answering 503 to the end). */
  failUsers = false;

  constructor(devices: ManagedDevice[], users: GraphUser[] = []) {
    this.devicesList = devices;
    this.usersList = users;
  }

  async *devices(): AsyncIterable<readonly ManagedDevice[]> {
    for (let i = 0, page = 0; i < this.devicesList.length; i += this.pageSize, page += 1) {
      if (this.failAfterPages !== null && page >= this.failAfterPages) throw new Error('Graph kept answering 503 Service Unavailable');
      this.requests += 1;
      yield this.devicesList.slice(i, i + this.pageSize);
    }
  }

  async enrich(ids: readonly string[]): Promise<ReadonlyMap<string, ManagedDevice | Error>> {
    this.requests += Math.ceil(ids.length / 20);
    this.enrichedIds.push(...ids);
    const out = new Map<string, ManagedDevice | Error>();
    for (const id of ids) {
      const extra = this.getOnly.get(id);
      out.set(id, extra === undefined ? new Error('404 Not Found') : { id, ...extra });
    }
    return out;
  }

  async *users(): AsyncIterable<readonly GraphUser[]> {
    this.requests += 1;
    this.directoryReads += 1;
    if (this.failUsers) throw new Error('Graph request failed after 5 attempts: 503 ServiceUnavailable: /users');
    yield this.usersList;
  }

  async usersByKey(keys: readonly string[]): Promise<ReadonlyMap<string, GraphUser | null>> {
    this.requests += Math.ceil(keys.length / 20);
    const lowered = keys.map((k) => k.trim().toLowerCase());
    this.userLookups.push(...lowered);
    if (this.failUsers) throw new Error('Graph request failed after 5 attempts: 503 ServiceUnavailable: Entra user could not be looked up');
    const out = new Map<string, GraphUser | null>();
    for (const key of lowered) {
      const user = this.usersList.find((u) => [u.id, u.userPrincipalName, u.mail].some((v) => v?.toLowerCase() === key));
      out.set(key, user ?? null);
    }
    return out;
  }

  async groupMembers(groupIds: readonly string[]): Promise<ReadonlySet<string>> {
    const members = new Set<string>();
    for (const id of groupIds) {
      this.groupReads.push(id);
      this.requests += 1;
      const ids = this.groups.get(id);
      if (ids === undefined) throw new Error(`Graph request failed: 404 Request_ResourceNotFound: Entra group ${id} does not exist`);
      for (const deviceId of ids) members.add(deviceId.toLowerCase());
    }
    return members;
  }

  requestCount(): number {
    return this.requests;
  }
}
