import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chromium, openCashier, screenshot } from './support/browser.js';
import { type TillServer, startTill } from './support/till-server.js';

const WALLET_CODE = '134728953980221234'; // a WeChat Pay code the sandbox approves at once
const OWNER_PIN = '0000'; // the first-start owner's PIN

/** Sets the sandbox gateway's fault rules: `drop-before` drops every request, as a network cable pulled out. */
async function setFaults(till: TillServer, rules: Array<{ fault: string }>): Promise<void> {
  const answer = await fetch(`${till.services.till.training!.gateway.url}/sandbox/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  expect(answer.ok, await answer.clone().text()).toBe(true);
}

describe.sequential('a day closed offline, amended on the close-out screen (issue 15, Deliver 2 and 4)', () => {
  let till: TillServer;
  let browser: Chromium;
  let cashier: Page;
  let problems: string[] = [];
  let closedDate = '';

  beforeAll(async () => {
    till = await startTill();
    const { engine } = till.services.till;
    const sale = engine.openSale({ lines: [{ name: '우유', unitPrice: 2_500, quantity: 2, tax: 'taxable' }] });
    await engine.payByCode(sale.saleId, WALLET_CODE);
    // The payment reaches the gateway before the network goes.
    for (const start = Date.now(); engine.store.ledger.outbox.depth() > 0; await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() - start > 20_000) throw new Error('the sale did not sync');
    }
    ({ browser, cashier, problems } = await openCashier(till.cashierUrl));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await till?.close();
  });

  it('closes the Z with the gateway unreachable: its reconciliation is unavailable', async () => {
    await setFaults(till, [{ fault: 'drop-before' }]);
    await cashier.getByTestId('nav-closeout').click();
    await cashier.getByTestId('x-report').click();
    await cashier.locator('[data-testid="closeout-title"][data-kind="X"]').waitFor();
    await cashier.getByTestId('z-report').click();
    const dialog = cashier.getByTestId('z-confirm');
    await dialog.waitFor();
    await dialog.getByTestId('pin-input').fill(OWNER_PIN);
    await dialog.getByTestId('z-confirm-submit').click();
    await cashier.locator('[data-testid="closeout-title"][data-kind="Z"]').waitFor();
    closedDate = (await cashier.getByTestId('closeout-title').getAttribute('data-date'))!;
    expect(await cashier.getByTestId('reconciliation').getAttribute('data-status')).toBe('unavailable');
    expect(till.services.till.closeout.storedZ(closedDate)?.reconciliation.status).toBe('unavailable');
  });

  it('once the gateway answers, the next X reconciles the closed day once and lists it as 마감 후 대사, the Z unchanged', async () => {
    const { closeout, engine } = till.services.till;
    const z = closeout.storedZ(closedDate)!;
    await setFaults(till, []);
    // The Z waiting in the outbox is what finds the gateway again.
    await expect.poll(() => engine.store.ledger.outbox.depth(), { timeout: 30_000 }).toBe(0);
    await cashier.getByTestId('x-report').click();
    const correction = cashier.locator('[data-testid="correction"][data-kind="reconciliation-amendment"]');
    await correction.waitFor({ timeout: 20_000 });
    expect(await cashier.locator('[data-testid="closeout-title"]').getAttribute('data-kind')).toBe('X');
    expect(await cashier.getByTestId('closeout-title').getAttribute('data-date')).not.toBe(closedDate);
    const row = await correction.innerText();
    expect(row).toContain('마감 후 대사');
    expect(row).toContain(closedDate);
    await screenshot(cashier, 'closeout-amendment');

    // Journaled once beside the Z, which stays as it was closed.
    const amended = await closeout.x({ businessDate: closedDate });
    expect(amended.closing).toEqual(z.closing);
    expect(amended.reconciliation).toEqual(z.reconciliation);
    expect(amended.amendment?.reconciliation).toMatchObject({ status: 'done', matched: 1, missingAtGateway: [], missingInPos: [] });
    await cashier.getByTestId('x-report').click();
    await cashier.locator('[data-testid="correction"][data-kind="reconciliation-amendment"]').waitFor();
    const amendments = engine.store.ledger.journal.forAggregate(`day:${closedDate}`).filter((r) => r.kind === 'closeout.amendment');
    expect(amendments).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
