import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chromium, openCashier, screenshot } from './support/browser.js';
import { type TillServer, startTill } from './support/till-server.js';

const MANAGER_PIN = '0000'; // the first-start owner's PIN

describe.sequential('현금영수증 at the counter in Chromium (issue 13, point 7)', () => {
  let till: TillServer;
  let browser: Chromium;
  let cashier: Page;
  let problems: string[] = [];
  let receiptNumber = '';
  const journalOf = (tenderId: string) => till.services.till.engine.store.ledger.journal.forAggregate(tenderId);

  beforeAll(async () => {
    till = await startTill();
    ({ browser, cashier, problems } = await openCashier(till.cashierUrl));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await till?.close();
  });

  it('is issued with the cash: the receipt prints 용도 and the masked number, the slip its 승인번호', async () => {
    await cashier.getByTestId('item-cake').click();
    await cashier.keyboard.press('F4');
    await cashier.getByTestId('panel-cash').waitFor();
    await cashier.getByTestId('cash-receipt-id').fill('010-12');
    await cashier.getByTestId('take-cash').click();
    await cashier.getByTestId('panel-refused').waitFor(); // the core checked the number: nothing was taken
    expect(await cashier.getByTestId('panel-refused').getAttribute('data-code')).toBe('cash-receipt-id');
    await cashier.getByTestId('dismiss').click();
    await cashier.keyboard.press('F4');
    await cashier.getByTestId('cash-receipt-id').fill('010-9876-5432');
    await screenshot(cashier, 'cash-receipt-entry');
    await cashier.getByTestId('take-cash').click();
    await cashier.locator('[data-testid="panel-approved"][data-complete="true"]').waitFor();
    receiptNumber = (await cashier.getByTestId('receipt-number').innerText()).split(' ').at(-1)!;
    const { store } = till.services.till.engine;
    const tender = store.tendersOfSale(store.saleByReceipt(receiptNumber)!.saleId)[0]!;
    await expect.poll(() => store.cashReceipt(tender.tenderId)?.state, { timeout: 20_000 }).toBe('issued');
    const approval = store.cashReceipt(tender.tenderId)!.approvalNumber!;

    await cashier.getByTestId('nav-training').click();
    const receipt = cashier.getByTestId('printed-receipt').filter({ hasText: '영수증번호' }).filter({ hasText: '현금영수증' }).first();
    await receipt.waitFor({ timeout: 20_000 });
    const text = await receipt.innerText();
    expect(text).toMatch(/현금영수증\s+소득공제/);
    expect(text).toContain('010-****-5432');
    // The 승인번호 is on paper: on the receipt when the gateway answered before it printed, else on the slip that follows.
    const issued = cashier.getByTestId('printed-receipt').filter({ hasText: '010-****-5432' }).filter({ hasText: approval }).first();
    await issued.waitFor({ timeout: 20_000 });
    expect(await issued.innerText()).toMatch(new RegExp(`승인번호\\s+${approval}`));
    for (const paper of await cashier.getByTestId('printed-receipt').allInnerTexts()) expect(paper).not.toContain('9876'); // never the full number
  }, 90_000);

  it('is cancelled by the cash refund of that sale', async () => {
    await cashier.getByTestId('nav-history').click();
    await cashier.locator(`[data-testid="history-row"][data-receipt="${receiptNumber}"]`).click();
    await cashier.getByTestId('refund-button').click();
    await cashier.getByTestId('refund-amount').fill('6500');
    await cashier.getByTestId('pin-input').fill(MANAGER_PIN);
    await cashier.getByTestId('refund-submit').click();
    await cashier.locator('[data-testid="refund-row"][data-state="completed"]').waitFor();
    const { store } = till.services.till.engine;
    const tender = store.tendersOfSale(store.saleByReceipt(receiptNumber)!.saleId)[0]!;
    const cancel = journalOf(tender.tenderId).find((r) => r.kind === 'cash-receipt.cancel-requested');
    expect(cancel?.body).toMatchObject({ amount: 6_500, originalApproval: store.cashReceipt(tender.tenderId)!.approvalNumber });
    await expect.poll(() => journalOf(tender.tenderId).find((r) => r.kind === 'cash-receipt.cancel-result')?.body.status, { timeout: 20_000 }).toBe('cancelled');
    expect(problems).toEqual([]);
  }, 60_000);
});
