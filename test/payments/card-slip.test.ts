import { afterEach, describe, expect, it } from 'vitest';
import type { CardApproval, CardCancelRequest, CardChargeRequest, CardTerminal } from '../../src/devices/card-terminal.js';
import { parseCardApproval } from '../../src/payments/card-slip.js';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { IdFactory } from '../../src/payments/ids.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill, until } from '../closeout/closing-till.js';
import { MANAGER_PIN, openTill, startGateway, waitFor } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till(cardTerminal?: CardTerminal) {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client(), cardTerminal ? { cardTerminal } : {});
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox };
}

const cart = { lines: [{ name: '커피', unitPrice: 4_500, quantity: 2, tax: 'taxable' as const }] };
const slip: CardApproval = { approvalNumber: '30012345', cardCompany: '신한', installmentMonths: 0 };

describe('card slips (issue 13, point 6)', () => {
  it('records a slip as an approved card tender, completes the sale and queues it for the gateway', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    const { tender } = await engine.takeCardSlip(sale.saleId, slip);
    expect(tender).toMatchObject({ method: 'card', state: 'approved', amount: 9_000 });
    expect(engine.store.cardSlip(tender.tenderId)).toEqual(slip);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
    const [row] = engine.store.ledger.journal.forAggregate(tender.tenderId);
    expect(row!.body).toMatchObject({ method: 'card', to: 'approved', card: slip });
    await waitFor(() => engine.sync.status().depth === 0);
  });

  it('never records more than is due, and refuses a slip without a valid approval number', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    await expect(engine.takeCardSlip(sale.saleId, slip, 9_001)).rejects.toMatchObject({ code: 'over-due' });
    await expect(engine.takeCardSlip(sale.saleId, undefined)).rejects.toMatchObject({ code: 'card-slip' });
    await expect(engine.takeCardSlip(sale.saleId, { ...slip, approvalNumber: '12' })).rejects.toMatchObject({ code: 'card-slip' });
    expect(() => parseCardApproval({ ...slip, installmentMonths: 1 })).toThrow(/일시불/);
    expect(engine.store.tendersOfSale(sale.saleId)).toEqual([]);
    // Part by card, the rest in cash.
    await engine.takeCardSlip(sale.saleId, { ...slip, installmentMonths: 3 }, 4_000);
    expect(engine.balance(sale.saleId)).toMatchObject({ paid: 4_000, due: 5_000 });
    expect((await engine.takeCash(sale.saleId, 5_000)).change).toBe(0);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
  });

  it('goes through the card terminal port: an integrated terminal fills the approval and the cancellation itself', async () => {
    const charges: CardChargeRequest[] = [];
    const cancels: CardCancelRequest[] = [];
    const integrated: CardTerminal = {
      charge: (request) => (charges.push(request), Promise.resolve({ approvalNumber: 'A7700001', cardCompany: 'KB국민', installmentMonths: 0 })),
      cancel: (request) => (cancels.push(request), Promise.resolve({ approvalNumber: 'C7700001' })),
    };
    const { engine } = await till(integrated);
    const sale = engine.openSale(cart);
    const { tender } = await engine.takeCardSlip(sale.saleId, undefined);
    expect(charges).toMatchObject([{ saleId: sale.saleId, amount: 9_000, currency: 'KRW' }]);
    expect(charges[0]!.slip).toBeUndefined();
    const refund = await engine.refund({ tenderId: tender.tenderId, amount: 2_000, managerPin: MANAGER_PIN });
    expect(refund).toMatchObject({ kind: 'refund', state: 'completed', amount: 2_000 });
    expect(cancels).toMatchObject([{ tenderId: tender.tenderId, amount: 2_000, original: { approvalNumber: 'A7700001' } }]);
    const completed = engine.store.ledger.journal.forAggregate(refund.refundId).find((r) => r.body.to === 'completed')!;
    expect(completed.body.gatewayRefundId).toBe('C7700001');
    expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'refunded-partially', refunded: 2_000 });
  });

  it('cancels a slip the same day in full (취소), and refunds part of one, with the cancellation slip number', async () => {
    const { engine } = await till();
    const first = engine.openSale(cart);
    const whole = (await engine.takeCardSlip(first.saleId, slip)).tender;
    const cancelled = await engine.refund({ tenderId: whole.tenderId, managerPin: MANAGER_PIN, approvalNumber: '90001111' });
    expect(cancelled).toMatchObject({ kind: 'void', state: 'completed', amount: 9_000 });
    expect(engine.store.tender(whole.tenderId)!.state).toBe('cancelled');
    const second = engine.openSale(cart);
    const part = (await engine.takeCardSlip(second.saleId, slip)).tender;
    const refunded = await engine.refund({ tenderId: part.tenderId, amount: 4_500, managerPin: MANAGER_PIN });
    expect(refunded).toMatchObject({ kind: 'refund', state: 'completed' });
    await expect(engine.refund({ tenderId: part.tenderId, amount: 4_501, managerPin: MANAGER_PIN })).rejects.toMatchObject({ code: 'refund-over-paid' });
    await waitFor(() => engine.sync.status().depth === 0);
  });

  it('drives the checkout session: the part asked for, then the slip closes the sale', async () => {
    const { engine } = await till();
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
    cleanups.push(() => session.close());
    session.addLine({ name: '빵', unitPrice: 3_000, quantity: 2, tax: 'tax-free' });
    session.setPart(2_000);
    const part = await session.cardSlip(slip);
    expect(part.outcome).toMatchObject({ kind: 'approved', method: 'card', amount: 2_000, complete: false });
    expect(part.locked).toMatchObject({ code: 'sale-locked' });
    const done = await session.cardSlip({ ...slip, approvalNumber: '30012346' });
    expect(done.outcome).toMatchObject({ kind: 'approved', method: 'card', amount: 4_000, complete: true });
    expect(done.lines).toEqual([]);
  });
});

describe('card slips in the day figures', () => {
  let closing: ClosingTill | undefined;
  afterEach(async () => {
    await closing?.close();
    closing = undefined;
  });

  it('counts card sales and cancellations by method and never expects them on the gateway statement', async () => {
    closing = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    const { engine, closeout } = closing;
    const a = engine.openSale(cart);
    await engine.takeCardSlip(a.saleId, slip);
    const b = engine.openSale(cart);
    const tender = (await engine.takeCardSlip(b.saleId, { ...slip, approvalNumber: '30012347' })).tender;
    await engine.refund({ tenderId: tender.tenderId, managerPin: MANAGER_PIN });
    await until(() => closing!.ledger.outbox.depth() === 0, 'synced');
    const z = await closeout.z({ ownerPin: OWNER_PIN });
    expect(z.byTender.card).toMatchObject({ sales: { count: 2, amount: 18_000 }, cancellations: { count: 1, amount: 9_000 }, net: 9_000 });
    expect(z.reconciliation.status).toBe('done');
    expect(z.reconciliation.missingAtGateway).toEqual([]);
    expect(z.vat.total).toBe(9_000);
  });
});
