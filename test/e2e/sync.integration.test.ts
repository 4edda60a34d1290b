import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFailedPages, see, startProduct } from './product.js';
import type { Product } from './product.js';

describe('preview a sync, run it, watch it, read the report', () => {
  let product: Product;
  reportFailedPages(() => product);
  beforeAll(async () => {
    // Small pages with some latency make the real sync last a few seconds, long enough to watch its progress.
    product = await startProduct({ devices: 300, pageSize: 20, latencyMs: 150 });
    await product.addConnection('Contoso');
    expect((await product.app.connections.test('Contoso')).ok).toBe(true);
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('Preview shows the creates, Sync now shows live progress then the report, and a second Sync now says when it is available', async () => {
    const page = await product.newPage();
    await product.signIn(page, 'analyst');
    await page.getByRole('link', { name: 'Contoso' }).first().click();
    await see(page.getByRole('heading', { level: 1, name: 'Contoso' }));

    await page.getByRole('button', { name: 'Preview' }).click();
    await see(page.getByRole('heading', { level: 1, name: 'Preview of Contoso' }));
    await see(page.getByText('Preview: nothing written'));
    const diff = page.getByRole('table', { name: 'Preview: what this sync would change' });
    await see(diff.getByText('Create').first());
    const summary = page.getByRole('list', { name: 'Preview summary' });
    expect(await summary.innerText()).toMatch(/\d+\s*Create/);
    await product.screenshot(page, '05-preview-diff', { fullPage: false });
    const previewUrl = page.url();
    expect(await product.app.store.db.selectFrom('fixed_assets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 0 });

    await page.getByRole('link', { name: 'Contoso' }).first().click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await see(page.getByRole('heading', { level: 1, name: 'Sync of Contoso' }));
    await see(page.getByRole('progressbar', { name: 'Sync progress' }));
    await see(page.getByTestId('run-progress-label'));
    expect(await page.getByTestId('run-progress-label').innerText()).not.toBe('');

    await page.getByRole('heading', { name: 'Counts' }).waitFor({ timeout: 60_000 });
    await see(page.getByText('Succeeded').first());
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await see(page.getByRole('heading', { name: 'Devices' }));
    await product.screenshot(page, '06-run-report');

    await page.getByRole('link', { name: 'Contoso' }).first().click();
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await see(syncNow);
    if (await syncNow.isEnabled()) await syncNow.click();
    await see(page.getByTestId('sync-now-debounce'));
    expect(await page.getByTestId('sync-now-debounce').innerText()).toMatch(/^Available again at \d{1,2}:\d{2}.* \(in (29|30) min\)$/);
    expect(await syncNow.isDisabled()).toBe(true);

    // The preview's Apply asks the server, which refuses (409 sync_debounced) and says when it may run again.
    await page.goto(previewUrl);
    await page.getByRole('button', { name: 'Apply: run this sync' }).click();
    await see(page.getByText(/^Available again at \d{1,2}:\d{2}.* \(in (29|30) min\)$/));
    expect(await page.getByRole('button', { name: 'Apply: run this sync' }).isDisabled()).toBe(true);
    expect(await product.app.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('n')).where('is_dry_run', '=', 0).executeTakeFirstOrThrow()).toEqual({ n: 1 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await see(page.getByTestId('connection-card-Contoso').getByText('Succeeded'));
    await product.screenshot(page, '02-dashboard');
    await page.context().close();
  });
});
