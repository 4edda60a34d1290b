import { describe, expect, test } from 'vitest';
import type { LifecycleSettings } from './plan.js';
import type { ReconcileAsset } from './ports.js';
import { decideLifecycle } from './reconcile.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const settings = (patch: Partial<LifecycleSettings> = {}): LifecycleSettings => ({
  newStatus: 'in_store',
  deletedStatus: 'retired',
  recoveredStatus: 'in_store',
  inactiveAfterDays: null,
  inactiveStatus: 'inactive',
  retireSafetyPercent: 20,
  ...patch,
});
const asset = (i: number, patch: Partial<ReconcileAsset> = {}): ReconcileAsset => ({
  id: `a${i}`,
  intuneDeviceId: `d${i}`,
  statusKey: 'allocated',
  lastSeenInSourceAt: '2026-11-21T00:00:00Z',
  missingFromSourceSince: null,
  ...patch,
});
const fleet = (n: number): ReconcileAsset[] => Array.from({ length: n }, (_, i) => asset(i));
const seen = (ids: number[]): Set<string> => new Set(ids.map((i) => `d${i}`));

describe('decideLifecycle', () => {
  test('a device gone from Intune is marked missing and gets the deleted status', () => {
    const result = decideLifecycle({ assets: fleet(10), seenDeviceIds: seen([0, 1, 2, 3, 4, 5, 6, 7, 8]), settings: settings(), now: NOW });
    expect(result).toMatchObject({ retired: 1, refusal: null });
    expect(result.changes).toEqual([{ assetId: 'a9', missingFromSourceSince: NOW.toISOString(), statusKey: 'retired', reason: 'deleted_from_intune' }]);
  });

  test('with deletedStatus null (the default) the asset keeps its status but is still marked missing', () => {
    const result = decideLifecycle({ assets: fleet(10), seenDeviceIds: seen([0, 1, 2, 3, 4, 5, 6, 7, 8]), settings: settings({ deletedStatus: null }), now: NOW });
    expect(result.changes).toEqual([{ assetId: 'a9', missingFromSourceSince: NOW.toISOString(), reason: 'deleted_from_intune' }]);
  });

  test('more deletions than the retire-safety share: none is applied, and the report says why', () => {
    const result = decideLifecycle({ assets: fleet(10), seenDeviceIds: seen([0, 1, 2, 3, 4, 5, 6]), settings: settings(), now: NOW });
    expect(result.retired).toBe(0);
    expect(result.changes).toEqual([]);
    expect(result.refusal).toMatch(/3 of the connection's 10 assets .* 20% \(2\)/);
  });

  test('an empty answer from Graph never empties the register', () => {
    const result = decideLifecycle({ assets: fleet(1000), seenDeviceIds: new Set(), settings: settings(), now: NOW });
    expect(result.changes).toEqual([]);
    expect(result.refusal).not.toBeNull();
  });

  test('a device that came back is restored; one already missing is not retired twice', () => {
    const assets = [asset(0, { missingFromSourceSince: '2026-11-01T00:00:00Z', statusKey: 'retired' }), asset(1, { missingFromSourceSince: '2026-11-01T00:00:00Z' }), ...fleet(10).slice(2)];
    const result = decideLifecycle({ assets, seenDeviceIds: seen([0, 2, 3, 4, 5, 6, 7, 8, 9]), settings: settings(), now: NOW });
    expect(result).toMatchObject({ restored: 1, retired: 0 });
    expect(result.changes).toEqual([{ assetId: 'a0', missingFromSourceSince: null, statusKey: 'in_store', reason: 'recovered' }]);
  });

  test('inactive after N days of silence', () => {
    const assets = [asset(0, { lastSeenInSourceAt: '2026-11-10T00:00:00Z' }), asset(1), asset(2, { lastSeenInSourceAt: '2026-11-01T00:00:00Z', statusKey: 'inactive' })];
    const result = decideLifecycle({ assets, seenDeviceIds: seen([0, 1, 2]), settings: settings({ inactiveAfterDays: 2 }), now: NOW });
    expect(result.inactivated).toBe(1);
    expect(result.changes).toEqual([{ assetId: 'a0', statusKey: 'inactive', reason: 'inactive' }]);
  });
});
