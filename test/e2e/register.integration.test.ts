import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFailedPages, see, startProduct } from './product.js';
import type { Product } from './product.js';

// The bypass code is a per-device GET field and opt-in, so this connection maps it to have something to hide.
const WITH_BYPASS_CODES = { mapping: { fields: { activationLockBypassCode: { expression: 'ActivationLockBypassCode' } } } };

describe('the register: assets list, asset detail with provenance and audit', () => {
  let product: Product;
  reportFailedPages(() => product);
  let withCode: { id: string; assetTag: string; serialNumber: string };

  beforeAll(async () => {
    product = await startProduct({ devices: 60 });
    await product.addConnection('Contoso', WITH_BYPASS_CODES);
    const report = await product.sync('Contoso');
    expect(report.counts.created).toBeGreaterThan(0);
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
});
