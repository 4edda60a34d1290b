import type { ManagedDevice } from '../../domain/managed-device.js';
import type { FleetData } from './generate-fleet.js';
import type { EmulatedGroup } from './groups.js';
import type { EmulatedUser } from './users.js';
import { buildDevice } from './build-device.js';
import { entraObjectIdFor } from './groups.js';
import { autopilotIdentityFor } from './autopilot.js';
import { GARBAGE_SERIALS } from './catalogue.js';
import { isoSeconds } from './identifiers.js';
import { Prng } from './prng.js';

export interface ReenrolOptions {
  /** Keep the old record next to the new one (a duplicate serial), as Intune does until cleanup runs. */
  readonly keepOld?: boolean;
}

/** One device member of a group: its Entra object id and the registration id Intune calls azureADDeviceId. */
export interface GroupMember {
  readonly id: string;
  readonly deviceId: string;
}

function compareKeys(aName: string, aId: string, bName: string, bId: string): number {
  if (aName !== bName) return aName < bName ? -1 : 1;
  if (aId !== bId) return aId < bId ? -1 : 1;
  return 0;
}

/** The tenant's current data plus the indexes the routes need; fleet changes go through here. */
export class FleetStore {
  private data: FleetData;
  private sorted: ManagedDevice[] | undefined;
  private byId: Map<string, ManagedDevice> | undefined;
  private byAzureAdId: Map<string, ManagedDevice> | undefined;
  private readonly byIdLists = new Map<keyof FleetData, readonly { id: string }[]>();
  private osCountCache: Map<string, number> | undefined;
  private readonly groupMemberCache = new Map<string, readonly GroupMember[]>();
  private userKeys: Map<string, EmulatedUser> | undefined;
  private userMails: Map<string, EmulatedUser[]> | undefined;
  private readonly prng: Prng;

  constructor(data: FleetData, seed: number) {
    this.data = data;
    // A separate stream so fleet changes are reproducible without disturbing generation.
    this.prng = new Prng(seed ^ 0x5eed5eed);
  }

  replace(data: FleetData): void {
    this.data = data;
    this.invalidate();
  }

  get snapshot(): Readonly<FleetData> {
    return this.data;
  }

  size(): number {
    return this.data.devices.length;
  }

  devices(): readonly ManagedDevice[] {
    return this.data.devices;
  }

  get(id: string): ManagedDevice | undefined {
    this.byId ??= new Map(this.data.devices.map((device) => [device.id.toLowerCase(), device]));
    return this.byId.get(id.toLowerCase());
  }

  /** The managed device registered as this Entra device (its azureADDeviceId), if any. */
  byAzureAdDeviceId(azureAdDeviceId: string): ManagedDevice | undefined {
    this.byAzureAdId ??= new Map(this.data.devices.map((device) => [(device.azureADDeviceId ?? '').toLowerCase(), device]));
    return this.byAzureAdId.get(azureAdDeviceId.toLowerCase());
  }

  /** Devices in keyset order: (deviceName, id), the order Graph's `LastDeviceName/LastDeviceId` token implies. */
  sortedDevices(): readonly ManagedDevice[] {
    this.sorted ??= [...this.data.devices].sort((a, b) => compareKeys(a.deviceName ?? '', a.id, b.deviceName ?? '', b.id));
    return this.sorted;
  }

  /** Index of the first device strictly after the given keyset position. */
  indexAfter(lastName: string, lastId: string): number {
    const sorted = this.sortedDevices();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const device = sorted[mid];
      if (device !== undefined && compareKeys(device.deviceName ?? '', device.id, lastName, lastId) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** users, detectedApps or autopilot sorted by id (their keyset order). */
  sortedById<K extends 'users' | 'detectedApps' | 'autopilot'>(kind: K): readonly FleetData[K][number][] {
    let sorted = this.byIdLists.get(kind);
    if (sorted === undefined) {
      sorted = [...this.data[kind]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.byIdLists.set(kind, sorted);
    }
    return sorted as readonly FleetData[K][number][];
  }

  /** The user `GET /users/{id | userPrincipalName}` names (case-insensitive): a sync may look up hundreds one by one. */
  user(key: string): EmulatedUser | undefined {
    if (this.userKeys === undefined) {
      this.userKeys = new Map();
      for (const user of this.data.users) {
        this.userKeys.set(user.id.toLowerCase(), user);
        this.userKeys.set(user.userPrincipalName.toLowerCase(), user);
      }
    }
    return this.userKeys.get(key.toLowerCase());
  }

  /** Users whose mail is this address (case-insensitive), in id order. */
  usersByMail(mail: string): readonly EmulatedUser[] {
    if (this.userMails === undefined) {
      this.userMails = new Map();
      for (const user of this.sortedById('users')) {
        if (user.mail === null) continue;
        const key = user.mail.toLowerCase();
        const list = this.userMails.get(key);
        if (list === undefined) this.userMails.set(key, [user]);
        else list.push(user);
      }
    }
    return this.userMails.get(mail.toLowerCase()) ?? [];
  }

  group(id: string): EmulatedGroup | undefined {
    const lower = id.toLowerCase();
    return this.data.groups.find((g) => g.id.toLowerCase() === lower);
  }

  /** A group's device members as Entra device objects, in keyset order (by object id), each once. */
  groupMembers(group: EmulatedGroup): readonly GroupMember[] {
    let members = this.groupMemberCache.get(group.id);
    if (members === undefined) {
      const byObjectId = new Map<string, GroupMember>();
      for (const deviceId of group.deviceIds) {
        const id = entraObjectIdFor(deviceId);
        byObjectId.set(id, { id, deviceId: deviceId.toLowerCase() });
      }
      members = [...byObjectId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.groupMemberCache.set(group.id, members);
    }
    return members;
  }

  /** Number of devices per operatingSystem value. */
  osCounts(): ReadonlyMap<string, number> {
    if (this.osCountCache === undefined) {
      this.osCountCache = new Map();
      for (const device of this.data.devices) {
        const os = device.operatingSystem ?? '';
        this.osCountCache.set(os, (this.osCountCache.get(os) ?? 0) + 1);
      }
    }
    return this.osCountCache;
  }

  add(n: number): ManagedDevice[] {
    const ctx = { prng: this.prng, nowMs: Date.now(), users: this.data.users };
    const added: ManagedDevice[] = [];
    for (let i = 0; i < n; i += 1) {
      const device = { ...buildDevice(ctx), lastSyncDateTime: isoSeconds(Date.now()) };
      added.push(device);
      if (device.autopilotEnrolled === true) this.data.autopilot.push(autopilotIdentityFor(this.prng, device));
    }
    this.data.devices.push(...added);
    this.invalidate();
    return added;
  }

  /** Newer lastSyncDateTime plus a few fields that change between check-ins. */
  modify(n: number): ManagedDevice[] {
    const nowIso = isoSeconds(Date.now());
    const changed: ManagedDevice[] = [];
    for (const index of this.pickIndexes(n, () => true)) {
      const old = this.data.devices[index];
      if (old === undefined) continue;
      const total = old.totalStorageSpaceInBytes ?? 0;
      const updated: ManagedDevice = {
        ...old,
        lastSyncDateTime: nowIso,
        freeStorageSpaceInBytes: Math.round(total * (0.1 + this.prng.next() * 0.75) / 4096) * 4096,
        complianceState: this.prng.chance(0.8) ? 'compliant' : 'noncompliant',
        osVersion: old.operatingSystem === 'Windows' ? '10.0.26100.2033' : old.osVersion ?? null,
      };
      this.data.devices[index] = updated;
      changed.push(updated);
    }
    this.invalidate();
    return changed;
  }

  remove(n: number): string[] {
    const doomed = new Set(this.pickIndexes(n, () => true));
    const ids: string[] = [];
    this.data.devices = this.data.devices.filter((device, index) => {
      if (!doomed.has(index)) return true;
      ids.push(device.id);
      return false;
    });
    this.invalidate();
    return ids;
  }

  /** Same serial, new id and Entra device, fresh enrolment and sync dates. */
  reenrol(n: number, options: ReenrolOptions = {}): ManagedDevice[] {
    const nowMs = Date.now();
    const indexes = this.pickIndexes(n, (device) => !GARBAGE_SERIALS.includes(device.serialNumber ?? ''));
    const created: ManagedDevice[] = [];
    for (const index of indexes) {
      const old = this.data.devices[index];
      if (old === undefined) continue;
      const azureAdDeviceId = this.prng.uuid();
      created.push({
        ...old,
        id: this.prng.uuid(),
        azureADDeviceId: azureAdDeviceId,
        azureActiveDirectoryDeviceId: azureAdDeviceId,
        enrolledDateTime: isoSeconds(nowMs - 3_600_000),
        lastSyncDateTime: isoSeconds(nowMs),
      });
    }
    if (options.keepOld !== true) {
      const drop = new Set(indexes);
      this.data.devices = this.data.devices.filter((_, index) => !drop.has(index));
    }
    this.data.devices.push(...created);
    this.invalidate();
    return created;
  }

  private pickIndexes(n: number, eligible: (device: ManagedDevice) => boolean): number[] {
    if (!Number.isInteger(n) || n < 0) throw new Error(`fleet change count must be a non-negative integer, got ${String(n)}`);
    const pool: number[] = [];
    this.data.devices.forEach((device, index) => {
      if (eligible(device)) pool.push(index);
    });
    const take = Math.min(n, pool.length);
    for (let i = 0; i < take; i += 1) {
      const j = i + Math.floor(this.prng.next() * (pool.length - i));
      const a = pool[i];
      const b = pool[j];
      if (a === undefined || b === undefined) continue;
      pool[i] = b;
      pool[j] = a;
    }
    return pool.slice(0, take);
  }

  private invalidate(): void {
    this.sorted = undefined;
    this.byId = undefined;
    this.byAzureAdId = undefined;
    this.byIdLists.clear();
    this.osCountCache = undefined;
    this.groupMemberCache.clear();
    this.userKeys = undefined;
    this.userMails = undefined;
  }
}
