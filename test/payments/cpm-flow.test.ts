import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { type Sandbox, goOffline, openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till(): Promise<{ engine: PaymentEngine; sandbox: Sandbox }> {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client());
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox };
}

const cart = { lines: [{ name: 'Kimbap', unitPrice: 3500, quantity: 2, tax: 'taxable' as const }] };

describe('CPM against the sandbox gateway', () => {
  it('approves, journals the request before sending and completes the sale with a receipt number', async () => {
    const { engine, sandbox } = await till();
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(1));
    expect(outcome.tender.state).toBe('approved');
    const rows = engine.store.ledger.journal.forAggregate(outcome.tender.tenderId);
    expect(rows.map((r) => r.body.to)).toEqual(['created', 'requested', 'approved']);
    expect(JSON.stringify(rows)).not.toContain(walletCode(1));
    expect(rows[0]!.body.maskedCode).toBe('1300**********7777');
    const done = engine.store.sale(sale.saleId)!;
    expect(done.state).toBe('completed');
    expect(done.receiptNumber).toMatch(/^\d{8}-T01-0001$/);
    const charged = sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === outcome.tender.tenderId);
    expect(charged).toMatchObject({ status: 'SUCCESS', netCharged: 7000 });
  });

  it('records what a cross-border customer’s wallet was charged in their currency, answered by pay or by inquiry', async () => {
    const { engine, sandbox } = await till();
    // WeChat Pay codes: the sandbox's payer wallet is in CNY. The second answers U first, then succeeds on inquiry.
    const direct = await engine.payByCode(engine.openSale(cart).saleId, walletCode(4));
    const inquired = await engine.payByCode(engine.openSale(cart).saleId, walletCode(5, '0091'));
    const entries = sandbox.ledger('T01').entries;
    for (const { tender } of [direct, inquired]) {
      const charge = entries.find((e) => e.paymentRequestId === tender.tenderId && e.kind === 'CHARGE')!;
      expect(charge).toMatchObject({ customerCurrency: 'CNY', customerAmount: expect.any(Number) });
      const recorded = { customerCurrency: 'CNY', customerAmount: charge.customerAmount };
      expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'approved', ...recorded });
      const approved = engine.store.ledger.journal.forAggregate(tender.tenderId).find((r) => r.body.to === 'approved')!;
      expect(approved.body).toMatchObject(recorded);
    }
    // A Zero Pay customer pays in won: nothing to record.
    const domestic = await engine.payByCode(engine.openSale(cart).saleId, `ZP${'1'.padStart(10, '0')}7777`);
    expect(engine.store.tender(domestic.tender.tenderId)).toMatchObject({ state: 'approved', customerCurrency: null, customerAmount: null });
  });

  it('declines with the gateway reason in the cashier’s words', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(2, '0051'));
    expect(outcome.tender.state).toBe('declined');
    expect(outcome.tender.reasonCode).toBe('USER_BALANCE_NOT_ENOUGH');
    expect(outcome.message).toMatch(/balance is not enough.*another way to pay/);
    expect(engine.store.sale(sale.saleId)!.state).toBe('open');
  });

  it('inquires a pending payment until it succeeds (USERPAYING)', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(3, '0091'));
    expect(outcome.tender.state).toBe('approved');
    const states = engine.store.ledger.journal.forAggregate(outcome.tender.tenderId).map((r) => r.body.to);
    expect(states).toEqual(['created', 'requested', 'unknown', 'inquiring', 'approved']);
  });

  it('declines a pending payment the customer gives up on, learnt by inquiry', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(7, '0092'));
    expect(outcome.tender).toMatchObject({ state: 'declined', reasonCode: 'USER_PAYMENT_DECLINED' });
    const states = engine.store.ledger.journal.forAggregate(outcome.tender.tenderId).map((r) => r.body.to);
    expect(states).toEqual(['created', 'requested', 'unknown', 'inquiring', 'declined']);
  });

  it('reverses a payment that stays unknown past the deadline (network cancellation)', async () => {
    const { engine, sandbox } = await till();
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(4, '0096'));
    expect(['reversing', 'reversed']).toContain(outcome.tender.state);
    await waitFor(() => engine.store.tender(outcome.tender.tenderId)!.state === 'reversed');
    const states = engine.store.ledger.journal.forAggregate(outcome.tender.tenderId).map((r) => r.body.to);
    expect(states).toEqual(['created', 'requested', 'unknown', 'inquiring', 'reversing', 'reversed']);
    const row = sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === outcome.tender.tenderId);
    expect(row?.netCharged ?? 0).toBe(0);
  });

  it('treats a lost answer as unknown, never declined, and keeps the charge it finds', async () => {
    const { engine, sandbox } = await till();
    sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['pay'], probability: 1 }] });
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(5));
    expect(outcome.tender.state).toBe('approved');
    const states = engine.store.ledger.journal.forAggregate(outcome.tender.tenderId).map((r) => r.body.to);
    expect(states).toEqual(['created', 'requested', 'unknown', 'inquiring', 'approved']);
  });

  it('refuses CPM while offline with a clear message; cash and the offline QR go on', async () => {
    const { engine, sandbox } = await till();
    await goOffline(engine, sandbox);
    expect(engine.sync.status()).toMatchObject({ connectivity: 'offline', depth: 2 });
    const sale = engine.openSale(cart);
    await expect(engine.payByCode(sale.saleId, walletCode(6))).rejects.toThrow(/offline.*Take cash/);
    expect(engine.store.tendersOfSale(sale.saleId)).toEqual([]);
    const qr = await engine.showPaymentQr(sale.saleId);
    expect(qr.offline).toBe(true);
    expect(qr.qrPayload).toMatch(/^000201/);
    expect(engine.settleOfflineQr(qr.tenderId, true).tender.state).toBe('pending-confirmation');
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
  });
});
