import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundContentSchema } from '../../src/payments/returns.js';
import { type Chromium, openCashier, screenshot } from './support/browser.js';
import { type TillServer, startTill } from './support/till-server.js';

const WALLET_CODE = '134728953980221234'; // a WeChat Pay code the sandbox approves at once
const MANAGER_PIN = '0000'; // the first-start owner's PIN

// The basket of issue 13: taxable ₩7,430 + tax-free ₩8,970, of which the eggs are ₩3,980.
const BASKET = [
  { name: '원두', unitPrice: 7_430, quantity: 1, tax: 'taxable' as const },
  { name: '계란', unitPrice: 3_980, quantity: 1, tax: 'tax-free' as const },
  { name: '사과', unitPrice: 4_990, quantity: 1, tax: 'tax-free' as const },
];

describe.sequential('a return by line (반품) in Chromium', () => {
  let till: TillServer;
  let browser: Chromium;
  let cashier: Page;
  let problems: string[] = [];
  let receiptNumber = '';
  let tenderId = '';

  beforeAll(async () => {
    till = await startTill();
    await till.services.settings.update({ store: { name: '카운터 마트', businessNumber: '123-45-67891', representative: '김대표' } });
    // The sale itself is rung up through the core: this test is about the return.
    const { engine } = till.services.till;
    const sale = engine.openSale({ lines: BASKET });
    tenderId = (await engine.payByCode(sale.saleId, WALLET_CODE)).tender.tenderId;
    receiptNumber = engine.store.sale(sale.saleId)!.receiptNumber!;
    ({ browser, cashier, problems } = await openCashier(till.cashierUrl));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await till?.close();
  });

  it('returns the eggs from the basket: ₩3,980 back, booked −3,980 면세 and 0 VAT', async () => {
    await cashier.getByTestId('nav-history').click();
    await cashier.locator(`[data-testid="history-row"][data-receipt="${receiptNumber}"]`).click();
    await cashier.getByTestId('refund-button').click();
    await cashier.getByTestId('return-lines').waitFor();
    await cashier.getByTestId('return-more-1').click();
    expect(await cashier.getByTestId('return-quantity-1').innerText()).toBe('1');
    expect(await cashier.getByTestId('return-more-1').isDisabled()).toBe(true); // one was sold
    expect(await cashier.getByTestId('return-amount').getAttribute('data-amount')).toBe('3980');
    await cashier.getByTestId('pin-input').fill(MANAGER_PIN);
    await screenshot(cashier, 'return-by-line');
    await cashier.getByTestId('refund-submit').click();
    await cashier.locator('[data-testid="refund-row"][data-state="completed"]').waitFor();
    await expect.poll(() => cashier.locator('[data-testid="detail-line"]').nth(1).getAttribute('data-returned')).toBe('1');

    const { store } = till.services.till.engine;
    const [refund] = store.refundsOfTender(tenderId);
    expect(refund).toMatchObject({ amount: 3_980, state: 'completed', kind: 'refund' });
    const completed = store.ledger.journal.forAggregate(refund!.refundId).find((r) => r.body.to === 'completed')!;
    expect(refundContentSchema.parse(completed.body).vat).toEqual({ supply: 0, vat: 0, taxFree: 3_980, total: 3_980 });
  });

  it('prints a refund slip with 사업자번호, the returned line, the VAT split and both approval numbers', async () => {
    await cashier.getByTestId('nav-training').click();
    const slip = cashier.getByTestId('printed-receipt').filter({ hasText: '반품 상품' }).first();
    await slip.waitFor({ timeout: 20_000 });
    const text = await slip.innerText();
    expect(text).toContain('123-45-67891');
    expect(text).toMatch(/\*계란\s+1\s+-3,980/);
    expect(text).toMatch(/부가세\s+0/);
    expect(text).toMatch(/면세\s+-3,980/);
    const tender = till.services.till.engine.store.tender(tenderId)!;
    expect(text).toContain(tender.gatewayPaymentId!);
    expect(text).toMatch(/환불 승인번호\s+\S+/);
    await screenshot(cashier, 'refund-slip');
    expect(problems).toEqual([]);
  });
});
