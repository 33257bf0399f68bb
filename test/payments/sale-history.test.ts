import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { IdFactory } from '../../src/payments/ids.js';
import { SaleHistory } from '../../src/payments/sale-history.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { walletLabelKo } from '../../src/receipts/wallet-labels.js';
import { ko } from '../../renderer/src/i18n/ko.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A till on the sandbox with its checkout session; `started: false` leaves sync (and the engine's loops) off. */
async function till({ started = true } = {}) {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  cleanups.push(() => sandbox.close());
  const { engine, ledger } = openTill(dir, client());
  if (started) engine.start();
  cleanups.push(async () => {
    if (started) await engine.stop();
    ledger.close();
  });
  const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
  cleanups.push(() => session.close());
  return { engine, ledger, session };
}

describe('the history list', () => {
  it('names the wallet the gateway reported for a wallet payment, beside the other methods (issue 13 point 4)', async () => {
    const { engine, ledger, session } = await till();
    session.addLine({ name: '케이크', unitPrice: 3_000, quantity: 1, tax: 'taxable' });
    session.setPart(1_000);
    await session.cash(1_000);
    const paid = await session.payByCode(walletCode(1)); // a WeChat Pay code
    expect(paid.outcome).toMatchObject({ kind: 'approved', complete: true });

    const [item] = new SaleHistory(ledger.db, engine, systemClock).list(undefined, 10).items;
    expect(item).toMatchObject({ wallets: ['wechat-pay'] });
    expect([...item!.methods].sort()).toEqual(['cash', 'cpm']);
    // The screen's Korean name is the paper's (one table: src/receipts/wallet-labels.ts).
    expect(ko.wallet['wechat-pay']).toBe(walletLabelKo('wechat-pay'));
  });

  it('tells a cancelled sale (취소됨) from a refunded one (환불됨), a cash sale cancelled the same day too (issue 13 point 8)', async () => {
    const { engine, ledger, session } = await till();
    const sell = async (unitPrice: number, pay: () => Promise<{ outcome: unknown }>) => {
      session.addLine({ name: '케이크', unitPrice, quantity: 1, tax: 'taxable' });
      expect((await pay()).outcome).toMatchObject({ kind: 'approved', complete: true });
    };
    await sell(3_000, () => session.cash(3_000));
    await sell(4_000, () => session.cash(4_000));
    await sell(5_000, () => session.payByCode(walletCode(3)));
    const history = new SaleHistory(ledger.db, engine, systemClock);
    const tenderOf = (total: number) => history.detail(history.list(undefined, 10).items.find((i) => i.total === total)!.saleId)!.tenders[0]!;
    // The history's 결제 취소 asks for the whole payment (RefundDialog): the core books it as a void on the day it was paid.
    const cashCancel = await engine.refund({ tenderId: tenderOf(3_000).tenderId, amount: 3_000, managerPin: MANAGER_PIN });
    expect(cashCancel).toMatchObject({ kind: 'void', state: 'completed' });
    await engine.refund({ tenderId: tenderOf(4_000).tenderId, amount: 1_000, managerPin: MANAGER_PIN, reason: '손님 변심' });
    const walletVoid = await engine.refund({ tenderId: tenderOf(5_000).tenderId, managerPin: MANAGER_PIN });
    await waitFor(() => engine.store.refund(walletVoid.refundId)?.state === 'completed');

    const marks = Object.fromEntries(history.list(undefined, 10).items.map((i) => [i.total, { refunded: i.refunded, cancelled: i.cancelled }]));
    expect(marks).toEqual({
      3000: { refunded: 0, cancelled: 3_000 },
      4000: { refunded: 1_000, cancelled: 0 },
      5000: { refunded: 0, cancelled: 5_000 },
    });
    expect(tenderOf(3_000).state).toBe('cancelled');
  });

  it('marks a sale unsynced while any row of it, its tenders or its refunds waits in the outbox', async () => {
    const { engine, ledger, session } = await till({ started: false }); // nothing syncs unless the test acknowledges it
    const sell = async (unitPrice: number) => {
      session.addLine({ name: '케이크', unitPrice, quantity: 1, tax: 'taxable' });
      const { outcome } = await session.cash(unitPrice);
      expect(outcome).toMatchObject({ kind: 'approved', complete: true });
    };
    await sell(3_000);
    await sell(4_000);
    const history = new SaleHistory(ledger.db, engine, systemClock);
    const unsynced = () => Object.fromEntries(history.list(undefined, 10).items.map((i) => [i.total, i.unsynced]));
    expect(unsynced()).toEqual({ 3000: true, 4000: true });

    ledger.outbox.acknowledge(ledger.outbox.nextBatch(1_000).map((i) => i.record.seq));
    expect(unsynced()).toEqual({ 3000: false, 4000: false });

    // A refund's rows belong to the refund, not the sale: the sale is unsynced through them.
    const sale = history.list(undefined, 10).items.find((i) => i.total === 3_000)!;
    const [tender] = history.detail(sale.saleId)!.tenders;
    await engine.refund({ tenderId: tender!.tenderId, amount: 1_000, managerPin: MANAGER_PIN, reason: '손님 변심' });
    expect(unsynced()).toEqual({ 3000: true, 4000: false });
    // A quarantined row is the owner's to release (listed with the open items), not the sale's to wait for.
    const refundRows = ledger.outbox.nextBatch(1_000);
    expect(refundRows.length).toBeGreaterThan(0);
    for (const row of refundRows) ledger.outbox.quarantine(row.record.seq, 'refused by the gateway');
    expect(unsynced()).toEqual({ 3000: false, 4000: false });
    expect(ledger.outbox.release(refundRows[0]!.record.seq)).toBe(true);
    expect(unsynced()).toEqual({ 3000: true, 4000: false });
    ledger.outbox.acknowledge([refundRows[0]!.record.seq]);
    expect(unsynced()).toEqual({ 3000: false, 4000: false });
  });
});
