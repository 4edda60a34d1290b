import { describe, expect, test } from 'vitest';
import { ASSET_DEFAULTS } from '../domain/asset.js';
import type { Asset } from '../domain/asset.js';
import { patchForUpdate } from './asset-diff.js';
import type { DesiredAsset, DiffContext } from './asset-diff.js';
import { testPlan } from './testing/test-plan.js';

const existing: Asset = {
  ...ASSET_DEFAULTS,
  id: 'asset-1',
  departmentId: 'dept',
  assetTag: 'A-0001',
  categoryId: 'cat-laptop',
  intuneDeviceId: 'dev-1',
  sourceConnectionId: 'conn',
  categoryValues: { RAM: 16, Owner: 'Finance', Colour: null },
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

const desired: DesiredAsset = {
  deviceId: 'dev-1',
  mapped: { fields: {}, categoryValues: { RAM: 32, Owner: 'IT', Colour: 'Silver' } },
  categoryId: 'cat-laptop',
  inStoreSubStatusId: null,
  conditionId: null,
  place: null,
  floorId: null,
  allocateToUserId: null,
  isOwnerUnmatched: false,
  allocatedSubStatusId: null,
  contentHash: 'h2',
};

// why: identity functions stand in for the secret box; no mapping here carries a bypass code.
const ctx = (owners: Record<string, 'intune' | 'register'>): DiffContext => ({
  plan: testPlan({ categorySourceOfTruth: owners }),
  nowIso: '2024-06-01T00:00:00.000Z',
  seal: (s) => s,
  open: (s) => s,
});

describe('category field values and their source of truth', () => {
  test('intune-owned category values follow Intune', () => {
    const { changes } = patchForUpdate(existing, desired, ctx({ RAM: 'intune', Owner: 'intune', Colour: 'intune' }));
    expect(changes).toContainEqual({ field: 'categoryValues', old: existing.categoryValues, new: { RAM: 32, Owner: 'IT', Colour: 'Silver' } });
  });

  test('a register-owned category value with a value is kept; an empty one is filled', () => {
    const { changes } = patchForUpdate(existing, desired, ctx({ RAM: 'intune', Owner: 'register', Colour: 'register' }));
    expect(changes).toContainEqual({ field: 'categoryValues', old: existing.categoryValues, new: { RAM: 32, Owner: 'Finance', Colour: 'Silver' } });
  });

  test('nothing to change when only register-owned values differ', () => {
    const { changes } = patchForUpdate(existing, { ...desired, mapped: { fields: {}, categoryValues: { Owner: 'IT' } } }, ctx({ Owner: 'register' }));
    expect(changes.filter((c) => c.field === 'categoryValues')).toEqual([]);
  });
});
