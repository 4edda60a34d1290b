import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../packages/server/src/config/load.js';
import { emulatorInfo, startEmulator } from '../../packages/server/src/emulator/index.js';
import type { RunningEmulator } from '../../packages/server/src/emulator/index.js';
import { appRoutes } from '../../packages/server/src/http/app-routes.js';
import { startWebServer } from '../../packages/server/src/http/start-web-server.js';
import type { RunningWebServer } from '../../packages/server/src/http/start-web-server.js';
import { createApp } from '../../packages/server/src/main.js';
import type { App } from '../../packages/server/src/main.js';
import { buildWebOnce } from './web-build-lock.js';

export type Role = 'admin' | 'analyst' | 'viewer';

export const PASSWORD = 'e2e correct horse battery';
export const VIEWPORT = { width: 1280, height: 800 } as const;
const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export function emailOf(role: Role): string {
  return `${role}@e2e.example.com`;
}

/** The whole product in this process: emulated tenant, app over a temp SQLite file, API + UI, one Chromium. */
export interface Product {
  readonly url: string;
  readonly app: App;
  readonly emulator: RunningEmulator;
  readonly browser: Browser;
  /** A fresh browser context (own cookies) at 1280×800 with one page. */
  newPage(): Promise<Page>;
  /** Signs in through the sign-in form and waits for the dashboard. */
  signIn(page: Page, role: Role): Promise<void>;
  /** Adds a connection to the emulated tenant through the service (for flows that are not about setup). */
  addConnection(name: string): Promise<void>;
  /** Saves docs/screenshots/<name>.png when E2E_SCREENSHOTS=1 (CI must not rewrite tracked files). */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function startProduct(options: { devices?: number } = {}): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ia-e2e-'));
  const cleanup: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    const webRoot = await buildWebOnce();
    const emulator = await startEmulator({ devices: options.devices ?? 300, seed: 7, stateDir: join(dataDir, 'emulator'), log: () => undefined });
    cleanup.push(() => emulator.close());
    const config = loadConfig({
      INTUNE_ASSETS_DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'e2e.db')}`,
      INTUNE_ASSETS_SECRET_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'error',
    });
    const app = await createApp(config);
    cleanup.push(() => app.close());
    for (const role of ['admin', 'analyst', 'viewer'] as const) await app.accounts.create({ email: emailOf(role), role, password: PASSWORD });
    const web: RunningWebServer = await startWebServer(app, { port: 0, host: '127.0.0.1', routes: appRoutes(app), webRoot });
    cleanup.push(() => web.close());
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    cleanup.push(() => browser.close());

    return {
      url: web.url,
      app,
      emulator,
      browser,
      async newPage() {
        const context = await browser.newContext({ viewport: VIEWPORT, baseURL: web.url, timezoneId: 'UTC', locale: 'en-GB' });
        context.setDefaultTimeout(15_000);
        return context.newPage();
      },
      signIn: (page, role) => signIn(page, role),
      async addConnection(name) {
        await app.connections.create({ ...emulatorInfo(emulator), name });
      },
      async screenshot(page, name, shotOptions = {}) {
        if (process.env['E2E_SCREENSHOTS'] !== '1') return;
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: shotOptions.fullPage ?? false, animations: 'disabled' });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(emailOf(role));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** Asserts a person can see it: waits for the element to be visible (fails the test with the locator named). */
export async function see(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
  expect(await locator.first().isVisible(), `${locator.toString()} is visible`).toBe(true);
}
