import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFailedPages, see, startProduct } from './product.js';
import type { Product } from './product.js';

describe('roles in the UI', () => {
  let product: Product;
  reportFailedPages(() => product);
  beforeAll(async () => {
    product = await startProduct({ devices: 20 });
    await product.addConnection('Contoso');
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('an analyst is offered Sync now, Preview and Save', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await see(page.getByRole('link', { name: 'New connection' }));
    await page.getByRole('link', { name: 'Contoso' }).first().click();
    await see(page.getByRole('heading', { level: 1, name: 'Contoso' }));
    await see(page.getByRole('button', { name: 'Sync now' }));
    await see(page.getByRole('button', { name: 'Preview' }));
    await page.getByRole('link', { name: 'Setup', exact: true }).click();
    await see(page.getByRole('button', { name: /^Save/ }));
    expect(await page.getByRole('button', { name: /^Save/ }).first().isEnabled()).toBe(true);
    await page.context().close();
  });

  it('a viewer sees the connection but no Sync now, Preview, New connection or usable Save', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'viewer');
    await see(page.getByRole('link', { name: 'Contoso' }));
    expect(await page.getByRole('link', { name: 'New connection' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Accounts' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Contoso' }).first().click();
    await see(page.getByRole('heading', { level: 1, name: 'Contoso' }));
    await see(page.getByRole('heading', { name: 'Run history' }));
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Preview' }).count()).toBe(0);
    await page.getByRole('link', { name: 'View setup' }).click();
    await see(page.getByRole('textbox', { name: 'Tenant id', exact: true }));
    const saves = page.getByRole('button', { name: /^Save/ });
    for (const save of await saves.all()) expect(await save.isEnabled()).toBe(false);
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await page.context().close();
  });
  it('an admin creates an analyst account on the Accounts page, and the new account signs in as an analyst', async () => {
    const email = 'new.analyst@e2e.example.com';
    const password = 'a fresh passphrase for e2e';
    const admin = await product.newPage();
    await product.signIn(admin, 'admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await see(admin.getByRole('heading', { level: 1, name: 'Accounts' }));
    await admin.getByRole('textbox', { name: 'Email' }).fill(email);
    await admin.getByLabel('Role', { exact: true }).selectOption('analyst');
    await admin.getByLabel(/^Password/).fill(password);
    await admin.getByRole('button', { name: 'Create account' }).click();
    await see(admin.getByText(`Account ${email} created.`));
    const row = admin.getByRole('table', { name: 'Accounts' }).getByRole('row').filter({ hasText: email });
    await see(row.getByText('analyst', { exact: true }));
    await admin.context().close();

    const page = await product.newPage();
    await page.goto('/');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see(page.getByRole('heading', { name: 'Dashboard', level: 1 }));
    await see(page.getByText(email));
    await see(page.getByRole('link', { name: 'New connection' }));
    expect(await page.getByRole('link', { name: 'Accounts' }).count()).toBe(0);
    await page.context().close();
  });
});
