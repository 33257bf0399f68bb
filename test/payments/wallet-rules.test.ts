import { afterEach, describe, expect, it } from 'vitest';
import { RefundRefusedError } from '../../src/payments/errors.js';
import { tenderInFlight } from '../../src/payments/checkout-outcome.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { isPasswordWait } from '../../src/payments/payment-states.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, type Sandbox, openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till(config: Record<string, unknown> = {}): Promise<{ engine: PaymentEngine; sandbox: Sandbox }> {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client(), { config: { terminalId: 'T01', ...config } });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox };
}

async function paidSale(engine: PaymentEngine, amount: number, code: number) {
  const sale = engine.openSale({ lines: [{ name: 'Ramyeon', unitPrice: amount, quantity: 1, tax: 'taxable' }] });
  const { tender } = await engine.payByCode(sale.saleId, walletCode(code));
  expect(tender.state).toBe('approved');
  return tender;
}

const refundsIn = (sandbox: Sandbox) => sandbox.ledger('T01').entries.filter((e) => e.kind === 'REFUND');

/** The engine against the sandbox's wallet rules (test/sandbox/wallet-rules.test.ts shows the sandbox enforces each). */
describe('the engine survives the wallets’ rules', () => {
  it('waits for an asynchronous refund: PROCESSING is not done, the refund inquiry says when it is', async () => {
    const { engine, sandbox } = await till({ sameDayVoid: false });
    const tender = await paidSale(engine, 10_000, 81);
    sandbox.setFaults({ rules: [{ fault: 'refund-processing', value: 400, operations: ['refund'] }] });
    // When the till books the refund, the gateway must have made it (not merely accepted it).
    const bookedAtGateway: number[] = [];
    engine.events.on('refund', (event) => {
      if (event.state === 'completed') bookedAtGateway.push(refundsIn(sandbox).length);
    });
    const first = await engine.refund({ tenderId: tender.tenderId, amount: 3_000, managerPin: MANAGER_PIN });
    expect(first.state).toBe('requested');
    expect(engine.store.tender(tender.tenderId)!.refunded).toBe(0);
    await waitFor(() => engine.store.refund(first.refundId)?.state === 'completed');
    expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'refunded-partially', refunded: 3_000 });
    expect(bookedAtGateway).toEqual([1]);
    expect(refundsIn(sandbox).map((e) => e.amount)).toEqual([3_000]);
  });

  it('settles a refund and a void answered U, processed or not, without doing either twice', async () => {
    const { engine, sandbox } = await till({ sameDayVoid: false });
    const refunded = await paidSale(engine, 8_000, 82);
    sandbox.setFaults({ seed: 3, rules: [{ fault: 'unknown-after', operations: ['refund'], probability: 0.5 }, { fault: 'unknown-before', operations: ['refund', 'refundInquiry'], probability: 0.3 }] });
    const refunds: Array<{ refundId: string }> = [];
    for (const amount of [1_000, 2_000, 3_000]) refunds.push(await engine.refund({ tenderId: refunded.tenderId, amount, managerPin: MANAGER_PIN }));
    await waitFor(() => refunds.every((r) => engine.store.refund(r.refundId)?.state === 'completed'), 10_000);
    expect(refundsIn(sandbox).map((e) => e.amount).sort()).toEqual([1_000, 2_000, 3_000]);

    const { engine: voiding, sandbox: gateway } = await till();
    const voided = await paidSale(voiding, 5_000, 83);
    gateway.setFaults({ rules: [{ fault: 'unknown-after', operations: ['cancel'], probability: 1 }] });
    const voidRow = await voiding.refund({ tenderId: voided.tenderId, managerPin: MANAGER_PIN });
    expect(voidRow.kind).toBe('void');
    await waitFor(() => gateway.ledger('T01').payments[0]?.status === 'CANCELLED');
    gateway.setFaults({ rules: [] });
    await waitFor(() => voiding.store.refund(voidRow.refundId)?.state === 'completed');
    expect(voiding.store.tender(voided.tenderId)!.state).toBe('cancelled');
    expect(gateway.ledger('T01').entries.filter((e) => e.kind === 'REVERSAL')).toHaveLength(1);
  });

  it('refuses a 51st refund of one payment before it is journaled', async () => {
    const { engine } = await till({ sameDayVoid: false });
    const tender = await paidSale(engine, 60, 84);
    for (let i = 0; i < 50; i++) await engine.refund({ tenderId: tender.tenderId, amount: 1, managerPin: MANAGER_PIN });
    await expect(engine.refund({ tenderId: tender.tenderId, amount: 1, managerPin: MANAGER_PIN })).rejects.toMatchObject({ code: 'refund-limit' });
    await expect(engine.refund({ tenderId: tender.tenderId, amount: 1, managerPin: MANAGER_PIN })).rejects.toBeInstanceOf(RefundRefusedError);
    expect(engine.store.refundsOfTender(tender.tenderId)).toHaveLength(50);
  }, 60_000);

  it('tells the checkout the customer is entering a password while the wallet answers PAYMENT_IN_PROCESS', async () => {
    const { engine } = await till();
    const sale = engine.openSale({ lines: [{ name: 'Soju', unitPrice: 5_000, quantity: 1, tax: 'taxable' }] });
    const seen: Array<string | null> = [];
    engine.events.on('tender', (event) => {
      if (event.to === 'inquiring' || event.to === 'approved') seen.push(tenderInFlight(engine.store, { method: 'cpm', tenderId: event.tenderId }).waiting);
    });
    const outcome = await engine.payByCode(sale.saleId, walletCode(86, '0091'));
    expect(outcome.tender.state).toBe('approved');
    expect(seen).toEqual(['password', null]);
    // A lost answer is no password wait.
    expect(isPasswordWait({ reasonCode: 'NO_ANSWER', state: 'inquiring' })).toBe(false);
  });

  it('takes a code the customer already used in another sale as declined, never a second charge', async () => {
    const { engine, sandbox } = await till();
    await paidSale(engine, 4_000, 85);
    const again = engine.openSale({ lines: [{ name: 'Gimbap', unitPrice: 4_000, quantity: 1, tax: 'taxable' }] });
    const outcome = await engine.payByCode(again.saleId, walletCode(85));
    expect(outcome.tender).toMatchObject({ state: 'declined', reasonCode: 'PAYMENT_CODE_EXPIRED' });
    expect(outcome.message).toMatch(/refresh the code/);
    expect(sandbox.ledger('T01').entries.filter((e) => e.kind === 'CHARGE')).toHaveLength(1);
  });
});
