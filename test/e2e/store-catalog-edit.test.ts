import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../payments/harness.js';
import { startFollowingTill } from '../server/following-till.js';
import { type TestStore, startTestStore } from '../server/store-with-tills.js';
import { type Chromium, launchChromium, screenshot, watchPage } from './support/browser.js';

const PASSWORD = 'owner passphrase 1';
const AMERICANO = '8801043012348';
const tempDir = useTempDir('pos-e2e-catalog-edit-');

// Issue 18, Done when: "the owner edits a price on the dashboard and a till sells at the new price after its current sale".
describe.sequential('a price edited on the dashboard, in Chromium', () => {
  const cleanups: Array<() => unknown> = [];
  let store: TestStore;
  let till: Awaited<ReturnType<typeof startFollowingTill>>;
  let browser: Chromium;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    store = await startTestStore(systemClock, '한강카페');
    cleanups.push(() => store.close());
    await store.server.data.publish(
      'S1',
      {
        items: [
          {
            id: 'AME',
            name: '아메리카노',
            price: 4_500,
            tax: 'taxable',
            category: '커피',
            barcodes: [AMERICANO],
            active: true,
          },
        ],
      },
      'setup',
    );
    await store.dashboard.accounts.upsert({
      login: 'kim',
      displayName: '김사장',
      role: 'owner',
      password: PASSWORD,
      storeIds: ['S1'],
    });
    till = await startFollowingTill({
      url: store.running.url,
      tillId: 'S1-POS1',
      enrollmentCode: 'CODE-S1',
      dir: tempDir(),
      cleanups,
    });
    await waitFor(() => till.follower.status().applied === 1, 30_000);
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    ({ problems } = watchPage(page));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('the till finishes its sale at the old price, then sells at the new one', async () => {
    // A customer is at the counter: the americano is rung up at 4,500.
    await till.scan(AMERICANO);
    expect(till.checkout.state().lines.map((l) => l.unitPrice)).toEqual([4_500]);

    await page.goto(`${store.running.url}/dashboard/catalog?lang=ko`);
    await page.getByLabel('아이디').fill('kim');
    await page.getByLabel('비밀번호').fill(PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('link', { name: '아메리카노' }).click();
    const price = page.getByLabel('가격');
    await price.waitFor();
    await price.fill('5000');
    await page.getByRole('button', { name: '저장하고 포스로 보내기' }).click();
    await expect
      .poll(() => page.getByRole('status').innerText(), { timeout: 15_000 })
      .toContain('버전 2');
    expect(
      await page.getByTestId('catalog-items').locator('tr', { hasText: '아메리카노' }).innerText(),
    ).toContain('5,000');
    await screenshot(page, 'store-dashboard-catalog-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The till has the new version but holds it while the sale is open: the sale keeps its price.
    await waitFor(() => till.follower.status().pending === 2, 30_000);
    expect(till.catalog.byBarcode(AMERICANO)?.price).toBe(4_500);
    await till.checkout.cash(5_000);
    const first = till.checkout.state().lastReceipt!;
    expect(till.engine.store.sale(first.saleId)?.state).toBe('completed');
    expect(till.engine.balance(first.saleId).total).toBe(4_500);

    // The next customer pays the new price.
    await waitFor(() => till.follower.status().applied === 2, 30_000);
    await till.scan(AMERICANO);
    expect(till.checkout.state().lines.map((l) => l.unitPrice)).toEqual([5_000]);
    await till.checkout.cash(5_000);
    const second = till.checkout.state().lastReceipt!;
    expect(second.saleId).not.toBe(first.saleId);
    expect(till.engine.balance(second.saleId).total).toBe(5_000);

    // The owner sees which version the till holds once it asks again.
    await page.reload();
    await expect
      .poll(
        () => page.getByTestId('catalog-tills').locator('tr', { hasText: 'S1-POS1' }).innerText(),
        { timeout: 15_000 },
      )
      .toMatch(/\b2\b/);
    expect(problems).toEqual([]);
  }, 90_000);
});
