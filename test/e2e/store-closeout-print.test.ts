import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { STORE_CLOSEOUT_LABELS } from '../../src/store/store-closeout-document.js';
import { waitFor } from '../payments/harness.js';
import { type TestStore, startTestStore } from '../server/store-with-tills.js';
import { type Chromium, openCashier } from './support/browser.js';
import { type TillServer, startTill } from './support/till-server.js';

const OWNER_PIN = '0000'; // the first-start owner's PIN (owner outranks manager)

// Issue 18 point 4: the store's close-out "printed on any till's printer", from the till's close-out screen.
describe.sequential("the store's close-out printed from a till's close-out screen, in Chromium", () => {
  let store: TestStore;
  let till: TillServer;
  let browser: Chromium;
  let cashier: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    store = await startTestStore(systemClock);
    till = await startTill({ store: { url: store.running.url, enrollmentCode: 'CODE-S1' } });
    const { engine } = till.services.till;
    // A sale gives the store upstream something to send: its first upload enrolls the till.
    await engine.takeCash(engine.openSale({ lines: [{ name: '김밥', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] }).saleId, 4_500);
    const tillId = till.services.config.terminalId;
    let enrolled = false;
    await waitFor(() => {
      void store.db.query('SELECT 1 FROM tills WHERE till_id = $1', [tillId]).then((r) => (enrolled = r.rows.length === 1));
      return enrolled;
    }, 30_000);
    // The owner made the day's close-out on the dashboard before this till closed.
    await store.server.closeouts.close('S1', till.services.till.closeout.currentBusinessDate());
    ({ browser, cashier, problems } = await openCashier(till.cashierUrl));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await till?.close();
    await store?.close();
  });

  it("asks for a manager's PIN, prints the kept version on the till's printer and names the till not closed yet", async () => {
    await cashier.getByTestId('nav-closeout').click();
    await cashier.getByTestId('x-report').click();
    await cashier.locator('[data-testid="closeout-title"][data-kind="X"]').waitFor();
    await cashier.getByTestId('closeout-print-store').click();
    const prompt = cashier.getByTestId('pin-prompt');
    await prompt.getByTestId('pin-input').fill(OWNER_PIN);
    await prompt.getByTestId('pin-prompt-submit').click();
    await prompt.waitFor({ state: 'detached', timeout: 15_000 });
    const tillId = till.services.config.terminalId;
    const notice = cashier.getByTestId('notice').filter({ hasText: '버전 1' });
    await notice.first().waitFor({ timeout: 15_000 });
    expect(await notice.first().innerText()).toContain(tillId);

    const printer = till.services.till.training!.printer;
    await expect.poll(() => printer.receipts().some((r) => r.lines.some((line) => line.includes(STORE_CLOSEOUT_LABELS.title))), { timeout: 15_000 }).toBe(true);
    const paper = printer.receipts().find((r) => r.lines.some((line) => line.includes(STORE_CLOSEOUT_LABELS.title)))!.lines;
    expect(paper.some((line) => line.includes(`[${STORE_CLOSEOUT_LABELS.till} ${tillId}]`))).toBe(true);
    expect(paper.some((line) => line.includes(STORE_CLOSEOUT_LABELS.notClosed))).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);
});
