import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-rec-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const iso = (wall: string) => new Date(kst(wall)).toISOString();

/** A day: a cash sale and two WeChat Pay payments (fee 2 %), synced; returns the payments' request ids. */
async function day(t: ClosingTill) {
  const { engine, clock } = t;
  clock.set(kst('2026-03-10T10:00:00'));
  await engine.takeCash(engine.openSale({ lines: [{ name: '물', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] }).saleId, 1_000);
  const paid: Array<{ requestId: string; receipt: string; tenderAt: number }> = [];
  for (const [n, price] of [[1, 10_000], [2, 20_000]] as const) {
    clock.set(kst(`2026-03-10T1${n}:00:00`));
    const sale = engine.openSale({ lines: [{ name: '맥주', unitPrice: price, quantity: 1, tax: 'taxable' }] });
    await engine.payByCode(sale.saleId, walletCode(n));
    const tender = engine.store.tendersOfSale(sale.saleId)[0]!;
    paid.push({ requestId: tender.gatewayRequestId ?? tender.tenderId, receipt: engine.store.sale(sale.saleId)!.receiptNumber!, tenderAt: kst(`2026-03-10T1${n}:00:00`) });
  }
  await until(() => t.ledger.outbox.depth() === 0, 'synced');
  return paid;
}

describe('every statement line accounted for (issue 15, defect 3)', () => {
  it('reports lines before the first sale, duplicates, wrong fees, net above amount and a wallet mismatch, each named', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    const [a, b] = await day(till);
    await till.plant({
      add: [
        // 08:30, before the first sale of the day.
        { paymentRequestId: 'T01-P-EARLY', wallet: 'zeropay', amount: 3_000, at: iso('2026-03-10T08:30:00') },
        // The gateway charged A twice.
        { paymentRequestId: a!.requestId, wallet: 'wechat-pay', amount: 10_000, at: iso('2026-03-10T11:00:05') },
      ],
      // B is booked under Alipay+ instead of WeChat Pay, with a 10 % fee and a net above its amount.
      drop: [{ paymentRequestId: b!.requestId }],
    });
    await till.plant({ add: [{ paymentRequestId: b!.requestId, wallet: 'alipay', amount: 20_000, at: iso('2026-03-10T12:00:01'), fee: 2_000, net: 21_000 }] });
    till.clock.set(kst('2026-03-10T22:00:00'));
    const rec = await till.closeout.reconcile();

    expect(rec.status).toBe('done');
    expect(rec.missingInPos.map((i) => [i.paymentRequestId, i.gatewayAmount])).toEqual([['T01-P-EARLY', 3_000]]);
    expect(rec.duplicates.map((i) => [i.paymentRequestId, i.gatewayAmount, i.receiptNumber])).toEqual([[a!.requestId, 10_000, a!.receipt]]);
    expect(rec.walletMismatched).toEqual([expect.objectContaining({ paymentRequestId: b!.requestId, channel: 'wechat-pay', gatewayChannel: 'alipay' })]);
    // Alipay+ is contracted at 2 %: 400 expected on 20,000, not 2,000.
    expect(rec.feeMismatched).toEqual([expect.objectContaining({ paymentRequestId: b!.requestId, fee: 2_000, expectedFee: 400, net: 21_000, expectedNet: 18_000 })]);
    // Each difference names the receipt, the time and the 승인번호 (the gateway's payment id).
    const dup = rec.duplicates[0]!;
    expect(dup).toMatchObject({ receiptNumber: a!.receipt, approvalNumber: expect.any(String) });
    expect(dup.at).toBe(kst('2026-03-10T11:00:05'));
    expect(rec.missingInPos[0]).toMatchObject({ receiptNumber: null, approvalNumber: 'PLANTED-T01-P-EARLY', at: kst('2026-03-10T08:30:00') });
    // A and the real B line are matched; B's wallet mismatch is not counted as matched.
    expect(rec.matched).toBe(1);
  });

  it('reports a line after an early Z on the next business day, whose window covers the closed day’s remaining hours', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    await day(till);
    till.clock.set(kst('2026-03-10T22:00:00'));
    const z = await till.closeout.z({ ownerPin: OWNER_PIN });
    expect(z.reconciliation).toMatchObject({ status: 'done', missingInPos: [] });
    await till.plant({ add: [{ paymentRequestId: 'T01-P-LATE', wallet: 'zeropay', amount: 4_000, at: iso('2026-03-10T23:00:00') }] });
    till.clock.set(kst('2026-03-11T12:00:00'));
    const next = await till.closeout.reconcile();
    // From the 10th's Z at 22:00 to now: the calendar dates of those hours, whole.
    expect(next.statementDates).toEqual(['2026-03-10', '2026-03-11']);
    expect(next.missingInPos.map((i) => i.paymentRequestId)).toEqual(['T01-P-LATE']);
  });
});

describe('a network cancellation refunded on a later business day (issue 15, defect 3)', () => {
  it('matches its charge on the day it was taken and its refund on the day it was made, across the statement dates', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T22:00:00'));
    const { engine, closeout, clock, sandbox } = till;
    // The gateway charges, but the answer, every inquiry and every cancel are lost until the next morning.
    sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['pay'] }, { fault: 'drop-before', operations: ['inquiry', 'cancel'] }] });
    const sale = engine.openSale({ lines: [{ name: '와인', unitPrice: 30_000, quantity: 1, tax: 'taxable' }] });
    const paying = engine.payByCode(sale.saleId, walletCode(7));
    await until(() => engine.store.tendersOfSale(sale.saleId).some((t) => t.state === 'inquiring'), 'inquiring');
    clock.set(kst('2026-03-10T22:05:00'));
    const { tender } = await paying;
    expect(tender.state).toBe('reversing');
    // The next business day: the gateway answers again, past the cancel window, so the charge is refunded.
    clock.set(kst('2026-03-11T10:00:00'));
    sandbox.setFaults({ rules: [] });
    await until(() => engine.store.tender(tender.tenderId)!.state === 'reversed', 'reversed by a refund');
    await engine.takeCash(sale.saleId, 30_000);
    await until(() => till!.ledger.outbox.depth() === 0, 'synced');
    const lines = sandbox.ledger('T01').entries.filter((e) => e.paymentRequestId === (tender.gatewayRequestId ?? tender.tenderId));
    expect(lines.map((e) => [e.kind, e.businessDate])).toEqual([
      ['CHARGE', '2026-03-10'],
      ['REFUND', '2026-03-11'],
    ]);

    // The 10th (its Z is late): the charge is the till's, given back the next day.
    const tenth = await closeout.reconcile('2026-03-10');
    expect(tenth).toMatchObject({ status: 'done', missingInPos: [], missingAtGateway: [], mismatched: [], duplicates: [] });
    expect(tenth.matched).toBe(1);
    // The 11th: its refund, and no charge expected on the 11th's statement.
    const eleventh = await closeout.reconcile('2026-03-11');
    expect(eleventh).toMatchObject({ status: 'done', missingInPos: [], missingAtGateway: [], mismatched: [], duplicates: [] });
    expect(eleventh.matched).toBe(1);
    // Neither day counts it as a sale or a refund: a network cancellation (the customer paid cash on the 11th).
    const z = await closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-03-10' });
    expect(z).toMatchObject({ networkCancellations: { count: 1, amount: 30_000 }, refunds: { count: 0 }, net: 0 });
    expect(z.reconciliation).toMatchObject({ missingInPos: [], matched: 1 });
  });
});
