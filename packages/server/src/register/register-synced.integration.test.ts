import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetListQuery } from '@intune-assets/contracts';
import { ConnectionService } from '../connections/connection-service.js';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';
import { createLogger } from '../logging/logger.js';
import { SyncService } from '../runs/sync-service.js';
import { connectionDocument } from '../runs/testing/sync-harness.js';
import { SecretBox } from '../security/secret-box.js';
import { useTestStore } from '../store/testing/open-test-store.js';
import { RegisterQueries } from './register-queries.js';

// The register's read side over a register a real sync wrote (emulated tenant), not a seeded one: provenance names
// the connection and run, and bypass codes sealed by the sync open with the reveal's context.
describe('RegisterQueries over a synced register', () => {
  const store = useTestStore('sqlite', 'register synced');
  const secretBox = new SecretBox(randomBytes(32));
  let emulator: RunningEmulator;
  let queries: RegisterQueries;
  let runId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ devices: 150, seed: 5, log: () => undefined });
    const connections = new ConnectionService({ store: store(), secretBox });
    const sync = new SyncService({ store: store(), connections, secretBox, logger: createLogger({ level: 'silent' }), instance: 'production' });
    await connections.add(connectionDocument(emulator, 'Synced', { mapping: { fields: { activationLockBypassCode: { expression: 'ActivationLockBypassCode' } } } }));
    const report = await sync.run('Synced');
    expect(report.status).toBe('succeeded');
    runId = report.runId;
    queries = new RegisterQueries({ store: store(), secretBox });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('attributes synced fields to the connection and its run', async () => {
    const facets = await queries.facets();
    const connection = facets.connections.find((c) => c.name === 'Synced');
    const page = await queries.listAssets(AssetListQuery.parse({ connection: connection?.id ?? '', source: 'intune' }));
    expect(page.total).toBeGreaterThan(50);
    const detail = await queries.getAsset(page.items[0]?.id ?? '');
    expect(detail.fields.find((f) => f.field === 'serialNumber')?.provenance).toMatchObject({ kind: 'intune', connection: { name: 'Synced' }, runId });
    expect(detail.asset.connection?.name).toBe('Synced');
  });

  it('reveals a bypass code the sync sealed', async () => {
    const locked = await store().db.selectFrom('fixed_assets').select('id').where('activation_lock_bypass_code_encrypted', 'is not', null).executeTakeFirst();
    expect(locked).toBeDefined();
    expect((await queries.getAsset(locked?.id ?? '')).hasBypassCode).toBe(true);
    expect(await queries.revealBypassCode(locked?.id ?? '', { accountId: 'admin' })).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  });
});
