import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentAlert } from '../../src/payments/events.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import type { Sleeper } from '../../src/payments/ports.js';
import { reversalRefundId } from '../../src/payments/reversal-refund.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, type Sandbox, openTill, startGateway, waitFor, walletCode } from './harness.js';

/**
 * The sandbox's cancel window (sandbox/business-time.ts): a payment may be
 * cancelled until 00:15 KST on the day after it was made; after that the
 * gateway answers CANCEL_WINDOW_EXCEEDED and only a refund gives the money
 * back. The till and the sandbox share one ManualClock, moved past it.
 */
const kst = (iso: string) => Date.parse(`${iso}+09:00`);
/** The retry loops wait in real time, briefly; the shop's clock moves only when a test moves it. */
const briefSleeper: Sleeper = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))) };

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till(start: string): Promise<{ engine: PaymentEngine; sandbox: Sandbox; clock: ManualClock; alerts: PaymentAlert[] }> {
  const dir = tempDir();
  const clock = new ManualClock(kst(start));
  const { sandbox, client } = await startGateway(dir, 'T01', clock);
  const { engine, ledger } = openTill(dir, client(), { clock, sleeper: briefSleeper });
  const alerts: PaymentAlert[] = [];
  engine.events.on('alert', (alert) => alerts.push(alert));
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox, clock, alerts };
}

const cart = { lines: [{ name: 'Soju', unitPrice: 10_000, quantity: 1, tax: 'taxable' as const }] };

/**
 * A wallet payment the gateway charged while the till heard nothing (the
 * answer and every inquiry lost), reversed by the till after the clock is
 * moved to `reverseAt`, with the gateway reachable again from then on.
 */
async function reversalAt(t: Awaited<ReturnType<typeof till>>, reverseAt: number): Promise<string> {
  const { engine, sandbox, clock } = t;
  sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['pay'] }, { fault: 'drop-before', operations: ['inquiry', 'cancel'] }] });
  const sale = engine.openSale(cart);
  const paying = engine.payByCode(sale.saleId, walletCode(1));
  await waitFor(() => engine.store.tendersOfSale(sale.saleId).some((x) => x.state === 'inquiring'));
  clock.set(reverseAt);
  const { tender } = await paying;
  expect(tender.state).toBe('reversing');
  sandbox.setFaults({ rules: [] });
  return tender.tenderId;
}

describe('past the cancel window', () => {
  it('turns a void the gateway refuses past its cancel window into a refund, and answers the cashier with it', async () => {
    const { engine, sandbox, clock } = await till('2026-01-05T21:00:00');
    const sale = engine.openSale(cart);
    const { tender } = await engine.payByCode(sale.saleId, walletCode(2));
    // The business day is still open (no Z yet), so the till tries a same-day void first.
    clock.set(kst('2026-01-06T00:16:00'));
    const answer = await engine.refund({ tenderId: tender.tenderId, managerPin: MANAGER_PIN, reason: '손님 변심' });
    expect(answer).toMatchObject({ kind: 'refund', state: 'completed', amount: 10_000, reason: '손님 변심' });
    expect(engine.store.refundsOfTender(tender.tenderId).map((r) => [r.kind, r.state])).toEqual([
      ['void', 'failed'],
      ['refund', 'completed'],
    ]);
    expect(engine.store.refundsOfTender(tender.tenderId)[0]!.reason).toMatch(/cancel window.*refunded instead/);
    expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'refunded', refunded: 10_000 });
    expect(sandbox.ledger('T01').payments).toEqual([expect.objectContaining({ status: 'SUCCESS', refunded: 10_000, netCharged: 0 })]);
  });

  it('turns a network cancellation refused past the window into a journaled refund of the whole charge', async () => {
    const t = await till('2026-01-05T23:55:00');
    const { engine, sandbox } = t;
    const tenderId = await reversalAt(t, kst('2026-01-06T00:20:00'));
    await waitFor(() => engine.store.tender(tenderId)!.state === 'reversed');
    expect(engine.store.tender(tenderId)).toMatchObject({ reasonCode: 'REFUNDED_INSTEAD', refunded: 10_000, customerCurrency: 'CNY' });
    expect(engine.store.refundsOfTender(tenderId)).toEqual([
      expect.objectContaining({ refundId: reversalRefundId(tenderId), kind: 'refund', state: 'completed', amount: 10_000 }),
    ]);
    expect(sandbox.ledger('T01').payments).toEqual([expect.objectContaining({ paymentRequestId: tenderId, refunded: 10_000, netCharged: 0 })]);
    // The refund is a journal record the gateway receives like any other.
    await waitFor(() => engine.store.ledger.outbox.depth() === 0);
    const rows = engine.store.ledger.journal.forAggregate(reversalRefundId(tenderId));
    expect(rows.map((r) => [r.body.to, r.body.reversal, r.body.customerCurrency])).toEqual([
      ['requested', true, undefined],
      ['completed', true, 'CNY'],
    ]);
  });

  it('stops, and alerts the owner, when the gateway refuses the refund of a reversal too', async () => {
    const t = await till('2026-01-05T23:55:00');
    const { engine, sandbox, alerts } = t;
    // A year later refunds are closed as well (REFUND_WINDOW_EXCEEDED): nothing left to try.
    const tenderId = await reversalAt(t, kst('2027-01-07T10:00:00'));
    await waitFor(() => engine.store.tender(tenderId)!.state === 'reversed');
    expect(engine.store.tender(tenderId)).toMatchObject({ reasonCode: 'REFUND_WINDOW_EXCEEDED', refunded: 0, reason: expect.stringMatching(/still charged/) });
    expect(engine.store.refundsOfTender(tenderId)).toEqual([expect.objectContaining({ refundId: reversalRefundId(tenderId), state: 'failed' })]);
    expect(alerts.filter((a) => a.code === 'reversal-refused')).toEqual([expect.objectContaining({ ref: tenderId })]);
    expect(sandbox.ledger('T01').payments).toEqual([expect.objectContaining({ paymentRequestId: tenderId, netCharged: 10_000 })]);
  });
});
