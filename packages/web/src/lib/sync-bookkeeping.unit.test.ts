import { describe, expect, it } from 'vitest';
import { bookkeepingSourceOf } from './sync-bookkeeping.js';

const contoso = { id: 'c1', name: 'Contoso' };
const intuneAsset = { source: 'intune:c1', connection: contoso };
const lastSeen = { field: 'lastSeenInSourceAt', value: '2026-10-26T09:39:00Z', provenance: null };

describe('bookkeepingSourceOf', () => {
  it('names the connection and the run that last saw the device for "Last seen in Intune"', () => {
    const fields = [lastSeen, { field: 'lastSeenRunId', value: 'run-9', provenance: null }];
    expect(bookkeepingSourceOf(lastSeen, intuneAsset, fields)).toEqual({ connection: contoso, runId: 'run-9' });
  });

  it('names the connection alone when no run is recorded', () => {
    const fields = [lastSeen, { field: 'lastSeenRunId', value: null, provenance: null }];
    expect(bookkeepingSourceOf(lastSeen, intuneAsset, fields)).toEqual({ connection: contoso, runId: null });
  });

  it('says nothing for empty values, other fields, stored provenance or assets not from Intune', () => {
    expect(bookkeepingSourceOf({ ...lastSeen, value: null }, intuneAsset, [])).toBeNull();
    expect(bookkeepingSourceOf({ field: 'serialNumber', value: 'X1', provenance: null }, intuneAsset, [])).toBeNull();
    expect(bookkeepingSourceOf({ ...lastSeen, provenance: { kind: 'intune' } }, intuneAsset, [])).toBeNull();
    expect(bookkeepingSourceOf(lastSeen, { source: 'manual', connection: null }, [])).toBeNull();
  });
});
