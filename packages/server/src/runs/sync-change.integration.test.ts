import { afterEach, describe, expect, test } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';
import { DIALECTS, useTestStore } from '../store/testing/open-test-store.js';
import { laptops } from './testing/scenario.js';
import { connectionDocument, countsAddUp, registerOf, startScenarioTenant, syncHarness, writeMarks } from './testing/sync-harness.js';

// Change detection (SPEC §4, §9): an unchanged tenant costs zero register writes; changed devices are updated
// with audit rows tagged with the run and per-field provenance.
describe.each(DIALECTS)('sync change detection on %s', (dialect) => {
  const store = useTestStore(dialect, 'sync change');
  const closers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c.close()));
  });

  test('a generated fleet synced twice: the second run finds every device unchanged and writes no register row', async () => {
    const emulator: RunningEmulator = await startEmulator({ devices: 400, seed: 11, log: () => undefined });
    closers.push(emulator);
    const h = syncHarness(store());
    await h.add(connectionDocument(emulator, 'Generated'));
    const first = await h.run('Generated');
    expect(first.status).not.toBe('failed');
    expect(first.counts.fetched).toBe(400);
    expect(first.counts.created).toBeGreaterThan(200);
    expect(countsAddUp(first)).toBe(true);
    const before = await writeMarks(store());
    const second = await h.run('Generated');
    expect(second.counts).toEqual({
      ...first.counts,
      created: 0,
      updated: 0,
      unchanged: first.counts.synced,
      allocated: 0,
      usersCreated: 0,
    });
    expect(await writeMarks(store())).toEqual(before);
  });

  test('fleet.modify(n) → exactly n updated, each audit row carries the run id, provenance answers per field', async () => {
    const tenant = await startScenarioTenant({ devices: laptops(1, 30) });
    closers.push(tenant);
    const h = syncHarness(store());
    const summary = await h.add(connectionDocument(tenant.emulator, 'Modified'));
    const first = await h.run('Modified');
    expect(first.counts).toMatchObject({ fetched: 30, created: 30 });
    const modified = tenant.emulator.fleet.modify(4);
    const before = await writeMarks(store());
    const report = await h.run('Modified');
    expect(report).toMatchObject({ status: 'succeeded', counts: { fetched: 30, updated: 4, unchanged: 26, created: 0 } });
    const after = await writeMarks(store());
    expect(after['fixed_assets']?.rows).toBe(before['fixed_assets']?.rows);
    expect(after['audit_log']?.rows).toBe((before['audit_log']?.rows ?? 0) + 4);

    const register = await registerOf(store(), 'Modified');
    const modifiedIds = new Set(modified.map((d) => d.id));
    expect(register.filter((a) => a.osVersion === '10.0.26100.2033').map((a) => a.intuneDeviceId).sort()).toEqual([...modifiedIds].sort());
    const audit = await store().db.selectFrom('audit_log').select(['entity_id', 'field', 'old_value', 'new_value', 'actor_type', 'actor_id']).where('run_id', '=', report.runId).execute();
    expect(audit).toHaveLength(4);
    for (const row of audit) {
      expect(row).toMatchObject({ field: 'osVersion', old_value: JSON.stringify('10.0.22631.3447'), new_value: JSON.stringify('10.0.26100.2033') });
    }
    const asset = await store().db.selectFrom('fixed_assets').select('id').where('intune_device_id', '=', modified[0]?.id ?? '').executeTakeFirstOrThrow();
    const provenance = await store().repos.audit.listProvenance(asset.id);
    const byField = Object.fromEntries(provenance.map((p) => [p.field, p]));
    expect(byField['osVersion']).toMatchObject({ source: `intune:${summary.id}`, runId: report.runId });
    expect(byField['model']).toMatchObject({ source: `intune:${summary.id}`, runId: first.runId });
    expect(byField['lastSeenInSourceAt']).toBeUndefined();
  });
});
