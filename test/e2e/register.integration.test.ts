import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { reportFailedPages, see, startProduct } from './product.js';
import type { Product } from './product.js';

// The bypass code is a per-device GET field and opt-in, so this connection maps it to have something to hide.
const WITH_BYPASS_CODES = { mapping: { fields: { activationLockBypassCode: { expression: 'ActivationLockBypassCode' } } } };

describe('the register: assets list, asset detail with provenance and audit', () => {
  let product: Product;
  reportFailedPages(() => product);
  let withCode: { id: string; assetTag: string; serialNumber: string };
  let runId: string;

  beforeAll(async () => {
    product = await startProduct({ devices: 60 });
    await product.addConnection('Contoso', WITH_BYPASS_CODES);
    const report = await product.sync('Contoso');
    expect(report.counts.created).toBeGreaterThan(0);
    expect(report.counts.skipped['personal_device'] ?? 0).toBeGreaterThan(0);
    runId = report.runId;
    const row = await product.app.store.db
      .selectFrom('fixed_assets')
      .select(['id', 'asset_tag', 'serial_number'])
      .where('activation_lock_bypass_code_encrypted', 'is not', null)
      .where('serial_number', 'is not', null)
      .orderBy('asset_tag')
      .executeTakeFirstOrThrow();
    withCode = { id: row.id, assetTag: row.asset_tag, serialNumber: row.serial_number ?? '' };
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('an analyst filters and searches the list, opens an asset and sees each field set by Intune in a run, and its audit log', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }).click();
    await see(page.getByRole('heading', { name: 'Assets', level: 1 }));
    const table = page.getByRole('table', { name: 'Assets' });
    await see(table.getByRole('link', { name: withCode.assetTag }));
    await product.screenshot(page, '07-assets-list', { fullPage: false });

    const category = page.getByLabel('Category', { exact: true });
    const laptop = await category.locator('option', { hasText: /^Laptop/ }).getAttribute('value');
    await category.selectOption(laptop ?? 'Laptop');
    await see(page.getByRole('button', { name: 'Clear filters' }));
    await expect.poll(async () => new Set(await table.locator('tbody tr td:nth-child(5)').allInnerTexts()), { timeout: 15_000 }).toEqual(new Set(['Laptop']));
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await page.getByRole('searchbox', { name: 'Search' }).fill(withCode.serialNumber);
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await see(table.getByText(withCode.serialNumber));
    await table.getByRole('link', { name: withCode.assetTag }).click();

    await see(page.getByRole('heading', { level: 1, name: new RegExp(`^${withCode.assetTag}`) }));
    const serialRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: /^serial number$/i }) }).first();
    await see(serialRow.getByText(withCode.serialNumber));
    await see(serialRow.getByText(/^Intune/));
    await see(serialRow.getByRole('link', { name: 'run' }));
    await product.screenshot(page, '08-asset-detail', { fullPage: true });
    expect(await page.getByRole('button', { name: 'Reveal activation lock bypass code' }).count()).toBe(0);

    await serialRow.getByRole('link', { name: 'run' }).click();
    await see(page.getByRole('heading', { level: 1, name: 'Sync of Contoso' }));
    await page.goBack();
    await page.getByRole('tab', { name: 'Audit log' }).click();
    const audit = page.getByRole('table', { name: 'Audit log' });
    await see(audit.getByRole('link', { name: 'a sync' }));
    expect(await audit.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('an admin can reveal the activation lock bypass code; a viewer is not offered the button', async () => {
    const admin = await product.newPage();
    await product.signIn(admin, 'admin');
    await admin.goto(`/assets/${withCode.id}`);
    await admin.getByRole('button', { name: 'Reveal activation lock bypass code' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Reveal code' }).click();
    await see(admin.getByTestId('bypass-code'));
    expect(await admin.getByTestId('bypass-code').innerText()).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await admin.context().close();

    const viewer = await product.newPage();
    await product.signIn(viewer, 'viewer');
    await viewer.goto(`/assets/${withCode.id}`);
    await see(viewer.getByRole('heading', { level: 1, name: new RegExp(`^${withCode.assetTag}`) }));
    await see(viewer.getByRole('tab', { name: 'Fields' }));
    expect(await viewer.getByRole('button', { name: /bypass code/i }).count()).toBe(0);
    await viewer.context().close();
  });
  it('the search box follows the URL when the Assets link or Back changes it', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await page.goto('/assets');
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('CTSD');
    await expect.poll(() => new URL(page.url()).searchParams.get('search'), { timeout: 15_000 }).toBe('CTSD');
    // The list re-rendered for the new URL (a click in the same instant would be a Link to the URL it still shows).
    const rows = page.getByRole('table', { name: 'Assets' }).locator('tbody tr');
    await expect.poll(async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((t) => t.toUpperCase().includes('CTSD'));
    }, { timeout: 15_000 }).toBe(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }).click();
    await expect.poll(() => search.inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => search.inputValue()).toBe('CTSD');
    await page.context().close();
  });

  it('Export CSV answers the filtered rows as CSV', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'viewer');
    await page.goto('/assets?status=allocated');
    const total = await totalOf(page.getByTestId('assets-total'));
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toContain('status=allocated');
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    const [header = [], ...rows] = parseCsv(await response.text());
    const status = header.indexOf('Status');
    expect(status).toBeGreaterThanOrEqual(0);
    expect(rows.length).toBe(total);
    expect(new Set(rows.map((r) => r[status]))).toEqual(new Set(['Allocated']));
    await page.context().close();
  });

  it('a user in the users list opens with the assets allocated to them', async () => {
    const top = await product.app.store.db
      .selectFrom('fixed_assets')
      .innerJoin('users', 'users.id', 'fixed_assets.allocated_user_id')
      .select(['users.id', 'users.email'])
      .select((eb) => eb.fn.countAll<number>().as('assets'))
      .where('users.email', 'is not', null)
      .groupBy(['users.id', 'users.email'])
      .orderBy('assets', 'desc')
      .executeTakeFirstOrThrow();
    const tags = (await product.app.store.db.selectFrom('fixed_assets').select('asset_tag').where('allocated_user_id', '=', top.id).execute()).map((r) => r.asset_tag);
    const page = await product.newPage();
    await product.signIn(page, 'viewer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await page.getByRole('searchbox', { name: 'Search' }).fill(top.email ?? '');
    await expect.poll(() => users.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await see(users.getByText(top.email ?? ''));
    await users.locator('tbody tr').first().getByRole('link').click();
    await see(page.getByRole('heading', { name: `Assets (${tags.length})` }));
    const assets = page.getByRole('table', { name: 'Assets allocated to this user' });
    expect((await assets.locator('tbody tr td:first-child').allInnerTexts()).sort()).toEqual([...tags].sort());
    await page.context().close();
  });

  it('the run page filters its devices by outcome and reason', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'viewer');
    await page.goto(`/runs/${runId}`);
    await see(page.getByRole('heading', { level: 1, name: 'Sync of Contoso' }));
    const devices = page.getByRole('table', { name: 'Devices in this run' });
    await see(devices.locator('tbody tr').first());
    await page.getByLabel('Outcome', { exact: true }).selectOption('skipped');
    await page.getByLabel('Reason', { exact: true }).selectOption('personal_device');
    const rows = async () => devices.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
    await expect.poll(async () => {
      const cells = await rows();
      return cells.length > 0 && cells.every((r) => r[2] === 'Skipped' && r[3] === 'Personal device');
    }, { timeout: 15_000 }).toBe(true);
    await page.context().close();
  });
});

async function totalOf(locator: Locator): Promise<number> {
  await see(locator);
  return Number((await locator.innerText()).replace(/[^\d]/g, ''));
}

/** RFC 4180 as the export writes it: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
