import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { useCashier } from './support/cashier.js';

const MANAGER_PIN = '0000'; // the first-start owner's PIN

describe.sequential('현금영수증 at the counter in Chromium (issue 13, point 7)', () => {
  let receiptNumber = '';
  const journalOf = (tenderId: string) => c.till.services.till.engine.store.ledger.journal.forAggregate(tenderId);

  const c = useCashier();

  it('is issued with the cash: the receipt prints 용도 and the masked number, the slip its 승인번호', async () => {
    await c.cashier.getByTestId('item-cake').click();
    await c.cashier.keyboard.press('F4');
    await c.cashier.getByTestId('panel-cash').waitFor();
    await c.cashier.getByTestId('cash-receipt-id').fill('010-12');
    await c.cashier.getByTestId('take-cash').click();
    await c.cashier.getByTestId('panel-refused').waitFor(); // the core checked the number: nothing was taken
    expect(await c.cashier.getByTestId('panel-refused').getAttribute('data-code')).toBe('cash-receipt-id');
    await c.cashier.getByTestId('dismiss').click();
    await c.cashier.keyboard.press('F4');
    await c.cashier.getByTestId('cash-receipt-id').fill('010-9876-5432');
    await screenshot(c.cashier, 'cash-receipt-entry');
    await c.cashier.getByTestId('take-cash').click();
    await c.cashier.locator('[data-testid="panel-approved"][data-complete="true"]').waitFor();
    receiptNumber = (await c.cashier.getByTestId('receipt-number').innerText()).split(' ').at(-1)!;
    const { store } = c.till.services.till.engine;
    const tender = store.tendersOfSale(store.saleByReceipt(receiptNumber)!.saleId)[0]!;
    await expect.poll(() => store.cashReceipt(tender.tenderId)?.state, { timeout: 20_000 }).toBe('issued');
    const approval = store.cashReceipt(tender.tenderId)!.approvalNumber!;

    await c.cashier.getByTestId('nav-training').click();
    const receipt = c.cashier.getByTestId('printed-receipt').filter({ hasText: '영수증번호' }).filter({ hasText: '현금영수증' }).first();
    await receipt.waitFor({ timeout: 20_000 });
    const text = await receipt.innerText();
    expect(text).toMatch(/현금영수증\s+소득공제/);
    expect(text).toContain('010-****-5432');
    // The 승인번호 is on paper: on the receipt when the gateway answered before it printed, else on the slip that follows.
    const issued = c.cashier.getByTestId('printed-receipt').filter({ hasText: '010-****-5432' }).filter({ hasText: approval }).first();
    await issued.waitFor({ timeout: 20_000 });
    expect(await issued.innerText()).toMatch(new RegExp(`승인번호\\s+${approval}`));
    for (const paper of await c.cashier.getByTestId('printed-receipt').allInnerTexts()) expect(paper).not.toContain('9876'); // never the full number
  }, 90_000);

  it('is cancelled by the cash refund of that sale', async () => {
    await c.cashier.getByTestId('nav-history').click();
    await c.cashier.locator(`[data-testid="history-row"][data-receipt="${receiptNumber}"]`).click();
    await c.cashier.getByTestId('refund-button').click();
    await c.cashier.getByTestId('refund-amount').fill('6500');
    await c.cashier.getByTestId('pin-input').fill(MANAGER_PIN);
    await c.cashier.getByTestId('refund-submit').click();
    await c.cashier.locator('[data-testid="refund-row"][data-state="completed"]').waitFor();
    const { store } = c.till.services.till.engine;
    const tender = store.tendersOfSale(store.saleByReceipt(receiptNumber)!.saleId)[0]!;
    const cancel = journalOf(tender.tenderId).find((r) => r.kind === 'cash-receipt.cancel-requested');
    expect(cancel?.body).toMatchObject({ amount: 6_500, originalApproval: store.cashReceipt(tender.tenderId)!.approvalNumber });
    await expect.poll(() => journalOf(tender.tenderId).find((r) => r.kind === 'cash-receipt.cancel-result')?.body.status, { timeout: 20_000 }).toBe('cancelled');
    expect(c.problems).toEqual([]);
  }, 60_000);
});
