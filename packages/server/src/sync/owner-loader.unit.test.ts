import { describe, expect, test } from 'vitest';
import type { GraphUser } from '../domain/graph-user.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import { OwnerLoader } from './owner-loader.js';
import type { OwnerLoaderLimits } from './owner-loader.js';
import { OwnerDirectory, ownerOf } from './owners.js';
import type { AllocationSettings } from './plan.js';
import { StageTimer } from './stage-timer.js';
import { FakeDeviceSource } from './testing/fake-source.js';
import { laptop, testPlan } from './testing/test-plan.js';

function user(n: number, patch: Partial<GraphUser> = {}): GraphUser {
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, userPrincipalName: `user${n}@contoso.com`, mail: `user${n}@contoso.com`, givenName: `U${n}`, surname: 'Doe', ...patch };
}

const DIRECTORY: GraphUser[] = [
  ...Array.from({ length: 60 }, (_, i) => user(i + 1)),
  // UPN on the initial domain: the mail is what emailAddress carries.
  user(100, { userPrincipalName: 'grace@contoso.onmicrosoft.com', mail: 'Grace.Hopper@contoso.com' }),
  user(101, { mail: null }),
];

function owned(owner: string, field: AllocationSettings['ownerField'] = 'userPrincipalName'): ManagedDevice {
  return laptop({ [field]: owner });
}

function setup(options: { limits?: Partial<OwnerLoaderLimits>; ownerField?: AllocationSettings['ownerField'] } = {}) {
  const source = new FakeDeviceSource([], DIRECTORY);
  const directory = new OwnerDirectory();
  const waits: string[] = [];
  const loader = new OwnerLoader({
    source,
    directory,
    ownerField: options.ownerField ?? 'userPrincipalName',
    signal: new AbortController().signal,
    timer: new StageTimer(),
    onWait: (stage) => waits.push(stage),
    limits: { firstLookupMax: 5, runLookupMax: 12, ...options.limits },
  });
  return { source, directory, loader, waits };
}

describe('OwnerLoader', () => {
  test('a page with a few owners asks for exactly those, once each, and remembers who does not exist', async () => {
    const { source, directory, loader } = setup();
    await loader.ensure([owned('USER1@contoso.com'), owned('user2@contoso.com'), owned('user1@contoso.com'), owned('nobody@contoso.com'), laptop({ userPrincipalName: '' })]);
    expect(source.userLookups.sort()).toEqual(['nobody@contoso.com', 'user1@contoso.com', 'user2@contoso.com']);
    expect(source.directoryReads).toBe(0);
    expect(directory.find('User1@Contoso.com')?.id).toBe(user(1).id);
    expect(directory.find('nobody@contoso.com')).toBeUndefined();
    await loader.ensure([owned('user1@contoso.com'), owned('nobody@contoso.com')]);
    expect(source.userLookups).toHaveLength(3);
    expect(loader.mode).toBe('on_demand');
    expect(loader.lookups).toBe(3);
  });

  test('a user found by one key answers for its others (mail, id) without another lookup', async () => {
    const { source, directory, loader } = setup({ ownerField: 'emailAddress' });
    await loader.ensure([owned('grace.hopper@contoso.com', 'emailAddress')]);
    await loader.ensure([owned('Grace.Hopper@contoso.com', 'emailAddress')]);
    expect(source.userLookups).toEqual(['grace.hopper@contoso.com']);
    expect(directory.find('grace@contoso.onmicrosoft.com')?.id).toBe(user(100).id);
    expect(directory.find(user(100).id.toUpperCase())?.mail).toBe('Grace.Hopper@contoso.com');
  });

  test('a first page needing more owners than firstLookupMax reads the whole directory, once, and never looks up', async () => {
    const { source, loader } = setup();
    const page = Array.from({ length: 6 }, (_, i) => owned(`user${i + 1}@contoso.com`));
    await loader.ensure(page);
    await loader.ensure([owned('user40@contoso.com'), owned('nobody@contoso.com')]);
    expect(source.directoryReads).toBe(1);
    expect(source.userLookups).toEqual([]);
    expect(loader.mode).toBe('full');
  });

  test('lookups switch to one directory read when the run would pass runLookupMax distinct owners', async () => {
    const { source, loader } = setup();
    for (const from of [1, 6, 11]) await loader.ensure(Array.from({ length: 5 }, (_, i) => owned(`user${from + i}@contoso.com`)));
    expect(source.userLookups).toHaveLength(10);
    expect(source.directoryReads).toBe(1);
    await loader.ensure([owned('user59@contoso.com')]);
    expect(source.userLookups).toHaveLength(10);
    expect(source.directoryReads).toBe(1);
  });

  test('without devices it reads the whole directory (the call as it was before owners were loaded per page)', async () => {
    const { source, directory, loader, waits } = setup();
    await loader.ensure();
    await loader.ensure();
    expect(source.directoryReads).toBe(1);
    expect(directory.find('user60@contoso.com')).toBeDefined();
    expect(waits).toEqual(['users', 'fetch']);
  });

  test('a page whose owners are all known neither asks Graph nor reports waiting', async () => {
    const { source, loader, waits } = setup();
    await loader.ensure([owned('user1@contoso.com')]);
    await loader.ensure([owned('USER1@contoso.com'), laptop({ userPrincipalName: null })]);
    expect(source.requests).toBe(1);
    expect(waits).toEqual(['users', 'fetch']);
  });

  test('matching gives the same owners either way, for every owner field and user field', async () => {
    const devicesFor = (field: AllocationSettings['ownerField']): ManagedDevice[] =>
      [...DIRECTORY.slice(0, 4), user(100), user(101)].flatMap((u) => [owned((field === 'userId' ? u.id : field === 'emailAddress' ? u.mail : u.userPrincipalName) ?? 'x@y', field)]).concat(owned('ghost@contoso.com', field));
    for (const ownerField of ['userPrincipalName', 'emailAddress', 'userId'] as const) {
      for (const userField of ['email', 'upn', 'employeeId', 'samAccountName'] as const) {
        const settings: AllocationSettings = { ...testPlan().allocation, ownerField, userField };
        const devices = devicesFor(ownerField);
        const lazy = setup({ ownerField, limits: { firstLookupMax: 100, runLookupMax: 100 } });
        await lazy.loader.ensure(devices);
        const full = setup({ ownerField });
        await full.loader.ensure();
        expect(lazy.source.directoryReads).toBe(0);
        expect(devices.map((d) => ownerOf(d, settings, lazy.directory))).toEqual(devices.map((d) => ownerOf(d, settings, full.directory)));
      }
    }
  });

  test('a failed lookup rejects the page as a failed directory read does, and a later page fails too', async () => {
    const { source, loader } = setup();
    source.failUsers = true;
    await expect(loader.ensure([owned('user1@contoso.com')])).rejects.toThrow(/503/);
    await expect(loader.ensure()).rejects.toThrow(/503/);
  });

  test('an early directory read runs before any page asks, fails only when awaited, and close() stops it', async () => {
    const { source, loader, directory } = setup();
    source.failUsers = true;
    void loader.loadAll();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(loader.ensure([owned('user1@contoso.com')])).rejects.toThrow(/503/);
    expect(source.userLookups).toEqual([]);
    loader.close();
    expect(directory.size).toBe(0);
  });

  test('calls made together run one after another, so a page never reads another page half-loaded', async () => {
    const { source, directory, loader } = setup();
    const first = loader.ensure([owned('user1@contoso.com')]);
    const second = loader.ensure([owned('user1@contoso.com'), owned('user2@contoso.com')]);
    await Promise.all([first, second]);
    expect(source.userLookups).toEqual(['user1@contoso.com', 'user2@contoso.com']);
    expect(directory.find('user2@contoso.com')).toBeDefined();
  });
});
