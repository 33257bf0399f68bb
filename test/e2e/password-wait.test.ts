import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPage } from './support/browser.js';
import { type TillServer, startTill } from './support/till-server.js';

/**
 * Issue 12: while a WeChat Pay customer types their payment password
 * (USERPAYING, told only by inquiry), the checkout contract says
 * `tender.waiting: 'password'` and the cashier reads "the customer is
 * entering their password", not a bare "outcome unknown".
 */
describe('the password wait on the cashier screen (Chromium)', () => {
  let till: TillServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let cashier: Page;
  let problems: string[];

  beforeAll(async () => {
    till = await startTill();
    browser = await launchChromium();
    cashier = await browser.context.newPage();
    problems = watchPage(cashier).problems;
    await cashier.goto(till.cashierUrl);
    await cashier.getByTestId('status-bar').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await till?.close();
  });

  it('says the customer is entering their password while the wallet waits, then shows the approval', async () => {
    await cashier.getByTestId('item-water').click();
    await expect.poll(async () => Number(await cashier.getByTestId('sale-total').getAttribute('data-total'))).toBeGreaterThan(0);
    // A fresh WeChat Pay code on every attempt (codes are single-use); 0091: the wallet asks for a password.
    const code = `13${String(Date.now()).slice(-12)}0091`;
    await cashier.getByTestId('nav-training').click();
    await cashier.getByTestId('scan-box').fill(code);
    await cashier.getByTestId('scan-box').press('Enter');
    const waiting = cashier.locator('[data-testid="panel-unknown"][data-waiting="password"]');
    await waiting.waitFor({ timeout: 20_000 });
    expect(await waiting.locator('h2').innerText()).toBe('고객이 비밀번호를 입력하고 있습니다');
    expect(await waiting.innerText()).toContain('결과를 조회하고 있습니다');
    await cashier.locator('[data-testid="panel-approved"][data-complete="true"]').waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
  }, 90_000);
});
