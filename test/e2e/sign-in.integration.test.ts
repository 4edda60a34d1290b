import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, reportFailedPages, see, startProduct } from './product.js';
import type { Product } from './product.js';

describe('sign-in', () => {
  let product: Product;
  reportFailedPages(() => product);
  beforeAll(async () => {
    product = await startProduct({ devices: 10 });
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('a wrong password says so and stays on the sign-in form', async () => {
    const page = await product.newPage();
    await page.goto('/');
    await see(page.getByRole('heading', { name: 'Sign in to Intune Assets' }));
    await product.screenshot(page, '01-sign-in');
    await page.getByLabel('Email').fill(emailOf('analyst'));
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see(page.getByText('Email or password is wrong'));
    await see(page.getByLabel('Password'));
    expect(await page.getByRole('heading', { name: 'Dashboard' }).count()).toBe(0);
    await page.context().close();
  });

  it('the right password opens the dashboard with the account named', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await see(page.getByText(`${emailOf('analyst')} (analyst)`));
    await see(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }));
    await page.context().close();
  });
});
