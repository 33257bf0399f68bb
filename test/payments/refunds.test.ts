import { afterEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError, RefundRefusedError } from '../../src/payments/errors.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { PAYMENT_TABLES } from '../../src/payments/migrations.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { CASHIER_PIN, MANAGER_PIN, type Sandbox, goOffline, openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till(config: object = {}): Promise<{ engine: PaymentEngine; sandbox: Sandbox }> {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client(), { config: { terminalId: 'T01', ...config } });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox };
}

async function paidSale(engine: PaymentEngine, amount = 10_000, code = 1) {
  const sale = engine.openSale({ lines: [{ name: 'Ramyeon', unitPrice: amount, quantity: 1, tax: 'taxable' }] });
  const { tender } = await engine.payByCode(sale.saleId, walletCode(code));
  return { sale: engine.store.sale(sale.saleId)!, tender };
}

describe('refunds and voids', () => {
  it('refunds partially and repeatedly up to what was paid, never beyond', async () => {
    const { engine, sandbox } = await till({ sameDayVoid: false });
    const { sale, tender } = await paidSale(engine);
    expect(engine.recentSales().map((s) => s.saleId)).toEqual([sale.saleId]);
    const found = engine.findSale(sale.receiptNumber!)!;
    expect(found.tenders[0]!.refundable).toBe(10_000);
    expect((await engine.refund({ tenderId: tender.tenderId, amount: 3_000, managerPin: MANAGER_PIN })).state).toBe('completed');
    expect(engine.store.tender(tender.tenderId)!.state).toBe('refunded-partially');
    await engine.refund({ tenderId: tender.tenderId, amount: 2_000, managerPin: MANAGER_PIN });
    await expect(engine.refund({ tenderId: tender.tenderId, amount: 5_001, managerPin: MANAGER_PIN })).rejects.toThrow(/At most 5000/);
    await engine.refund({ tenderId: tender.tenderId, managerPin: MANAGER_PIN });
    expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'refunded', refunded: 10_000 });
    expect(engine.findSale(sale.receiptNumber!)!.refunds.map((r) => [r.kind, r.amount])).toEqual([['refund', 3_000], ['refund', 2_000], ['refund', 5_000]]);
    const books = sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === tender.tenderId)!;
    expect(books).toMatchObject({ refunded: 10_000, netCharged: 0 });
  });

  it('offers nothing to refund of a declined payment (issue 13 point 8: history showed 환불 and 결제 취소 on it)', async () => {
    const { engine } = await till();
    const sale = engine.openSale({ lines: [{ name: 'Ramyeon', unitPrice: 10_000, quantity: 1, tax: 'taxable' }] });
    const { tender } = await engine.payByCode(sale.saleId, walletCode(2, '0051')).catch(() => ({ tender: engine.store.tendersOfSale(sale.saleId)[0]! }));
    expect(engine.store.tender(tender.tenderId)!.state).toBe('declined');
    await engine.takeCash(sale.saleId, 10_000);
    const found = engine.findSale(engine.store.sale(sale.saleId)!.receiptNumber!)!;
    expect(found.tenders.map((t) => [t.method, t.state, t.refundable])).toEqual([['cpm', 'declined', 0], ['cash', 'approved', 10_000]]);
  });

  it('refunds a whole payment in one go where voids are off', async () => {
    const { engine } = await till({ sameDayVoid: false });
    const { tender } = await paidSale(engine);
    expect(await engine.refund({ tenderId: tender.tenderId, managerPin: MANAGER_PIN })).toMatchObject({ kind: 'refund', state: 'completed', amount: 10_000 });
    expect(engine.store.tender(tender.tenderId)!.state).toBe('refunded');
  });

  it('voids a whole payment on the same day instead of refunding it', async () => {
    const { engine, sandbox } = await till();
    const { tender } = await paidSale(engine);
    const refund = await engine.refund({ tenderId: tender.tenderId, managerPin: MANAGER_PIN, reason: 'customer changed mind' });
    expect(refund.kind).toBe('void');
    // WeChat Pay takes a reverse 15 s after the order at the earliest (here 250 ms): a void sent
    // sooner is refused unprocessed (CANCEL_TOO_EARLY) and sent again, never failed.
    await waitFor(() => engine.store.refund(refund.refundId)?.state === 'completed');
    expect(engine.store.tender(tender.tenderId)!.state).toBe('cancelled');
    expect(sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === tender.tenderId)).toMatchObject({ status: 'CANCELLED', netCharged: 0 });
  });

  it('checks the manager PIN in the core', async () => {
    const { engine } = await till();
    const { tender } = await paidSale(engine);
    await expect(engine.refund({ tenderId: tender.tenderId })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(engine.refund({ tenderId: tender.tenderId, managerPin: CASHIER_PIN })).rejects.toThrow(/manager's PIN/);
    await expect(engine.refund({ tenderId: tender.tenderId, managerPin: '9999' })).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(engine.store.refundsOfTender(tender.tenderId)).toEqual([]);
  });

  it('never refunds a payment the gateway has not acknowledged', async () => {
    const { engine, sandbox } = await till();
    await goOffline(engine, sandbox);
    const sale = engine.openSale({ lines: [{ name: 'Tea', unitPrice: 4_000, quantity: 1, tax: 'taxable' }] });
    const qr = await engine.showPaymentQr(sale.saleId);
    expect(qr.offline).toBe(true);
    engine.settleOfflineQr(qr.tenderId, true);
    await expect(engine.refund({ tenderId: qr.tenderId, managerPin: MANAGER_PIN })).rejects.toThrow(RefundRefusedError);
    await expect(engine.refund({ tenderId: qr.tenderId, managerPin: MANAGER_PIN })).rejects.toThrow(/not confirmed this payment yet/);
  });

  it('retries a refund whose answer was lost with the same refundRequestId until it completes', async () => {
    const { engine, sandbox } = await till({ sameDayVoid: false });
    const { tender } = await paidSale(engine);
    sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['refund'], probability: 1 }] });
    const pending = await engine.refund({ tenderId: tender.tenderId, amount: 4_000, managerPin: MANAGER_PIN });
    expect(pending.state).toBe('requested');
    expect(engine.findSale(engine.store.sale(tender.saleId)!.receiptNumber!)!.tenders[0]!.refundable).toBe(6_000);
    sandbox.setFaults({ rules: [] });
    await waitFor(() => engine.store.refund(pending.refundId)!.state === 'completed');
    expect(sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === tender.tenderId)).toMatchObject({ refunded: 4_000 });
  });

  it('caps a cash refund by the journal, not by an edited projection (issue 14 point 5)', async () => {
    const { engine } = await till();
    const sale = engine.openSale({ lines: [{ name: 'Americano', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] });
    const { tender } = await engine.takeCash(sale.saleId, 5_000);
    // Someone at the till edits the projection behind the app's back.
    const [, , tenders, refunds] = PAYMENT_TABLES;
    engine.store.ledger.db.prepare(`UPDATE ${tenders} SET amount = 450000 WHERE tender_id = ?`).run(tender.tenderId);
    await expect(engine.refund({ tenderId: tender.tenderId, amount: 450_000, managerPin: MANAGER_PIN })).rejects.toThrow(/At most 4500/);
    await engine.refund({ tenderId: tender.tenderId, amount: 4_000, managerPin: MANAGER_PIN });
    // A refund removed from the projection still counts: the journal holds it.
    engine.store.ledger.db.prepare(`DELETE FROM ${refunds} WHERE tender_id = ?`).run(tender.tenderId);
    engine.store.ledger.db.prepare(`UPDATE ${tenders} SET refunded = 0 WHERE tender_id = ?`).run(tender.tenderId);
    await expect(engine.refund({ tenderId: tender.tenderId, amount: 1_000, managerPin: MANAGER_PIN })).rejects.toThrow(/At most 500/);
  });

  it('gives cash back from the drawer and queues the refund for the gateway after its sale', async () => {
    const { engine } = await till();
    const sale = engine.openSale({ lines: [{ name: 'Soju', unitPrice: 5_000, quantity: 2, tax: 'taxable' }] });
    const { tender, change } = await engine.takeCash(sale.saleId, 20_000);
    expect(change).toBe(10_000);
    const refund = await engine.refund({ tenderId: tender.tenderId, amount: 5_000, managerPin: MANAGER_PIN });
    expect(refund.state).toBe('completed');
    const completedRow = engine.store.ledger.journal.forAggregate(refund.refundId).at(-1)!;
    const saleRow = engine.store.ledger.journal.get(engine.store.sale(sale.saleId)!.completedSeq!)!;
    expect(completedRow.body.dependsOn).toEqual([saleRow.recordId]);
  });
});
