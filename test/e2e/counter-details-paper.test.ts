import { describe, expect, it } from 'vitest';
import { useCashier } from './support/cashier.js';

/** A fresh WeChat Pay code (single-use: a retried test needs another) ending in the sandbox's magic suffix. */
const walletCode = (magic: string) => `13${String(Date.now()).slice(-12)}${magic}`;
const TOUCH_PX = 44;
const OWNER_PIN = '0000'; // the first-start owner's PIN (an owner may do what a manager may)

// Issue 13 point 8: the counter details a cashier trips over, on paper and in the history.
describe.sequential('the receipt and history details in Chromium (issue 13, point 8)', () => {
  const c = useCashier();
  let receiptNumber = '';

  it('prints the line discount, 받은 돈 and 거스름돈, and the legend of the 면세 mark', async () => {
    const { cashier } = c;
    await cashier.getByTestId('item-cake').click(); // 딸기 케이크 ₩6,500
    await cashier.getByTestId('item-banana').click(); // 유기농 바나나 ₩3,000, 면세
    await expect.poll(() => cashier.getByTestId('sale-total').getAttribute('data-total')).toBe('9500');
    await cashier.getByTestId('sale-line').filter({ hasText: '케이크' }).click();
    await cashier.getByTestId('amount-entry').focus();
    await cashier.keyboard.type('500', { delay: 120 });
    await cashier.keyboard.press('F6'); // ₩500 off the cake
    await expect.poll(() => cashier.getByTestId('sale-total').getAttribute('data-total')).toBe('9000');

    // A declined wallet payment first (0051: balance not enough), then cash.
    await cashier.getByTestId('nav-training').click();
    await cashier.getByTestId('scan-box').fill(walletCode('0051'));
    await cashier.getByTestId('scan-box').press('Enter');
    await cashier.getByTestId('panel-declined').waitFor({ timeout: 20_000 });
    await cashier.getByTestId('dismiss').click();
    await cashier.keyboard.press('F4');
    await cashier.getByTestId('panel-cash').waitFor();
    await cashier.getByTestId('amount-entry').fill('10000');
    await cashier.keyboard.press('Enter');
    await cashier.locator('[data-testid="panel-approved"][data-complete="true"]').waitFor();
    expect(await cashier.getByTestId('change').getAttribute('data-change')).toBe('1000');
    receiptNumber = (await cashier.getByTestId('receipt-number').innerText()).split(' ').at(-1)!;

    await cashier.getByTestId('nav-training').click();
    const receipt = cashier.getByTestId('printed-receipt').filter({ hasText: receiptNumber }).first();
    await receipt.waitFor({ timeout: 20_000 });
    const paper = await receipt.innerText();
    expect(paper).toMatch(/딸기 케이크\s+1\s+6,500/);
    expect(paper).toMatch(/할인\s+-500/);
    expect(paper).toContain('*유기농 바나나');
    expect(paper).toMatch(/\* 표시는 면세/);
    expect(paper).toMatch(/현금\s+9,000/);
    expect(paper).toMatch(/받은 돈\s+10,000/);
    expect(paper).toMatch(/거스름돈\s+1,000/);
  }, 60_000);

  it('offers no refund or cancel on the declined tender, and its buttons are touch-sized', async () => {
    const { cashier } = c;
    await cashier.getByTestId('nav-history').click();
    const row = cashier.locator(`[data-testid="history-row"][data-receipt="${receiptNumber}"]`);
    await row.click();
    const declined = cashier.locator('[data-testid="tender-row"][data-state="declined"]');
    const approved = cashier.locator('[data-testid="tender-row"][data-state="approved"]');
    await declined.waitFor();
    expect(await declined.innerText()).toContain('거절');
    expect(await declined.locator('button').count()).toBe(0);
    expect(await approved.getByTestId('refund-button').count()).toBe(1);
    expect(await approved.getByTestId('cancel-payment-button').count()).toBe(1);
    const buttons = cashier.locator('.receipt-detail button, .history-screen button');
    const boxes = await buttons.evaluateAll((all) => all.map((b) => ({ name: b.getAttribute('data-testid') ?? b.textContent, ...b.getBoundingClientRect().toJSON() })));
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    for (const b of boxes) expect({ name: b.name, tall: b.height >= TOUCH_PX, wide: b.width >= TOUCH_PX }).toEqual({ name: b.name, tall: true, wide: true });
    const rowBox = (await row.boundingBox())!;
    expect(rowBox.height).toBeGreaterThanOrEqual(TOUCH_PX); // a row is tapped to open its receipt
  });

  it('says 취소됨 in the history list for a sale whose cash was cancelled the same day, not 환불됨', async () => {
    const { cashier } = c;
    const row = cashier.locator(`[data-testid="history-row"][data-receipt="${receiptNumber}"]`);
    await cashier.locator('[data-testid="tender-row"][data-state="approved"]').getByTestId('cancel-payment-button').click();
    await cashier.getByTestId('pin-input').fill(OWNER_PIN);
    await cashier.getByTestId('refund-submit').click();
    await cashier.locator('[data-testid="refund-row"][data-state="completed"]').waitFor();
    await expect.poll(() => row.locator('.marks').innerText()).toBe('취소됨');
    expect(await cashier.locator('[data-testid="tender-row"]').last().getAttribute('data-state')).toBe('cancelled');
    // The card slip's cancel (card-slip.test.ts) is the same void, read in the receipt's detail.
  }, 30_000);

  it('never violated the CSP or threw on the page', () => {
    expect(c.problems).toEqual([]);
  });
});
