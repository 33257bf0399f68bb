import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { PaymentError } from '../../src/payments/errors.js';
import { IdFactory } from '../../src/payments/ids.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { CASHIER_PIN, MANAGER_PIN, goOffline, openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const cake = { name: '케이크', unitPrice: 3_000, quantity: 1, tax: 'taxable' as const };
const water = { name: '생수', unitPrice: 1_000, quantity: 1, tax: 'tax-free' as const };

/** A till on its own journal; `reopen()` closes it and starts it again on the same journal, as a restart does. */
async function till(dir = tempDir()) {
  const { sandbox, client } = await startGateway(dir);
  cleanups.push(() => sandbox.close());
  type Till = ReturnType<typeof openTill> & { session: CheckoutSession; reopen: () => Promise<Till> };
  const open = (): Till => {
    const { engine, ledger } = openTill(dir, client());
    engine.start();
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      session.close();
      await engine.stop();
      ledger.close();
    };
    cleanups.push(close);
    return { engine, ledger, session, reopen: async () => {
      await close();
      return open();
    } };
  };
  return { ...open(), sandbox };
}

const refusal = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof PaymentError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('the checkout session', () => {
  it('prices the cart as the sale is priced: line and sale discounts, VAT split', async () => {
    const { session } = await till();
    session.addLine({ ...cake, quantity: 2 });
    const line = session.addLine(water).lines[1]!;
    session.discount({ lineId: line.lineId, kind: 'percent', value: 50 });
    const state = session.discount({ kind: 'amount', value: 1_100 });
    expect(state.lines.map((l) => l.amount)).toEqual([6_000, 500]);
    expect(state.totals).toMatchObject({ subtotal: 6_500, total: 5_400 });
    expect(state.totals.supply + state.totals.vat + state.totals.taxFree).toBe(5_400);
  });

  it('refuses every line change while a CPM payment waits for the password, and closes the sale at what was paid', async () => {
    const { session, engine } = await till();
    const [line] = session.addLine(cake).lines;
    const paying = session.payByCode(walletCode(1, '0091')); // USERPAYING, then approved
    await waitFor(() => session.state().tender?.state != null);
    expect(session.state().locked?.code).toBe('sale-locked');
    expect(refusal(() => session.setQuantity(line!.lineId, 3))).toBe('sale-locked');
    expect(refusal(() => session.removeLine(line!.lineId))).toBe('sale-locked');
    expect(refusal(() => session.discount({ kind: 'amount', value: 1_000 }))).toBe('sale-locked');
    expect(refusal(() => session.addLine(water))).toBe('sale-locked');
    const done = await paying;
    expect(done.outcome).toMatchObject({ kind: 'approved', amount: 3_000, complete: true });
    const sale = engine.store.saleByReceipt(done.outcome!.kind === 'approved' ? done.outcome!.receiptNumber! : '')!;
    expect(sale.total).toBe(3_000);
    expect(engine.store.saleOpened(sale.saleId).lines).toEqual([{ name: '케이크', unitPrice: 3_000, quantity: 1, tax: 'taxable' }]);
    expect(done.lines).toEqual([]); // the next customer's cart
  });

  it('keeps the lines locked after a part payment, and lets them change again after a decline', async () => {
    const { session } = await till();
    const [line] = session.addLine({ ...cake, quantity: 2 }).lines;
    const declined = await session.payByCode(walletCode(2, '0051')); // balance not enough
    expect(declined.outcome).toMatchObject({ kind: 'declined', reasonCode: 'USER_BALANCE_NOT_ENOUGH' });
    expect(session.setQuantity(line!.lineId, 1).totals.total).toBe(3_000); // nothing was taken: the cashier may change it
    session.setPart(1_000);
    const part = await session.cash(1_000);
    expect(part.outcome).toMatchObject({ kind: 'approved', amount: 1_000, complete: false });
    expect(part.sale?.balance).toMatchObject({ paid: 1_000, due: 2_000 });
    expect(refusal(() => session.setQuantity(line!.lineId, 2))).toBe('sale-locked');
    expect(refusal(() => session.cancelSale())).toBe('sale-has-payments');
  });

  it('refuses a second code while the first is in flight', async () => {
    const { session } = await till();
    session.addLine(cake);
    const first = session.payByCode(walletCode(3, '0091'));
    await expect(session.payByCode(walletCode(4))).rejects.toMatchObject({ code: 'tender-in-flight' });
    await first;
  });

  it('publishes a refusal of a scan nobody awaits (a hardware scan) in its state', async () => {
    const { session } = await till();
    await session.scan(walletCode(5));
    expect(session.state().refusal).toMatchObject({ code: 'nothing-to-pay', seq: 1 });
  });

  it('shows the same cart after a restart mid-sale, and the same open sale', async () => {
    const { session, reopen } = await till();
    session.addLine(cake);
    const [, line] = session.addLine(water).lines;
    session.setQuantity(line!.lineId, 4);
    const before = session.state();
    const after = (await reopen()).session.state();
    expect(after.cartId).toBe(before.cartId);
    expect(after.lines).toEqual(before.lines);
    expect(after.totals.total).toBe(7_000);
  });

  it('asks for a confirmation of an open-price line over the limit, never of a catalog item (point 8)', async () => {
    const { session } = await till();
    const misread = { name: '금액', unitPrice: 1_347_289_539, quantity: 1, tax: 'taxable' as const };
    expect(refusal(() => session.addLine(misread))).toBe('open-price-over-limit');
    expect(refusal(() => session.addLine({ ...misread, unitPrice: 600_000, quantity: 2 }))).toBe('open-price-over-limit');
    expect(session.state().lines).toEqual([]);
    expect(session.addLine({ ...misread, unitPrice: 1_000_000 }).lines).toHaveLength(1); // at the limit: no question
    expect(session.addLine(misread, { confirmed: true }).lines.at(-1)).toMatchObject({ unitPrice: 1_347_289_539 });
    expect(session.addLine({ ...misread, itemId: 'TV-85', name: 'TV 85"', unitPrice: 4_990_000 }).lines).toHaveLength(3);
  });

  it('takes the open-price limit from the till', async () => {
    const { engine } = await till();
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger, openPriceLimit: 50_000 });
    cleanups.push(() => session.close());
    expect(refusal(() => session.addLine({ ...cake, unitPrice: 50_001 }))).toBe('open-price-over-limit');
    expect(session.addLine({ ...cake, unitPrice: 50_000 }).lines).toHaveLength(1);
  });

  it('takes no payment while the till says its receipts lack store details (live mode, issue 13 point 8)', async () => {
    const { engine } = await till();
    let missing: string[] = ['name', 'representative'];
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger, missingDetails: () => missing });
    cleanups.push(() => session.close());
    session.addLine(cake);
    await expect(session.cash(3_000)).rejects.toMatchObject({ code: 'store-details-missing', message: expect.stringMatching(/name, representative/) });
    await expect(session.payByCode(walletCode(41))).rejects.toMatchObject({ code: 'store-details-missing' });
    expect(session.state().sale).toBeNull(); // nothing journaled as a sale
    missing = [];
    expect((await session.cash(3_000)).lastReceipt).not.toBeNull();
  });

  it('journals a scan on a 200-line sale as the one line it adds, not the whole cart (issue 17, scan to paint)', async () => {
    const { session, ledger } = await till();
    const { journal } = ledger;
    const start = journal.tail().seq;
    for (let i = 0; i < 200; i++) session.addLine({ ...water, name: `품목 ${i}` });
    await waitFor(() => journal.tail().seq > start);
    const before = journal.tail().seq;
    session.addLine(cake);
    await waitFor(() => journal.tail().seq > before);
    const row = journal.get(before + 1)!;
    expect(row.kind).toBe('checkout.cart-change');
    expect(JSON.stringify(row.body).length).toBeLessThan(400); // the whole cart is about 24 KB
  });

  it('journals the changes of one burst (a scanner read twice, a quantity key) as one row, after the screens were told', async () => {
    const { session, ledger } = await till();
    const { journal } = ledger;
    const before = journal.tail().seq;
    const shown: number[] = [];
    session.onChange(() => shown.push(journal.tail().seq));
    session.addLine(cake);
    const [, water2] = session.addLine(water).lines;
    session.setQuantity(water2!.lineId, 2);
    expect(shown).toEqual([before, before, before]); // painted without waiting for the disk
    await waitFor(() => journal.tail().seq > before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(journal.tail().seq).toBe(before + 1);
    expect(journal.get(before + 1)!.body).toMatchObject({ lines: [{ name: cake.name }, { name: water.name, quantity: 2 }] });
  });

  it('replays every kind of change onto the cart after a restart, and keeps line ids unique', async () => {
    const { session, reopen } = await till();
    const ids = session.addLine(cake).lines.map((l) => l.lineId);
    ids.push(session.addLine(water).lines[1]!.lineId, session.addLine({ ...water, name: '우유', unitPrice: 2_500 }).lines[2]!.lineId);
    session.setQuantity(ids[1]!, 3);
    session.discount({ lineId: ids[0]!, kind: 'amount', value: 500 });
    session.removeLine(ids[2]!);
    session.discount({ kind: 'percent', value: 10 });
    const declined = await session.payByCode(walletCode(6, '0051')); // journals the sale, and its id on the cart
    expect(declined.outcome).toMatchObject({ kind: 'declined' });
    const before = session.state();
    expect(before.sale?.state).toBe('open');

    const second = await reopen();
    const after = second.session.state();
    expect({ ...after, version: 0 }).toEqual({ ...before, version: 0, outcome: null });
    // A change after the restart follows the replayed cart: a new id, and the journal's next restart sees it too.
    const added = second.session.addLine(cake).lines.at(-1)!;
    expect(ids).not.toContain(added.lineId);
    const changed = second.session.state();
    const third = await second.reopen();
    expect(third.session.state().lines).toEqual(changed.lines);
    expect(third.session.state().totals).toEqual(changed.totals);
    expect(third.engine.store.sale(before.sale!.saleId)?.state).toBe('abandoned'); // the changed cart gave up the declined sale
  });

  it('starts an empty cart after a restart once the sale was paid', async () => {
    const { session, reopen } = await till();
    session.addLine(cake);
    await session.cash(5_000);
    expect((await reopen()).session.state().lines).toEqual([]);
  });
  it("marks an offline QR paid only on a manager's PIN, journaled with who vouched; 'did not pay' needs none (issue 14 point 3)", async () => {
    const { engine, session, sandbox } = await till();
    await goOffline(engine, sandbox);
    session.addLine(cake);
    const tenderId = (await session.showQr()).tender!.tenderId!;
    await expect(session.settleOfflineQr({ customerPaid: true })).rejects.toMatchObject({ code: 'pin-invalid' });
    await expect(session.settleOfflineQr({ customerPaid: true, managerPin: '9999' })).rejects.toMatchObject({ code: 'pin-invalid' });
    await expect(session.settleOfflineQr({ customerPaid: true, managerPin: CASHIER_PIN })).rejects.toMatchObject({ code: 'role-too-low' });
    expect(engine.store.tender(tenderId)!.state).toBe('created');
    const paid = await session.settleOfflineQr({ customerPaid: true, managerPin: MANAGER_PIN });
    expect(paid.outcome).toMatchObject({ kind: 'approved', tenderId, pending: true, complete: true });
    expect(engine.store.ledger.journal.forAggregate(tenderId).at(-1)!.body).toMatchObject({ from: 'created', to: 'pending-confirmation', staffId: 'm1' });

    session.addLine(water);
    const unpaid = (await session.showQr()).tender!.tenderId!;
    expect((await session.settleOfflineQr({ customerPaid: false })).outcome).toMatchObject({ kind: 'cancelled', tenderId: unpaid });
    expect(engine.store.tender(unpaid)!.state).toBe('abandoned');
  });
});
