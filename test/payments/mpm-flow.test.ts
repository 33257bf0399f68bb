import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentAlert } from '../../src/payments/events.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startSandboxGateway } from '../../sandbox/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { goOffline, openTill, startGateway, waitFor } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const cart = { lines: [{ name: 'Coffee', unitPrice: 4_500, quantity: 2, tax: 'taxable' as const }] };

/** A display that records what the customer was shown. */
function recordingDisplay() {
  const shown: string[] = [];
  const cleared: string[] = [];
  return { shown, cleared, showPaymentQr: (p: { qrPayload: string }) => void shown.push(p.qrPayload), clearPaymentQr: (id: string) => void cleared.push(id) };
}

async function till(options: { clock?: ManualClock; config?: object } = {}) {
  const dir = tempDir();
  const clock = options.clock;
  const gateway = await startGateway(dir, 'T01', clock);
  const display = recordingDisplay();
  // A fast-forward clock: every wait moves the shared clock on, so a 30 s order code expires in test time.
  const sleeper = clock ? { sleep: async (ms: number) => { clock.advance(ms); await new Promise((r) => setTimeout(r, 1)); } } : undefined;
  const { engine, ledger } = openTill(dir, gateway.client(), {
    display,
    ...(clock ? { clock, sleeper } : {}),
    config: { terminalId: 'T01', ...options.config },
  });
  engine.start();
  cleanups.push(() => gateway.sandbox.close(), () => ledger.close(), () => engine.stop());
  return { dir, engine, display, ...gateway };
}

describe('MPM online', () => {
  it('shows the order code and approves when the customer pays (event stream)', async () => {
    const { engine, sandbox, display } = await till();
    const sale = engine.openSale(cart);
    const session = await engine.showPaymentQr(sale.saleId);
    expect(session.offline).toBe(false);
    expect(display.shown).toEqual([session.qrPayload]);
    expect(engine.store.tender(session.tenderId)!.state).toBe('awaiting-customer');
    expect(sandbox.customer.pay({ paymentRequestId: session.tenderId, wallet: 'zeropay' }).result.status).toBe('S');
    const outcome = await session.outcome;
    expect(outcome.tender.state).toBe('approved');
    expect(display.cleared).toEqual([session.tenderId]);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
  });

  it('cancels the order code when the cashier aborts', async () => {
    const { engine, sandbox } = await till();
    const session = await engine.showPaymentQr(engine.openSale(cart).saleId);
    engine.abortPaymentQr(session.tenderId);
    const outcome = await session.outcome;
    expect(['reversing', 'reversed']).toContain(outcome.tender.state);
    await waitFor(() => engine.store.tender(session.tenderId)!.state === 'reversed');
    expect(engine.store.tender(session.tenderId)!.reasonCode).toBe('SUCCESS');
    const states = engine.store.ledger.journal.forAggregate(session.tenderId).map((r) => [r.body.to, r.body.reasonCode]);
    expect(states).toContainEqual(['reversing', 'CASHIER_ABORT']);
    expect(sandbox.customer.pay({ paymentRequestId: session.tenderId, wallet: 'zeropay' }).result.status).toBe('F');
  });

  it('ends the order code at its expiry, never leaving it payable', async () => {
    const clock = new ManualClock(Date.now());
    const { engine, sandbox } = await till({ clock });
    const session = await engine.showPaymentQr(engine.openSale(cart).saleId);
    await session.outcome;
    // Whoever notices the expiry first ends it: the gateway closes the code
    // itself (FAIL ORDER_EXPIRED, nothing to cancel), or the till sees its
    // deadline pass and cancels. Either way the code ends unpaid.
    await waitFor(() => ['declined', 'reversed'].includes(engine.store.tender(session.tenderId)!.state));
    const reasons = engine.store.ledger.journal.forAggregate(session.tenderId).map((r) => r.body.reasonCode);
    expect(reasons).toContain('ORDER_EXPIRED');
    expect(sandbox.customer.pay({ paymentRequestId: session.tenderId, wallet: 'zeropay' }).result.status).toBe('F');
  });
});

describe('MPM offline', () => {
  it('builds a local QR with a bill number, completes the sale pending confirmation and confirms it on sync', async () => {
    const { dir, engine, sandbox } = await till();
    await goOffline(engine, sandbox);
    const sale = engine.openSale(cart);
    const first = await engine.showPaymentQr(sale.saleId, 4_000);
    const second = await engine.showPaymentQr(sale.saleId);
    const bills = [first, second].map((s) => engine.store.tender(s.tenderId)!.billNumber);
    expect(bills).toEqual(['T01B00000001', 'T01B00000002']);
    // The gateway comes back; the customer's wallet paid the QR meanwhile.
    const back = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), port: sandbox.port });
    cleanups.push(() => back.close());
    expect(back.customer.pay({ qrPayload: first.qrPayload!, wallet: 'alipay' }).result.status).toBe('S');
    expect(back.customer.pay({ qrPayload: second.qrPayload!, wallet: 'zeropay' }).result.status).toBe('S');
    engine.settleOfflineQr(first.tenderId, true);
    engine.settleOfflineQr(second.tenderId, true);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
    engine.sync.start();
    await waitFor(() => engine.store.tender(first.tenderId)!.state === 'approved' && engine.store.tender(second.tenderId)!.state === 'approved');
    expect(engine.store.tender(first.tenderId)!.gatewayRequestId).toMatch(/^mpm-offline-/);
    expect(engine.sync.status().depth).toBe(0);
  });

  it('flags an offline QR the gateway does not report in the configured time, and clears it on a late match', async () => {
    const { engine, sandbox, dir } = await till({ config: { offlineMpm: { unmatchedAfterMs: 1 } } });
    const alerts: PaymentAlert[] = [];
    engine.events.on('alert', (a) => alerts.push(a));
    await goOffline(engine, sandbox);
    const session = await engine.showPaymentQr(engine.openSale(cart).saleId);
    engine.settleOfflineQr(session.tenderId, true);
    const back = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), port: sandbox.port });
    cleanups.push(() => back.close());
    await new Promise((r) => setTimeout(r, 5));
    expect(await engine.matchOfflinePayments()).toEqual({ confirmed: 0, flagged: 1, givenBack: 0, expired: 0 });
    expect(engine.store.tender(session.tenderId)!.state).toBe('unmatched');
    expect(alerts.map((a) => a.code)).toContain('offline-mpm-unmatched');
    // The customer's payment turns up late after all: the flag is cleared by the match.
    back.customer.pay({ qrPayload: session.qrPayload!, wallet: 'zeropay' });
    expect(await engine.matchOfflinePayments()).toEqual({ confirmed: 1, flagged: 0, givenBack: 0, expired: 0 });
    expect(engine.store.tender(session.tenderId)!.state).toBe('approved');
  });

  it('abandons an offline QR the customer did not pay', async () => {
    const { engine, sandbox } = await till();
    await goOffline(engine, sandbox);
    const sale = engine.openSale(cart);
    const session = await engine.showPaymentQr(sale.saleId);
    expect(engine.settleOfflineQr(session.tenderId, false).tender.state).toBe('abandoned');
    expect(engine.balance(sale.saleId).due).toBe(9_000);
    expect((await session.outcome).tender.state).toBe('abandoned');
  });
});
