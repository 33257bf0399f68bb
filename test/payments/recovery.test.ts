import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentAlert } from '../../src/payments/events.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { startSandboxGateway } from '../../sandbox/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { FakeGateway } from './fake-gateway.js';
import { MANAGER_PIN, openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Journals a CPM tender up to `to` as a till that stopped right there would have. */
function tenderStoppedAt(engine: PaymentEngine, to: 'created' | 'requested'): { saleId: string; tenderId: string } {
  const sale = engine.openSale({ lines: [{ name: 'Bread', unitPrice: 6_000, quantity: 1, tax: 'tax-free' }] });
  const tenderId = `T01-P-test-${Math.random().toString(16).slice(2, 10)}`;
  const base = { tenderId, saleId: sale.saleId, method: 'cpm' as const, currency: 'KRW', amount: 6_000, maskedCode: '1300**********7777' };
  engine.store.write('tender.state', tenderId, { ...base, from: null, to: 'created' });
  if (to === 'requested') engine.store.write('tender.state', tenderId, { ...base, from: 'created', to: 'requested' });
  return { saleId: sale.saleId, tenderId };
}

async function setup() {
  const dir = tempDir();
  const gw = await startGateway(dir);
  let current = openTill(dir, gw.client());
  cleanups.push(() => gw.sandbox.close(), () => current.ledger.close(), () => current.engine.stop());
  /** Stops the till where it stands (nothing is flushed that was not already journaled) and starts a new one. */
  const restart = async () => {
    await current.engine.stop();
    current.ledger.close();
    current = openTill(dir, gw.client());
    return current.engine;
  };
  return { dir, ...gw, engine: () => current.engine, restart };
}

describe('crash recovery', () => {
  it('inquires a request that reached the gateway before the stop, and completes its sale', async () => {
    const { engine, restart, client } = await setup();
    const { saleId, tenderId } = tenderStoppedAt(engine(), 'requested');
    await client().pay({ paymentRequestId: tenderId, amount: { currency: 'KRW', value: '6000' }, paymentCode: walletCode(7), orderTitle: 't' });
    const next = await restart();
    const report = next.start();
    expect(report.tenders).toBe(1);
    await report.settled;
    expect(next.store.tender(tenderId)!.state).toBe('approved');
    expect(next.store.sale(saleId)!.state).toBe('completed');
  });

  it('reverses a request that never left, so a late copy of it can never charge', async () => {
    const { engine, restart, client, sandbox } = await setup();
    const { tenderId } = tenderStoppedAt(engine(), 'requested');
    const next = await restart();
    await next.start().settled;
    expect(next.store.tender(tenderId)!.state).toBe('reversed');
    const late = await client().pay({ paymentRequestId: tenderId, amount: { currency: 'KRW', value: '6000' }, paymentCode: walletCode(8), orderTitle: 't' });
    expect(late.result.status).toBe('F');
    expect(sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === tenderId)?.netCharged ?? 0).toBe(0);
  });

  it('abandons a tender journaled but never sent', async () => {
    const { engine, restart } = await setup();
    const { tenderId } = tenderStoppedAt(engine(), 'created');
    const next = await restart();
    await next.start().settled;
    expect(next.store.tender(tenderId)).toMatchObject({ state: 'abandoned', reasonCode: 'NOT_SENT' });
  });

  it('keeps sending a network cancellation across restarts and an outage until it is acknowledged', async () => {
    const { dir, engine, restart, sandbox } = await setup();
    const { tenderId } = tenderStoppedAt(engine(), 'requested');
    engine().store.write('tender.state', tenderId, {
      tenderId, saleId: engine().store.tender(tenderId)!.saleId, method: 'cpm', currency: 'KRW', amount: 6_000, from: 'requested', to: 'inquiring',
    });
    engine().store.write('tender.state', tenderId, {
      tenderId, saleId: engine().store.tender(tenderId)!.saleId, method: 'cpm', currency: 'KRW', amount: 6_000, from: 'inquiring', to: 'reversing', reasonCode: 'NETWORK_CANCELLATION',
    });
    await sandbox.close();
    engine().start();
    await new Promise((r) => setTimeout(r, 100));
    expect(engine().store.tender(tenderId)!.state).toBe('reversing');
    const next = await restart();
    const report = next.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(next.store.tender(tenderId)!.state).toBe('reversing');
    const back = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), port: sandbox.port });
    cleanups.push(() => back.close());
    await report.settled;
    expect(next.store.tender(tenderId)!.state).toBe('reversed');
  });

  it('resends a refund left in flight with the same refundRequestId after a restart', async () => {
    const { engine, restart, sandbox } = await setup();
    engine().start();
    const sale = engine().openSale({ lines: [{ name: 'Beer', unitPrice: 8_000, quantity: 1, tax: 'taxable' }] });
    const { tender } = await engine().payByCode(sale.saleId, walletCode(9));
    sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['refund', 'refundInquiry'], probability: 1 }] });
    const pending = await engine().refund({ tenderId: tender.tenderId, amount: 3_000, managerPin: MANAGER_PIN });
    expect(pending.state).toBe('requested');
    const next = await restart();
    sandbox.setFaults({ rules: [] });
    const report = next.start();
    expect(report.refunds).toBe(1);
    await report.settled;
    expect(next.store.refund(pending.refundId)!.state).toBe('completed');
    expect(sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === tender.tenderId)).toMatchObject({ refunded: 3_000, netCharged: 5_000 });
  });
});

describe('late success', () => {
  it('records a success reported after the cancel and reverses it again, with an alert', async () => {
    const gateway = new FakeGateway();
    const { engine, ledger } = openTill(tempDir(), gateway);
    cleanups.push(() => ledger.close(), () => engine.stop());
    engine.start();
    const alerts: PaymentAlert[] = [];
    engine.events.on('alert', (a) => alerts.push(a));
    gateway.nextPay = 'lost-request';
    const sale = engine.openSale({ lines: [{ name: 'Milk', unitPrice: 2_500, quantity: 1, tax: 'tax-free' }] });
    const { tender } = await engine.payByCode(sale.saleId, walletCode(10));
    await waitFor(() => engine.store.tender(tender.tenderId)!.state === 'reversed');
    // The gateway "finds" the payment after all and reports it paid.
    gateway.payments.set(tender.tenderId, {
      request: { paymentRequestId: tender.tenderId, amount: { currency: 'KRW', value: '2500' }, paymentCode: 'x'.repeat(8), orderTitle: '' },
      status: 'SUCCESS',
      refunded: 0,
      charges: 1,
    });
    gateway.emit('payment.succeeded', tender.tenderId);
    await waitFor(() => engine.store.tender(tender.tenderId)!.state === 'reversed' && gateway.netCharged(tender.tenderId) === 0);
    const states = engine.store.ledger.journal.forAggregate(tender.tenderId).map((r) => r.body.to);
    expect(states.slice(-3)).toEqual(['reversed', 'reversing', 'reversed']);
    expect(alerts.map((a) => a.code)).toContain('late-success-reversed');
  });
});

