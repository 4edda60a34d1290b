import { executeBatch } from './batch.js';
import { GraphError, isRecord } from './graph-error.js';
import { GROUP_PERMISSIONS, readGroupDeviceIds } from './groups.js';
import { pages } from './paging.js';
import { probeConnection } from './probe.js';
import { readUsersByKey } from './users-by-key.js';
import type { AutopilotIdentity } from '../domain/autopilot-identity.js';
import type { DetectedApp } from '../domain/detected-app.js';
import type { GraphUser } from '../domain/graph-user.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { TokenProvider } from './auth.js';
import type { GraphHttp } from './http.js';
import type { ProbeOptions, ProbeResult } from './probe.js';

export const GRAPH_API_VERSIONS = ['v1.0', 'beta'] as const;
export type GraphApiVersion = (typeof GRAPH_API_VERSIONS)[number];

/** Least-privileged application permissions per capability (NOTES §6). */
export const PERMISSIONS = Object.freeze({
  devices: 'DeviceManagementManagedDevices.Read.All',
  users: 'User.Read.All',
  detectedApps: 'DeviceManagementManagedDevices.Read.All',
  autopilot: 'DeviceManagementServiceConfig.Read.All',
  groupMembers: GROUP_PERMISSIONS.members,
  groupDevices: GROUP_PERMISSIONS.devices,
});

export interface IntuneClientConfig {
  /** Graph root without version, e.g. https://graph.microsoft.com. */
  readonly graphUrl: string;
  /** managedDevices page size; Graph's default and usual maximum is 1000 (NOTES §2.2). */
  readonly pageSize?: number;
  readonly batchConcurrency?: number;
}

export interface IntuneClientDeps {
  readonly http: GraphHttp;
  readonly tokenProvider: TokenProvider;
}

/** Counters a caller may pass in to watch a listing; mutated as pages arrive. */
export interface ListStats {
  pages: number;
  items: number;
  duplicates: number;
  invalid: number;
}

export interface ListOptions {
  readonly select?: readonly string[] | undefined;
  readonly version?: GraphApiVersion | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly stats?: ListStats | undefined;
}

const USERS_MAX_TOP = 999;

/** Reads Intune and Entra through one connection's GraphHttp. No state but the config and the deps. */
export class IntuneClient {
  constructor(
    private readonly config: IntuneClientConfig,
    private readonly deps: IntuneClientDeps,
  ) {}

  /** Pages of devices, each id once per listing (keyset paging on deviceName can repeat a renamed device). */
  async *managedDevices(options: ListOptions = {}): AsyncGenerator<ManagedDevice[], void, undefined> {
    const query = [`$top=${this.config.pageSize ?? 1000}`, ...selectQuery(options.select)];
    const url = `${this.root(options.version)}/deviceManagement/managedDevices?${query.join('&')}`;
    const seen = new Set<string>();
    for await (const page of pages<unknown>(this.deps.http, url, options.signal, { permission: PERMISSIONS.devices })) {
      const devices: ManagedDevice[] = [];
      for (const item of page) {
        if (!hasStringId(item)) {
          if (options.stats) options.stats.invalid++;
          continue;
        }
        if (seen.has(item.id)) {
          if (options.stats) options.stats.duplicates++;
          continue;
        }
        seen.add(item.id);
        devices.push(item as ManagedDevice);
      }
      if (options.stats) {
        options.stats.pages++;
        options.stats.items += devices.length;
      }
      yield devices;
    }
  }

  /**
   * Single-device GETs with `$select` through `$batch` (20 per request): the only way to read GET-only
   * fields such as physicalMemoryInBytes (NOTES §1.5). Each id maps to its device or its error.
   */
  async getManagedDevices(ids: readonly string[], options: Omit<ListOptions, 'stats'> = {}): Promise<Map<string, ManagedDevice | GraphError>> {
    const unique = [...new Set(ids)];
    const query = selectQuery(options.select);
    const suffix = query.length === 0 ? '' : `?${query.join('&')}`;
    const results = await executeBatch(
      this.deps.http,
      unique.map((id) => ({ url: `/deviceManagement/managedDevices/${encodeURIComponent(id)}${suffix}` })),
      {
        batchUrl: `${this.root(options.version)}/$batch`,
        permission: PERMISSIONS.devices,
        signal: options.signal,
        ...(this.config.batchConcurrency === undefined ? {} : { concurrency: this.config.batchConcurrency }),
      },
    );
    const out = new Map<string, ManagedDevice | GraphError>();
    unique.forEach((id, index) => {
      const result = results[index];
      if (result === undefined) return;
      if (!result.ok) {
        out.set(id, result.error);
        return;
      }
      // The docs show GET bodies wrapped as { value: {...} }; real Graph returns the entity itself (NOTES §2.1).
      const entity = isRecord(result.body) && !('id' in result.body) && isRecord(result.body['value']) ? result.body['value'] : result.body;
      out.set(
        id,
        hasStringId(entity)
          ? (entity as ManagedDevice)
          : new GraphError({ type: 'malformed_response', kind: 'system', reason: 'malformed_response', message: `device ${id}: the response has no "id"` }),
      );
    });
    return out;
  }

  users(options: Omit<ListOptions, 'version'> = {}): AsyncGenerator<GraphUser[], void, undefined> {
    const query = [`$top=${USERS_MAX_TOP}`, ...selectQuery(options.select)];
    return this.list<GraphUser>(`${this.root('v1.0')}/users?${query.join('&')}`, PERMISSIONS.users, options);
  }

  /**
   * Entra users by owner value (object id, UPN or mail), through `$batch`, for a run that needs a few owners
   * rather than the whole directory. Keys come back lower-cased; null means no such user (see readUsersByKey).
   */
  usersByKey(keys: readonly string[], options: Omit<ListOptions, 'version' | 'stats'> = {}): Promise<Map<string, GraphUser | null>> {
    return readUsersByKey({
      http: this.deps.http,
      root: this.root('v1.0'),
      keys,
      selectQuery: selectQuery(options.select),
      permission: PERMISSIONS.users,
      signal: options.signal,
      concurrency: this.config.batchConcurrency,
    });
  }

  detectedApps(options: ListOptions = {}): AsyncGenerator<DetectedApp[], void, undefined> {
    const query = selectQuery(options.select);
    const url = `${this.root(options.version)}/deviceManagement/detectedApps${query.length === 0 ? '' : `?${query.join('&')}`}`;
    return this.list<DetectedApp>(url, PERMISSIONS.detectedApps, options);
  }

  autopilotIdentities(options: ListOptions = {}): AsyncGenerator<AutopilotIdentity[], void, undefined> {
    const query = selectQuery(options.select);
    const url = `${this.root(options.version)}/deviceManagement/windowsAutopilotDeviceIdentities${query.length === 0 ? '' : `?${query.join('&')}`}`;
    return this.list<AutopilotIdentity>(url, PERMISSIONS.autopilot, options);
  }

  /**
   * The lower-cased azureADDeviceIds of an Entra group's device members (nested groups included), for the group
   * filter. Needs GroupMember.Read.All and Device.Read.All; an unknown group is a GraphError naming it.
   */
  groupDeviceIds(groupId: string, options: { readonly signal?: AbortSignal | undefined } = {}): Promise<Set<string>> {
    return readGroupDeviceIds({ http: this.deps.http, root: this.root('v1.0'), groupId, signal: options.signal });
  }

  /** "Test connection / Invoke Intune API": token, one page of devices, and each other capability. */
  probe(options: ProbeOptions = {}): Promise<ProbeResult> {
    return probeConnection({ http: this.deps.http, tokenProvider: this.deps.tokenProvider, root: this.root(options.version) }, options);
  }

  private async *list<T extends { id: string }>(url: string, permission: string, options: ListOptions): AsyncGenerator<T[], void, undefined> {
    for await (const page of pages<unknown>(this.deps.http, url, options.signal, { permission })) {
      const items = page.filter(hasStringId) as unknown[] as T[];
      if (options.stats) {
        options.stats.pages++;
        options.stats.items += items.length;
        options.stats.invalid += page.length - items.length;
      }
      yield items;
    }
  }

  private root(version: GraphApiVersion | undefined): string {
    return `${this.config.graphUrl}/${version ?? 'v1.0'}`;
  }
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function selectQuery(select: readonly string[] | undefined): string[] {
  if (select === undefined || select.length === 0) return [];
  const bad = select.filter((f) => !FIELD_NAME.test(f));
  if (bad.length > 0) throw new Error(`invalid field name(s) in $select: ${bad.map((f) => JSON.stringify(f)).join(', ')}`);
  return [`$select=${[...new Set(['id', ...select])].join(',')}`];
}

function hasStringId(item: unknown): item is { id: string } {
  return isRecord(item) && typeof item['id'] === 'string' && item['id'] !== '';
}
