import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-cross-border-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const cart = (price: number) => ({ lines: [{ name: '화장품', unitPrice: price, quantity: 1, tax: 'taxable' as const }] });
const alipayCode = (n: number) => `28${String(n).padStart(18, '0')}7777`;
const zeropayCode = (n: number) => `ZP${String(n).padStart(10, '0')}7777`;

/** What the sandbox booked in the payer's currency per wallet: charges less reversals and refunds. */
function bookedInPayerCurrency(t: ClosingTill): Array<{ channel: string; currency: string; amount: number }> {
  const sums = new Map<string, { channel: string; currency: string; amount: number }>();
  for (const e of t.sandbox.ledger('T01').entries) {
    if (e.customerAmount === null || e.customerCurrency === null) continue;
    const s = sums.get(e.wallet) ?? { channel: e.wallet, currency: e.customerCurrency, amount: 0 };
    s.amount += (e.kind === 'CHARGE' ? 1 : -1) * e.customerAmount;
    sums.set(e.wallet, s);
  }
  return [...sums.values()];
}

describe('cross-border customers in the close-out', () => {
  it('totals what they paid in their own currency from the journal, so a Z taken offline still shows it', async () => {
    till = await startClosingTill(tempDir(), kst('2026-01-05T11:00:00'));
    const { engine, closeout } = till;
    // WeChat Pay and Alipay+ tourists pay in CNY; one voids, one takes part back. Zero Pay is domestic (won).
    const wechat = await engine.payByCode(engine.openSale(cart(10_000)).saleId, walletCode(1));
    const voided = await engine.payByCode(engine.openSale(cart(8_000)).saleId, walletCode(2));
    await engine.refund({ tenderId: voided.tender.tenderId, managerPin: MANAGER_PIN });
    const alipay = await engine.payByCode(engine.openSale(cart(20_000)).saleId, alipayCode(3));
    await engine.refund({ tenderId: alipay.tender.tenderId, amount: 5_000, managerPin: MANAGER_PIN });
    await engine.payByCode(engine.openSale(cart(4_000)).saleId, zeropayCode(4));
    expect(engine.store.tender(wechat.tender.tenderId)).toMatchObject({ customerCurrency: 'CNY', customerAmount: expect.any(Number) });
    await until(() => till!.ledger.outbox.depth() === 0, 'the day synced');

    const booked = bookedInPayerCurrency(till);
    expect(booked.map((b) => b.channel).sort()).toEqual(['alipay', 'wechat-pay']);
    const expected = booked.map((b) => expect.objectContaining(b));
    // Online, the journal's totals and the statement's agree line by line.
    const online = await closeout.x({ reconcile: true });
    expect(online.customerCurrency).toEqual(expect.arrayContaining(expected));
    expect(online.customerCurrency).toHaveLength(2);
    expect(online.customerCurrency.find((c) => c.channel === 'wechat-pay')).toMatchObject({ lines: 3 });
    expect(online.reconciliation).toMatchObject({ status: 'done', customerMismatched: [] });
    expect(online.reconciliation.customerCurrency).toEqual(expect.arrayContaining(expected));

    // The network goes down before the owner closes: no statement, the same totals.
    till.sandbox.setFaults({ rules: [{ fault: 'drop-before' }] });
    const z = await closeout.z({ ownerPin: OWNER_PIN });
    expect(z.reconciliation).toMatchObject({ status: 'unavailable', customerCurrency: [] });
    expect(z.customerCurrency).toEqual(online.customerCurrency);
    till.sandbox.setFaults({ rules: [] });
  });

  it('books a network cancellation refunded past the cancel window as neither a sale nor a refund, and reconciles its charge and refund', async () => {
    till = await startClosingTill(tempDir(), kst('2026-01-05T23:55:00'));
    const { engine, closeout, clock, sandbox } = till;
    // The gateway charges, but the answer and every inquiry and cancel are lost until past 00:15.
    sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['pay'] }, { fault: 'drop-before', operations: ['inquiry', 'cancel'] }] });
    const sale = engine.openSale(cart(10_000));
    const paying = engine.payByCode(sale.saleId, walletCode(5));
    await until(() => engine.store.tendersOfSale(sale.saleId).some((t) => t.state === 'inquiring'), 'inquiring');
    clock.set(kst('2026-01-06T00:20:00'));
    const { tender } = await paying;
    sandbox.setFaults({ rules: [] });
    await until(() => engine.store.tender(tender.tenderId)!.state === 'reversed', 'reversed by a refund');
    await engine.takeCash(sale.saleId, 10_000);
    await until(() => till!.ledger.outbox.depth() === 0, 'the day synced');

    const x = await closeout.x({ reconcile: true });
    expect(x).toMatchObject({
      gross: { count: 1, amount: 10_000 },
      refunds: { count: 0, amount: 0 },
      networkCancellations: { count: 1, amount: 10_000 },
      net: 10_000,
    });
    expect(x.byChannel['wechat-pay']).toMatchObject({ sales: { count: 0, amount: 0 }, refunds: { count: 0, amount: 0 }, net: 0 });
    expect(x.reconciliation).toMatchObject({ status: 'done', matched: 2, missingAtGateway: [], missingInPos: [], mismatched: [], customerMismatched: [] });
    expect(x.customerCurrency).toEqual([{ channel: 'wechat-pay', currency: 'CNY', lines: 2, amount: 0 }]);
  });
});
