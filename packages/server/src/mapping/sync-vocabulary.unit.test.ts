import { ASSET_STATUSES, DEFAULT_DEVICE_TYPE_CATEGORIES, MAPPING_TARGETS, MATCH_FIELDS as DOCUMENT_MATCH_FIELDS, USER_MATCH_FIELDS as DOCUMENT_USER_FIELDS } from '@intune-assets/contracts';
import { describe, expect, test } from 'vitest';
import { ASSET_STATUS_KEYS } from '../domain/status.js';
import { USER_MATCH_FIELDS } from '../domain/user.js';
import { DEVICE_TYPES } from '../rules/device-type-rules.js';
import { MAPPED_FIELDS, MATCH_FIELDS } from '../sync/plan.js';
import { TARGET_KINDS } from './convert-value.js';

// The connection document (contracts, also used by the web UI) cannot import the server's domain lists, so it
// keeps its own copies; these must not drift apart.
describe('the document vocabulary matches the server', () => {
  test('mapping targets are the mapped fields of the plan, each with a storage kind', () => {
    expect([...MAPPING_TARGETS]).toEqual([...MAPPED_FIELDS]);
    expect(Object.keys(TARGET_KINDS).sort()).toEqual([...MAPPED_FIELDS].sort());
  });

  test('statuses, match fields and user fields', () => {
    expect([...ASSET_STATUSES]).toEqual([...ASSET_STATUS_KEYS]);
    expect([...DOCUMENT_MATCH_FIELDS]).toEqual([...MATCH_FIELDS]);
    expect([...DOCUMENT_USER_FIELDS]).toEqual([...USER_MATCH_FIELDS]);
  });

  test('every device type has a default category', () => {
    expect(Object.keys(DEFAULT_DEVICE_TYPE_CATEGORIES).sort()).toEqual([...DEVICE_TYPES].sort());
  });
});
