import { cpSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureWebBuild } from '../../packages/server/src/http/web-build.js';

const LOCK_DIR = join(tmpdir(), 'intune-assets-e2e-web-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/**
 * ensureWebBuild for test files that start at the same time in several workers: one builds packages/web/dist,
 * the others wait, so no two Vite builds write the same dist/ at once. A lock left by a killed run expires.
 * The build is then copied to `into`: a later rebuild (the UI's sources change while the suite runs) empties
 * dist/, which must not pull the pages from under a test that is still running.
 */
export async function buildWebOnce(into: string): Promise<string> {
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale() || Date.now() > deadline) {
        rmdirSync(LOCK_DIR);
        continue;
      }
      await sleep(250);
    }
  }
  try {
    cpSync(await ensureWebBuild(() => undefined), into, { recursive: true });
    return into;
  } finally {
    rmdirSync(LOCK_DIR);
  }
}

function isStale(): boolean {
  try {
    return Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}
