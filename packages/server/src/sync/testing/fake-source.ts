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
  requests = 0;
  enrichedIds: string[] = [];

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
    yield this.usersList;
  }

  requestCount(): number {
    return this.requests;
  }
}
