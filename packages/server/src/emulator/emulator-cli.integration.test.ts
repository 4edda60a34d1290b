import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/intune-assets.mjs', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, 'emulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('intune-assets emulator', () => {
  it('prints exactly one JSON line, serves Graph with its CA, and exits 0 on SIGTERM', async () => {
    const { child, exited } = run(['--devices', '50', '--seed', '2', '--fault', 'throttle:retry-after=1.5:on=users']);
    const stdoutLines: string[] = [];
    const firstLine = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        stdoutLines.push(line);
        if (stdoutLines.length === 1) resolve(line);
      });
    });
    const info = JSON.parse(firstLine) as Record<string, string>;
    expect(Object.keys(info).sort()).toEqual(['authorityUrl', 'caCertFile', 'clientId', 'clientSecret', 'graphUrl', 'tenantId']);
    const agent = new Agent({ connect: { ca: readFileSync(info['caCertFile'] ?? '', 'utf8') } });
    try {
      const token = await request(`${info['authorityUrl']}/${info['tenantId']}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info['clientId'] ?? '', client_secret: info['clientSecret'] ?? '', scope: 'https://graph.microsoft.com/.default' }).toString(),
        dispatcher: agent,
      });
      const { access_token: accessToken } = (await token.body.json()) as { access_token: string };
      const list = await request(`${info['graphUrl']}/v1.0/deviceManagement/managedDevices`, { headers: { authorization: `Bearer ${accessToken}` }, dispatcher: agent });
      expect(((await list.body.json()) as { value: unknown[] }).value).toHaveLength(50);
      const users = await request(`${info['graphUrl']}/v1.0/users`, { headers: { authorization: `Bearer ${accessToken}` }, dispatcher: agent });
      await users.body.dump();
      expect(users.statusCode).toBe(429);
      expect(users.headers['retry-after']).toBe('1.5');
    } finally {
      await agent.close();
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdoutLines).toHaveLength(1);
  });

  it('exits 1 with a message naming a bad option', async () => {
    const { exited, stderr } = run(['--devices', 'lots']);
    expect(await exited).toBe(1);
    expect(stderr()).toContain("--devices must be an integer ≥ 0, got 'lots'");
  });

  it('exits 1 with a message naming a bad fault or a missing scenario file', async () => {
    const fault = run(['--fault', 'throttle:on=printers']);
    expect(await fault.exited).toBe(1);
    expect(fault.stderr()).toContain("fault 'throttle:on=printers'");
    const scenario = run(['--scenario', '/nonexistent/scenario.json']);
    expect(await scenario.exited).toBe(1);
    expect(scenario.stderr()).toContain('scenario /nonexistent/scenario.json cannot be read');
  });
});
