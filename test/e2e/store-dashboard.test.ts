import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloseoutReport } from '../../src/closeout/index.js';
import { formatWon } from '../../server/dashboard/i18n/index.js';
import { kst } from '../closeout/closing-till.js';
import { type StoreWithTills, closeTillDay, ringUp, startStoreWithTills } from '../server/store-with-tills.js';
import { type Chromium, launchChromium, screenshot, watchPage } from './support/browser.js';

const PASSWORD = 'owner passphrase 1';
const won = (n: number) => formatWon(n, 'ko');

// Issue 18, Done when: "the store close-out shows two tills' Zs and their totals" (Chromium, on a phone-sized screen).
describe.sequential("the owner's dashboard in Chromium", () => {
  let store: StoreWithTills;
  let browser: Chromium;
  let page: Page;
  let problems: string[];
  const zs: CloseoutReport[] = [];

  beforeAll(async () => {
    store = await startStoreWithTills(['POS1', 'POS2'], kst('2026-01-05T09:00:00'));
    const [pos1, pos2] = store.tills as [StoreWithTills['tills'][0], StoreWithTills['tills'][0]];
    await ringUp(pos1, 2, 4_500);
    await ringUp(pos2, 3, 3_000);
    store.setTime(kst('2026-01-06T01:00:00'));
    zs.push(await closeTillDay(pos1, '2026-01-05', { '1000': 4 }));
    zs.push(await closeTillDay(pos2, '2026-01-05', { '1000': 5 }));
    for (const till of store.tills) expect((await till.sync.drain()).failed).toBe(false);
    await store.dashboard.accounts.upsert({ login: 'kim', displayName: '김사장', role: 'owner', password: PASSWORD, storeIds: ['S1'] });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    ({ problems } = watchPage(page));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await store?.close();
  });

  it('signs the owner in and shows both tills\' Zs and the store\'s totals', async () => {
    await page.goto(`${store.running.url}/dashboard/closeout?date=2026-01-05&lang=ko`); // headless Chromium asks for en-US
    await page.getByLabel('아이디').fill('kim');
    await page.getByLabel('비밀번호').fill(PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.getByText('2026-01-05 마감정산이 아직 없습니다.').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: '지금 마감정산 만들기' }).click();

    const tills = page.getByTestId('closeout-tills');
    await tills.waitFor();
    const [z1, z2] = zs as [CloseoutReport, CloseoutReport];
    const row = (name: string) => tills.locator('tr', { hasText: name });
    await expect.poll(() => row('POS1').innerText()).toContain(won(z1.net));
    expect(await row('POS1').innerText()).toContain('마감');
    expect(await row('POS2').innerText()).toContain(won(z2.net));
    // POS2's drawer: 6,000 expected, 5,000 counted.
    expect(await row('POS2').innerText()).toContain(won(-1_000));
    const total = await tills.locator('tr.total').innerText();
    expect(total).toContain(won(z1.net + z2.net));
    expect(total).toContain(won(z1.gross.amount + z2.gross.amount));
    const cash = await page.getByTestId('closeout-methods').locator('tr', { hasText: '현금' }).innerText();
    expect(cash).toContain(won(z1.byMethod.cash.net + z2.byMethod.cash.net));
    const vat = await page.getByTestId('closeout-vat').innerText();
    expect(vat).toContain(won(z1.vat.vat + z2.vat.vat));
    expect(vat).toContain(won(z1.vat.taxFree + z2.vat.taxFree));
    await screenshot(page, 'store-dashboard-closeout-phone');
    // Usable on a phone: nothing wider than the screen but the tables' own scrolling boxes.
    // (Page expressions as strings: this file is typed without the DOM.)
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // The till's type: the Korean face loaded from the dashboard itself.
    expect(await page.evaluate(`document.fonts.ready.then(() => document.fonts.check('16px "Noto Sans KR"', '마감'))`)).toBe(true);

    const csv = await page.context().request.get(`${store.running.url}${await page.getByRole('link', { name: 'CSV 내려받기' }).getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(`매장 합계,,${z1.gross.amount + z2.gross.amount},`);
    expect(problems).toEqual([]);
  }, 60_000);

  // Issue 18, Done when: "the VAT report matches the tills' Zs".
  it("shows the VAT report of January as the tills' Zs filed it, by quarter too", async () => {
    await page.getByRole('link', { name: '부가세' }).first().click();
    await page.getByLabel('시작 월').fill('2026-01');
    await page.getByLabel('끝 월').fill('2026-01');
    await page.getByRole('button', { name: '보기' }).click();
    const january = page.getByTestId('vat-months').locator('tr[data-period="2026-01"]');
    await january.waitFor({ timeout: 15_000 });
    const filed = zs.flatMap((z) => z.vat.byCalendarDate).filter((d) => d.date.startsWith('2026-01'));
    const sum = (pick: (d: (typeof filed)[number]) => number) => filed.reduce((n, d) => n + pick(d), 0);
    const cells = await january.locator('td').allInnerTexts();
    expect(cells.slice(0, 5)).toEqual(['2026-01', won(sum((d) => d.taxable)), won(sum((d) => d.vat)), won(sum((d) => d.taxFree)), won(zs[0]!.vat.total + zs[1]!.vat.total)]);
    const quarter = await page.getByTestId('vat-quarters').locator('tr[data-period="2026-Q1"] td').allInnerTexts();
    expect(quarter.slice(1, 5)).toEqual(cells.slice(1, 5));
    await screenshot(page, 'store-dashboard-vat-phone');
    expect(problems).toEqual([]);
  }, 60_000);
});
