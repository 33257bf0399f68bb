import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { useCashier } from './support/cashier.js';

const CAKE = 6_500; // the starter catalog's 딸기 케이크
const MANAGER_PIN = '0000'; // the first-start owner's PIN

describe.sequential('a card slip in Chromium (issue 13, point 6)', () => {
  let receiptNumber = '';

  const c = useCashier();

  it('records the slip keyed after the card terminal (F9) and prints 카드, 승인번호 and 할부 on the receipt', async () => {
    await c.cashier.getByTestId('item-cake').click();
    // The line comes back from the core's checkout session; F9 on a sale not yet shown opens nothing
    // (on a loaded CI machine the key beat the line and the panel never opened).
    await expect.poll(() => c.cashier.getByTestId('sale-total').getAttribute('data-total')).toBe(String(CAKE));
    await c.cashier.keyboard.press('F9');
    await c.cashier.getByTestId('panel-card').waitFor();
    expect(await c.cashier.getByTestId('record-card').isDisabled()).toBe(true); // no approval number yet
    await c.cashier.getByTestId('card-approval').fill('30012345');
    await c.cashier.getByTestId('card-company').fill('신한');
    await c.cashier.getByTestId('card-installment').selectOption('3');
    await screenshot(c.cashier, 'card-slip-entry');
    await c.cashier.getByTestId('record-card').click();
    await c.cashier.locator('[data-testid="panel-approved"][data-complete="true"]').waitFor();
    receiptNumber = (await c.cashier.getByTestId('receipt-number').innerText()).split(' ').at(-1)!;
    const { store } = c.till.services.till.engine;
    const sale = store.saleByReceipt(receiptNumber)!;
    const [tender] = store.tendersOfSale(sale.saleId);
    expect(tender).toMatchObject({ method: 'card', state: 'approved', amount: CAKE });
    expect(store.cardSlip(tender!.tenderId)).toEqual({ approvalNumber: '30012345', cardCompany: '신한', installmentMonths: 3 });

    await c.cashier.getByTestId('nav-training').click();
    const receipt = c.cashier.getByTestId('printed-receipt').filter({ hasText: receiptNumber }).first();
    await receipt.waitFor({ timeout: 20_000 });
    const text = await receipt.innerText();
    expect(text).toMatch(/카드\(신한\)\s+6,500/);
    expect(text).toMatch(/승인번호\s+30012345/);
    expect(text).toMatch(/할부\s+3개월/);
  }, 60_000);

  it('shows 카드 in the history and cancels the slip with its cancellation number (취소됨)', async () => {
    await c.cashier.getByTestId('nav-history').click();
    const row = c.cashier.locator(`[data-testid="history-row"][data-receipt="${receiptNumber}"]`);
    expect(await row.innerText()).toContain('카드');
    await row.click();
    expect(await c.cashier.getByTestId('card-slip').innerText()).toBe('신한 · 30012345 · 3개월');
    await c.cashier.getByTestId('cancel-payment-button').click();
    await c.cashier.getByTestId('refund-card-approval').fill('90001111');
    await c.cashier.getByTestId('pin-input').fill(MANAGER_PIN);
    await c.cashier.getByTestId('refund-submit').click();
    await c.cashier.locator('[data-testid="tender-row"][data-state="cancelled"]').waitFor();
    expect(await c.cashier.locator('[data-testid="tender-row"]').innerText()).toContain('취소됨');
    const { store } = c.till.services.till.engine;
    const tender = store.tendersOfSale(store.saleByReceipt(receiptNumber)!.saleId)[0]!;
    const [refund] = store.refundsOfTender(tender.tenderId);
    expect(refund).toMatchObject({ kind: 'void', state: 'completed', amount: CAKE });
    const completed = store.ledger.journal.forAggregate(refund!.refundId).find((r) => r.body.to === 'completed')!;
    expect(completed.body.gatewayRefundId).toBe('90001111');
    await screenshot(c.cashier, 'card-slip-cancelled');
    expect(c.problems).toEqual([]);
  }, 60_000);
});
