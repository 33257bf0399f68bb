import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { IdFactory } from '../../src/payments/ids.js';
import { SaleHistory } from '../../src/payments/sale-history.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { walletLabelKo } from '../../src/receipts/wallet-labels.js';
import { ko } from '../../renderer/src/i18n/ko.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, openTill, startGateway, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the history list', () => {
  it('names the wallet the gateway reported for a wallet payment, beside the other methods (issue 13 point 4)', async () => {
    const dir = tempDir();
    const { sandbox, client } = await startGateway(dir);
    cleanups.push(() => sandbox.close());
    const { engine, ledger } = openTill(dir, client());
    engine.start();
    cleanups.push(async () => {
      await engine.stop();
      ledger.close();
    });
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
    cleanups.push(() => session.close());
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

  it('marks a sale unsynced while any row of it, its tenders or its refunds waits in the outbox', async () => {
    const dir = tempDir();
    const { sandbox, client } = await startGateway(dir);
    cleanups.push(() => sandbox.close());
    const { engine, ledger } = openTill(dir, client()); // not started: nothing syncs unless the test acknowledges it
    cleanups.push(() => ledger.close());
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
    cleanups.push(() => session.close());
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
