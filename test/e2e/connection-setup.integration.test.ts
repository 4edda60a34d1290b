import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { reportFailedPages, see, startProduct } from './product.js';
import type { Product } from './product.js';

describe('connection setup in the browser against the emulated tenant', () => {
  let product: Product;
  reportFailedPages(() => product);
  beforeAll(async () => {
    product = await startProduct({ devices: 40 });
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('creates a connection, tests it, selects fields, writes a category rule, maps a field with a live preview, and saves', async () => {
    const { emulator } = product;
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await page.getByRole('link', { name: 'New connection' }).first().click();
    await see(page.getByRole('heading', { level: 1, name: 'New connection' }));

    await page.getByRole('textbox', { name: 'Connection name', exact: true }).fill('Contoso');
    await page.getByRole('textbox', { name: 'Tenant id', exact: true }).fill(emulator.tenantId);
    await page.getByRole('textbox', { name: 'Client id', exact: true }).fill(emulator.clientId);
    await page.getByLabel(/^Client secret/).fill(emulator.clientSecret);
    await page.getByText('Endpoint overrides').click();
    await page.getByLabel('Authority URL', { exact: true }).fill(emulator.authorityUrl);
    await page.getByLabel('Graph URL', { exact: true }).fill(emulator.graphUrl);
    await page.getByLabel('CA certificate file', { exact: true }).fill(emulator.caCertFile);
    await page.evaluate(() => window.scrollTo(0, 0));
    await product.screenshot(page, '03-connection-setup');

    await page.getByRole('button', { name: 'Test connection' }).click();
    await see(page.getByText('Connection works'));
    await see(page.getByRole('list', { name: 'Test results' }).getByText('✓ Token'));
    await see(page.getByRole('list', { name: 'Test results' }).getByText('✓ Managed devices'));

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await see(page.getByRole('heading', { level: 1, name: 'Set up Contoso' }));
    expect(new URL(page.url()).pathname).toBe('/connections/Contoso/setup');
    expect((await product.app.connections.list()).map((c) => c.name)).toEqual(['Contoso']);

    // Intune Fields Selection: every field is selected at first; take two out, put one back.
    const selected = page.getByLabel(/^Selected fields/);
    const available = page.getByLabel(/^Available fields/);
    await see(selected.locator('option[value="subscriberCarrier"]'));
    await selected.selectOption(['phoneNumber', 'subscriberCarrier']);
    await page.getByRole('button', { name: '← Remove selected' }).click();
    await see(available.locator('option[value="phoneNumber"]'));
    await available.selectOption('subscriberCarrier');
    await page.getByRole('button', { name: 'Add selected →' }).click();
    await see(selected.locator('option[value="subscriberCarrier"]'));
    expect(await available.locator('option').allInnerTexts()).toEqual(['phoneNumber']);

    // Category Mapping: one rule written with the condition builder, a fallback for everything else.
    await page.getByLabel('How the category is chosen', { exact: true }).selectOption('rules');
    await page.getByLabel('Fallback category', { exact: true }).fill('Mobile Phone');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('list', { name: 'Category rules' }).getByRole('listitem').first();
    await rule.getByLabel('Category', { exact: true }).fill('Laptop');
    if ((await rule.getByRole('group', { name: 'Condition 1' }).count()) === 0) await rule.getByRole('button', { name: 'Add condition' }).click();
    const condition = rule.getByRole('group', { name: 'Condition 1' });
    await condition.getByLabel('Field', { exact: true }).fill('operatingSystem');
    await condition.getByLabel('Operator', { exact: true }).selectOption({ label: 'equals' });
    await condition.getByLabel('Value', { exact: true }).fill('Windows');
    await see(rule.getByText("operatingSystem = 'Windows'"));

    // Key Field Mapping: make ← UPPER(Manufacturer), previewed on the tenant's sample devices.
    const make = page.getByLabel('Expression for make', { exact: true });
    await make.fill('UPPER(Manufacturer)');
    const preview = page.getByRole('table', { name: 'Mapping preview' });
    await preview.scrollIntoViewIfNeeded();
    await expect.poll(async () => previewMakes(preview), { timeout: 15_000 }).toSatisfy((rows: PreviewRow[]) => rows.length > 0 && rows.every((r) => r.make === r.make.toUpperCase()));
    const rows = await previewMakes(preview);
    const fleet = emulator.fleet.devices();
    const checked = rows.flatMap((row) => {
      const device = fleet.find((d) => d.deviceName === row.device);
      return device === undefined ? [] : [{ row, device }];
    });
    expect(checked.length).toBeGreaterThan(0);
    for (const { row, device } of checked) {
      expect(row.make).toBe(device.manufacturer === null || device.manufacturer === undefined ? '—' : device.manufacturer.toUpperCase());
      if (row.category !== '—') expect(row.category).toBe(device.operatingSystem === 'Windows' ? 'Laptop' : 'Mobile Phone');
    }
    expect(checked.some(({ row }) => row.category === 'Laptop')).toBe(true);
    await product.screenshot(page, '04-connection-setup-mapping');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await see(page.getByText('Saved.'));
    const settings = (await product.app.connections.list())[0]?.settings;
    expect(settings?.classification).toMatchObject({ mode: 'rules', fallback: 'Mobile Phone', rules: [{ category: 'Laptop', condition: "operatingSystem = 'Windows'" }] });
    expect(settings?.selectedFields).not.toContain('phoneNumber');
    expect(settings?.selectedFields).toContain('subscriberCarrier');

    await page.reload();
    await see(page.getByLabel('Expression for make', { exact: true }));
    expect(await page.getByLabel('Expression for make', { exact: true }).inputValue()).toBe('UPPER(Manufacturer)');
    await page.context().close();
  });
  it('moving a category rule up with its button keeps the new order after Save and a reload', async () => {
    await product.addConnection('Fabrikam', {
      classification: {
        mode: 'rules',
        fallback: 'Desktop',
        rules: [
          { category: 'Laptop', condition: "operatingSystem = 'Windows'" },
          { category: 'Tablet', condition: "operatingSystem = 'iPadOS'" },
        ],
      },
    });
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await page.goto('/connections/Fabrikam/setup');
    const rules = page.getByRole('list', { name: 'Category rules' });
    await see(rules.getByRole('listitem', { name: 'Rule 2: Tablet' }));
    await rules.getByRole('listitem', { name: 'Rule 2: Tablet' }).getByRole('button', { name: 'Move rule up' }).click();
    await see(rules.getByRole('listitem', { name: 'Rule 1: Tablet' }));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await see(page.getByText('Saved.'));
    const saved = (await product.app.connections.list()).find((c) => c.name === 'Fabrikam')?.settings;
    expect(saved?.classification.rules.map((r) => r.category)).toEqual(['Tablet', 'Laptop']);

    await page.reload();
    const categories = rules.getByRole('listitem').getByLabel('Category', { exact: true });
    await see(categories.first());
    expect(await Promise.all((await categories.all()).map((c) => c.inputValue()))).toEqual(['Tablet', 'Laptop']);
    await page.context().close();
  });
});

interface PreviewRow { device: string; category: string; make: string }

async function previewMakes(table: Locator): Promise<PreviewRow[]> {
  const headers = await table.locator('thead th').allInnerTexts();
  const makeAt = headers.indexOf('make');
  const categoryAt = headers.indexOf('Category');
  if (makeAt < 0 || categoryAt < 0) return [];
  return table.locator('tbody tr').evaluateAll((trs, at) => trs.map((tr) => {
    const cells = [...tr.children].map((c) => (c as HTMLElement).innerText.trim());
    return { device: (cells[0] ?? '').split('\n')[0] ?? '', category: cells[at.categoryAt] ?? '', make: cells[at.makeAt] ?? '' };
  }), { makeAt, categoryAt });
}
