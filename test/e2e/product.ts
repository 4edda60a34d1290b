import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeEach, expect } from 'vitest';
import { loadConfig } from '../../packages/server/src/config/load.js';
import { emulatorInfo, startEmulator } from '../../packages/server/src/emulator/index.js';
import type { RunningEmulator } from '../../packages/server/src/emulator/index.js';
import { appRoutes } from '../../packages/server/src/http/app-routes.js';
import { startWebServer } from '../../packages/server/src/http/start-web-server.js';
import type { RunningWebServer } from '../../packages/server/src/http/start-web-server.js';
import { createRunServices, startWorkers } from '../../packages/server/src/jobs/start-workers.js';
import { createApp } from '../../packages/server/src/main.js';
import type { App } from '../../packages/server/src/main.js';
import type { RunReport } from '../../packages/server/src/sync/run-report.js';
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
  addConnection(name: string, settings?: Readonly<Record<string, unknown>>): Promise<void>;
  /** One sync in the foreground, as the CLI runs it (for flows that need a filled register). */
  sync(name: string): Promise<RunReport>;
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

export interface ProductOptions {
  /** Emulated fleet size (default 300). */
  readonly devices?: number;
  /** Added latency per Graph request, so a sync lasts long enough to watch its progress. */
  readonly latencyMs?: number;
  /** managedDevices page size (default Graph's 1000). */
  readonly pageSize?: number;
}

export async function startProduct(options: ProductOptions = {}): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ia-e2e-'));
  const cleanup: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const webRoot = await buildWebOnce(join(dataDir, 'web'));
    const emulator = await startEmulator({
      devices: options.devices ?? 300,
      seed: 7,
      stateDir: join(dataDir, 'emulator'),
      log: () => undefined,
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    cleanup.push(() => emulator.close());
    const config = loadConfig({
      INTUNE_ASSETS_DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'e2e.db')}`,
      INTUNE_ASSETS_SECRET_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'error',
    });
    const app = await createApp(config, { runsSyncs: true });
    cleanup.push(() => app.close());
    for (const role of ['admin', 'analyst', 'viewer'] as const) await app.accounts.create({ email: emailOf(role), role, password: PASSWORD });
    // Workers take the runs Sync now queues; no scheduler, so nothing runs that a test did not ask for.
    const runs = createRunServices(app);
    const workers = await startWorkers(app, runs, { workers: true, scheduler: false });
    cleanup.push(() => workers.stop({ graceMs: 1_000 }));
    const web: RunningWebServer = await startWebServer(app, { port: 0, host: '127.0.0.1', routes: appRoutes(app, runs), webRoot });
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
      async addConnection(name, settings = {}) {
        await app.connections.create({ ...emulatorInfo(emulator), name, ...settings });
      },
      sync: (name) => app.sync.run(name, { trigger: 'cli' }),
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

const FAILURE_DIR = join(tmpdir(), 'intune-assets-e2e-failures');

/**
 * When a test of this file fails, saves a screenshot of every page still open and prints its URL and visible
 * text, so a failure in a page being written by someone else can be reported as "at URL, I saw …".
 */
export function reportFailedPages(product: () => Product | undefined): void {
  beforeEach((context) => {
    context.onTestFailed(async () => {
      const pages = product()?.browser.contexts().flatMap((c) => c.pages()) ?? [];
      mkdirSync(FAILURE_DIR, { recursive: true });
      for (const [index, page] of pages.entries()) {
        const file = join(FAILURE_DIR, `${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${index}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        const text = await page.locator('body').innerText({ timeout: 2_000 }).catch(() => '(no text)');
        process.stderr.write(`[e2e] failed page ${page.url()} → ${file}\n${text.slice(0, 3_000)}\n`);
      }
    });
  });
}
