import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { reportFailedPages, see, startProduct } from './product.js';
import type { Product } from './product.js';

describe('bad input on the connection setup page', () => {
  let product: Product;
  reportFailedPages(() => product);
  beforeAll(async () => {
    product = await startProduct({ devices: 10 });
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('an invalid tenant id is shown next to the field, and Save stores nothing', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await page.goto('/connections/new');
    await page.getByRole('textbox', { name: 'Connection name', exact: true }).fill('Broken');
    const tenant = page.getByRole('textbox', { name: 'Tenant id', exact: true });
    await tenant.fill('not-a-guid');
    await page.getByRole('textbox', { name: 'Client id', exact: true }).fill(product.emulator.clientId);
    await page.getByLabel(/^Client secret/).fill('a secret');

    expect(await tenant.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(tenant)).toMatch(/must be a GUID/);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await see(page.getByText(/^Not saved: \d+ problems? to fix/));
    await see(page.getByRole('list', { name: 'Problems' }).getByText('tenantId', { exact: true }));
    expect(await descriptionOf(tenant)).toMatch(/must be a GUID/);
    expect(new URL(page.url()).pathname).toBe('/connections/new');
    expect(await product.app.connections.list()).toEqual([]);
    await page.context().close();
  });

  it('a broken expression is underlined at its span and its message is shown', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await page.goto('/connections/new');
    const make = page.getByLabel('Expression for make', { exact: true });
    await make.fill('UPPER(Manufacturer))');

    // The editor's highlighted mirror sits under the textarea; the error's span is a <mark> in it.
    const mark = make.locator('xpath=..').locator('mark');
    await see(mark);
    expect(await mark.innerText()).toBe(')');
    expect(await make.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(make)).toContain("unexpected ')' after the end of the expression (at 20–20)");
    const [markBox, inputBox] = [await mark.boundingBox(), await make.boundingBox()];
    expect(markBox !== null && inputBox !== null && markBox.x >= inputBox.x && markBox.x + markBox.width <= inputBox.x + inputBox.width).toBe(true);

    await make.fill('UPPER(Manufacturer)');
    expect(await mark.count()).toBe(0);
    expect(await make.getAttribute('aria-invalid')).toBe(null);
    await page.context().close();
  });
});

/** The text a screen reader announces with the control: every element its aria-describedby names. */
async function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((element) => (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.innerText ?? '')
    .join(' '));
}
