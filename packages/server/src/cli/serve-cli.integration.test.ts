import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/intune-assets.mjs', import.meta.url));

function start(args: readonly string[], env: Record<string, string>): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  return { child, output: () => text, exited };
}

async function waitFor(check: () => RegExpMatchArray | null, ms: number): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('intune-assets serve', () => {
  it('prints its URL, serves the UI and the API, tells how to create the first admin, and stops on SIGTERM', async () => {
    const env = { INTUNE_ASSETS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'ia-serve-')), 'data') };
    const serve = start(['serve', '--port', '0'], env);
    try {
      const [, url] = await waitFor(() => /listening on (http:\/\/\S+)/.exec(serve.output()), 90_000);
      // The hint follows the URL line; wait for it rather than racing the process's next write.
      await waitFor(() => /No sign-in account yet.*\n.*account create --email/.exec(serve.output()), 10_000);
      const page = await fetch(`${url}/assets`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('<div id="root">');
      const openapi = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/connections', '/api/v1/assets', '/api/v1/connections/{name}/runs']));
      const anonymous = await fetch(`${url}/api/v1/assets`);
      expect(anonymous.status).toBe(401);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    } finally {
      // A failed expectation must not leave the server running.
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    }
  });

  it('refuses --no-workers on the embedded database, saying why', async () => {
    const env = { INTUNE_ASSETS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'ia-serve-')), 'data') };
    const serve = start(['serve', '--port', '0', '--no-workers'], env);
    expect(await serve.exited).toBe(1);
    expect(serve.output()).toMatch(/error \[config_invalid\]: with SQLite .*--no-workers needs DATABASE_URL=postgres/);
  });
});
