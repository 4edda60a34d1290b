import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** packages/web in this checkout (the UI is part of the product, built from source like the server runs from source). */
export const WEB_PACKAGE_DIR = fileURLToPath(new URL('../../../web', import.meta.url));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/ is missing or older than any source file of the UI (or its contracts and expression language). */
export function webBuildIsStale(webDir: string = WEB_PACKAGE_DIR): boolean {
  const built = join(webDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = [join(webDir, 'src'), join(webDir, 'index.html'), join(webDir, 'vite.config.ts'), join(webDir, '..', 'contracts', 'src'), join(webDir, '..', 'expr', 'src')];
  const builtAt = statSync(built).mtimeMs;
  return sources.some((path) => existsSync(path) && newestMtime(path) > builtAt);
}

/**
 * Builds the UI with Vite when dist/ is stale, so `serve` and `demo` work on a fresh clone even if the install
 * step's build was skipped. Vite is resolved from the web package: the server does not depend on it otherwise.
 */
export async function ensureWebBuild(log: (line: string) => void, webDir: string = WEB_PACKAGE_DIR): Promise<string> {
  const dist = join(webDir, 'dist');
  if (!existsSync(join(webDir, 'package.json'))) throw new Error(`the web UI sources are missing (${webDir})`);
  if (!webBuildIsStale(webDir)) return dist;
  log('Building the web UI (once, ~10 s)…');
  const vitePath = createRequire(join(webDir, 'package.json')).resolve('vite');
  const vite = (await import(pathToFileURL(vitePath).href)) as { build(config: { root: string; logLevel: string; configFile: string }): Promise<unknown> };
  await vite.build({ root: webDir, logLevel: 'error', configFile: join(webDir, 'vite.config.ts') });
  return dist;
}
