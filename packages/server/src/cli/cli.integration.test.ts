import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';

const bin = fileURLToPath(new URL('../../bin/intune-assets.mjs', import.meta.url));

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function freshPostgresUrl(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  const name = `cli_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

describe.each(['sqlite', 'postgres'] as const)('the CLI on %s', (dialect) => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ devices: 120, seed: 3, log: () => undefined });
    dir = mkdtempSync(join(tmpdir(), 'ia-cli-'));
    env = { INTUNE_ASSETS_DATA_DIR: join(dir, 'data') };
    if (dialect === 'postgres') env['DATABASE_URL'] = await freshPostgresUrl();
  });
  afterAll(async () => {
    await emulator.close();
  });

  const writeJson = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };
  const emulatorLine = (): Record<string, string> => ({
    graphUrl: emulator.graphUrl,
    authorityUrl: emulator.authorityUrl,
    tenantId: emulator.tenantId,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    caCertFile: emulator.caCertFile,
  });

  test('connection add refuses a bad file naming each field, and stores nothing', async () => {
    const file = writeJson('bad.json', { ...emulatorLine(), name: 'Contoso', tenantId: 'not-a-guid', clientSecrett: 'typo' });
    const result = await runCli(['connection', 'add', '--file', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error \[input_invalid\]/);
    expect(result.stderr).toMatch(/- tenantId: tenantId must be a GUID/);
    expect(result.stderr).toMatch(/- clientSecrett: unknown key/);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const listed = await runCli(['connection', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  test('connection add names an unreadable or non-JSON file', async () => {
    const missing = await runCli(['connection', 'add', '--file', join(dir, 'nope.json')], env);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/file_unreadable.*nope\.json.*ENOENT/) });
    const path = join(dir, 'garbage.json');
    writeFileSync(path, '{ "name": ');
    const garbage = await runCli(['connection', 'add', '--file', path], env);
    expect(garbage).toMatchObject({ code: 1, stderr: expect.stringMatching(/garbage\.json is not valid JSON/) });
  });

  test("the emulator's line plus a name: add, list, test — and the secret is never printed", async () => {
    const file = writeJson('contoso.json', { name: 'Contoso', ...emulatorLine() });
    const added = await runCli(['connection', 'add', '--file', file], env);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/Added connection "Contoso"/) });
    const listed = await runCli(['connection', 'list', '--json'], env);
    const connections = JSON.parse(listed.stdout) as Array<{ name: string; hasClientSecret: boolean }>;
    expect(connections).toEqual([expect.objectContaining({ name: 'Contoso', hasClientSecret: true })]);
    const tested = await runCli(['connection', 'test', 'Contoso', '--json'], env);
    expect(tested.code).toBe(0);
    const report = JSON.parse(tested.stdout) as { ok: boolean; availableFields: { source: string; fields: unknown[] } };
    expect(report.ok).toBe(true);
    expect(report.availableFields.source).toBe('live');
    expect(report.availableFields.fields).toHaveLength(56);
    const human = await runCli(['connection', 'test', 'Contoso'], env);
    expect(human.stdout).toMatch(/Connection "Contoso": OK/);
    for (const output of [added, listed, tested, human]) {
      expect(output.stdout + output.stderr).not.toContain(emulator.clientSecret);
    }
  });

  test('a wrong secret reads as the AADSTS message, exit 1, no stack trace', async () => {
    const file = writeJson('wrong.json', { name: 'Wrong', ...emulatorLine(), clientSecret: 'not-the-secret' });
    await runCli(['connection', 'add', '--file', file], env);
    const result = await runCli(['connection', 'test', 'Wrong'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL\s+token\s+AADSTS7000215: Invalid client secret provided/);
    expect(result.stdout + result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

describe('intune-assets demo', () => {
  test('sets up the embedded register, the emulated tenant and a tested connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ia-demo-'));
    const env = { INTUNE_ASSETS_DATA_DIR: join(dir, 'data') };
    const first = await runCli(['demo', '--exit', '--devices', '300'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Emulated Intune tenant: 300 devices/);
    expect(first.stdout).toMatch(/Connection "Demo": OK/);
    // A second demo on the same data dir replaces the demo connection (new emulator, new credentials).
    const second = await runCli(['demo', '--exit', '--devices', '300'], env);
    expect(second.code).toBe(0);
    const listed = await runCli(['connection', 'list', '--json'], env);
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(1);
  });
});
