import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/intune-assets.mjs', import.meta.url));

function runCli(args: readonly string[], env: Record<string, string>, stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.each(['sqlite', 'postgres'] as const)('intune-assets account on %s', (dialect) => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { INTUNE_ASSETS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'ia-account-')), 'data') };
    if (dialect === 'postgres') {
      const admin = new pg.Client({ connectionString: inject('postgresUrl') });
      const name = `acct_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(inject('postgresUrl'));
      url.pathname = `/${name}`;
      env['DATABASE_URL'] = url.toString();
    }
  });

  it('creates an account with the password from standard input, never from the command line', async () => {
    const created = await runCli(['account', 'create', '--email', 'it@example.com', '--role', 'admin'], env, 'a long enough password\n');
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('Created admin account it@example.com.\n');
    const listed = await runCli(['account', 'list', '--json'], env, '');
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ email: 'it@example.com', role: 'admin', isActive: true })]);
    expect(listed.stdout).not.toContain('password');
  });

  it('refuses an empty or short password, a bad role and a duplicate email, naming what is wrong', async () => {
    const empty = await runCli(['account', 'create', '--email', 'b@example.com', '--role', 'viewer'], env, '');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/password: is empty/);
    const short = await runCli(['account', 'create', '--email', 'b@example.com', '--role', 'viewer'], env, 'short\n');
    expect(short.stderr).toMatch(/password: must be at least 12 characters/);
    const role = await runCli(['account', 'create', '--email', 'b@example.com', '--role', 'owner'], env, 'a long enough password\n');
    expect(role.code).not.toBe(0);
    expect(role.stderr).toMatch(/Allowed choices are viewer, analyst, admin/);
    const duplicate = await runCli(['account', 'create', '--email', 'IT@example.com', '--role', 'viewer'], env, 'a long enough password\n');
    expect(duplicate.stderr).toMatch(/error \[conflict\].*already exists|email: an account with this email already exists/);
    const listed = await runCli(['account', 'list', '--json'], env, '');
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(1);
  });

  it('resets a password from standard input', async () => {
    const reset = await runCli(['account', 'reset-password', '--email', 'it@example.com'], env, 'another long password\n');
    expect(reset.stdout).toBe('New password set for it@example.com.\n');
  });
});
