import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { STORE_CLOSEOUT_LABELS } from '../../src/store/store-closeout-document.js';
import { waitFor } from '../payments/harness.js';
import { type TestStore, startTestStore } from '../server/store-with-tills.js';
import { useCashier } from './support/cashier.js';

const OWNER_PIN = '0000'; // the first-start owner's PIN (owner outranks manager)

// Issue 18 point 4: the store's close-out "printed on any till's printer", from the till's close-out screen.
describe.sequential("the store's close-out printed from a till's close-out screen, in Chromium", () => {
  let store: TestStore;
  // Registered before the till's hooks: the server starts first and stops last.
  beforeAll(async () => {
    store = await startTestStore(systemClock);
  }, 30_000);
  afterAll(() => store?.close());

  const c = useCashier({
    store: () => ({ url: store.running.url, enrollmentCode: 'CODE-S1' }),
    prepare: async (till) => {
      const { engine, closeout } = till.services.till;
      // A sale gives the store upstream something to send: its first upload enrolls the till.
      await engine.takeCash(engine.openSale({ lines: [{ name: '김밥', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] }).saleId, 4_500);
      let enrolled = false;
      await waitFor(() => {
        void store.db.query('SELECT 1 FROM tills WHERE till_id = $1', [till.services.config.terminalId]).then((r) => (enrolled = r.rows.length === 1));
        return enrolled;
      }, 30_000);
      // The owner made the day's close-out on the dashboard before this till closed.
      await store.server.closeouts.close('S1', closeout.currentBusinessDate());
    },
  });

  it("asks for a manager's PIN, prints the kept version on the till's printer and names the till not closed yet", async () => {
    const { cashier, till } = c;
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
    const storePaper = () => printer.receipts().find((r) => r.lines.some((line) => line.includes(STORE_CLOSEOUT_LABELS.title)))?.lines;
    await expect.poll(() => storePaper() !== undefined, { timeout: 15_000 }).toBe(true);
    expect(storePaper()!.some((line) => line.includes(`[${STORE_CLOSEOUT_LABELS.till} ${tillId}]`))).toBe(true);
    expect(storePaper()!.some((line) => line.includes(STORE_CLOSEOUT_LABELS.notClosed))).toBe(true);
    expect(c.problems).toEqual([]);
  }, 60_000);
});
