import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/payments/errors.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { PaymentAlert } from '../../src/payments/events.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { type SandboxGatewayOptions, startSandboxGateway } from '../../sandbox/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { CASHIER_PIN, MANAGER_PIN, goOffline, openTill, startGateway, waitFor } from './harness.js';

/**
 * The offline-QR lifecycle (issue 12): every bill the till issued is matched
 * against the gateway until past its validity, across restarts; a bill paid
 * after the cashier gave up on it is given back; a bill never paid can be
 * written off by the owner.
 */
const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const cart = { lines: [{ name: 'Coffee', unitPrice: 4_500, quantity: 2, tax: 'taxable' as const }] };

async function offlineTill(config: object = {}) {
  const dir = tempDir();
  const gateway = await startGateway(dir);
  const open = () => {
    const till = openTill(dir, gateway.client(), { config: { terminalId: 'T01', ...config } });
    till.engine.start();
    cleanups.push(() => till.ledger.close(), () => till.engine.stop());
    return till;
  };
  const first = open();
  await goOffline(first.engine, gateway.sandbox);
  /** The gateway comes back on the same port and database. */
  const back = async () => {
    const sandbox = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), port: gateway.sandbox.port });
    cleanups.push(() => sandbox.close());
    return sandbox;
  };
  return { ...first, open, back };
}

const DAY_MS = 24 * 3_600_000;

/**
 * An offline till and its gateway on one hand-moved clock (a day can pass
 * between two lookups), recording the bill numbers of every lookup.
 */
async function clockedOfflineTill(config: object = {}, sandbox: Partial<SandboxGatewayOptions> = {}) {
  const dir = tempDir();
  const clock = new ManualClock(Date.now());
  const gateway = await startGateway(dir, 'T01', clock);
  const lookedUp: string[][] = [];
  const open = () => {
    const client = gateway.client();
    const lookupByBill = client.lookupByBill.bind(client);
    client.lookupByBill = (bills) => {
      lookedUp.push([...bills]);
      return lookupByBill(bills);
    };
    const till = openTill(dir, client, { clock, config: { terminalId: 'T01', ...config } });
    till.engine.start();
    cleanups.push(() => till.ledger.close(), () => till.engine.stop());
    return till;
  };
  const { engine } = open();
  await goOffline(engine, gateway.sandbox);
  /** A QR the cashier gave up on ("did not pay"), the sale taken in cash. */
  const abandonedBill = async () => {
    const sale = engine.openSale(cart);
    const qr = await engine.showPaymentQr(sale.saleId);
    engine.settleOfflineQr(qr.tenderId, false);
    await engine.takeCash(sale.saleId, 9_000);
    return qr;
  };
  const back = async () => {
    const restarted = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), port: gateway.sandbox.port, clock, ...sandbox });
    cleanups.push(() => restarted.close());
    return restarted;
  };
  return { engine, clock, open, back, abandonedBill, lookedUp };
}

/**
 * WeChat Pay resends an unacknowledged payment notification for 24 h: this
 * gateway hears of offline payments 30 min late, 20 min past a bill's 10 min validity.
 */
const REPORT_DELAY_MS = 30 * 60_000;

/** A bill the cashier gave up on, paid by its customer at once, that the gateway will hear of REPORT_DELAY_MS later. */
async function paidBillReportedLate(config: object = {}) {
  const { engine, clock, back, abandonedBill } = await clockedOfflineTill(config, { lateReports: { share: 1, delayMs: REPORT_DELAY_MS } });
  const qr = await abandonedBill();
  const gateway = await back();
  expect(gateway.customer.pay({ qrPayload: qr.qrPayload!, wallet: 'zeropay' }).result.status).toBe('S');
  return { engine, clock, qr, gateway };
}

function alertsOf(engine: PaymentEngine): PaymentAlert[] {
  const alerts: PaymentAlert[] = [];
  engine.events.on('alert', (a) => alerts.push(a));
  return alerts;
}

describe('offline QR lifecycle', () => {
  it('finds a bill the customer paid while the till was down with the QR on the display (defect 2)', async () => {
    const { engine, ledger, open, back } = await offlineTill();
    const sale = engine.openSale(cart);
    const qr = await engine.showPaymentQr(sale.saleId);
    expect(qr.offline).toBe(true);
    // SIGKILL-like stop with the QR shown; the customer pays meanwhile.
    await engine.stop();
    ledger.close();
    const gateway = await back();
    expect(gateway.customer.pay({ qrPayload: qr.qrPayload!, wallet: 'zeropay' }).result.status).toBe('S');
    const restarted = open();
    await waitFor(() => restarted.engine.store.tender(qr.tenderId)!.state === 'approved');
    expect(restarted.engine.store.sale(sale.saleId)!.state).toBe('completed');
  });

  it('gives back a bill paid after the cashier said "did not pay" and took cash, and tells the owner (defect 3)', async () => {
    const { engine, back } = await offlineTill();
    const alerts = alertsOf(engine);
    const sale = engine.openSale(cart);
    const qr = await engine.showPaymentQr(sale.saleId);
    engine.settleOfflineQr(qr.tenderId, false);
    await engine.takeCash(sale.saleId, 9_000);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
    const gateway = await back();
    expect(gateway.customer.pay({ qrPayload: qr.qrPayload!, wallet: 'zeropay' }).result.status).toBe('S');
    engine.sync.start();
    await waitFor(() => engine.store.tender(qr.tenderId)!.state === 'reversed');
    expect(alerts.map((a) => a.code)).toContain('offline-qr-paid-after-abandon');
    const books = gateway.ledger('T01').payments.find((p) => p.paymentRequestId === engine.store.tender(qr.tenderId)!.gatewayRequestId);
    expect(books).toMatchObject({ netCharged: 0 });
  });

  it('gives back a bill paid after abandon that the till first looks up the next day (a pos chaos orphan)', async () => {
    // The night passes between the customer's payment and the till's next lookup (the shop closed,
    // the till was off, or chaos's day-crossing turned the day): the report lag is long over by the
    // clock, but no lookup has seen the bill since it was paid.
    const { engine, clock, back, abandonedBill } = await clockedOfflineTill();
    const qr = await abandonedBill();
    const gateway = await back();
    expect(await engine.matchOfflinePayments()).toMatchObject({ givenBack: 0 });
    expect(gateway.customer.pay({ qrPayload: qr.qrPayload!, wallet: 'zeropay' }).result.status).toBe('S');
    clock.advance(DAY_MS);
    expect(await engine.matchOfflinePayments()).toMatchObject({ givenBack: 1 });
    await waitFor(() => engine.store.tender(qr.tenderId)!.state === 'reversed');
    const books = gateway.ledger('T01').payments.find((p) => p.paymentRequestId === engine.store.tender(qr.tenderId)!.gatewayRequestId);
    expect(books).toMatchObject({ netCharged: 0 });
  });

  // The gateway hears of the payment 20 min past the bill's validity (a late notification). The till's
  // hour of late reports finds it and gives it back; a till told to stop asking after a minute leaves
  // the customer charged: the allowance, not luck, is what finds a late report.
  it.each([
    { till: 'keeps asking for its hour of late reports', config: {}, givenBack: 1, state: 'reversed', netCharged: 0 },
    { till: 'stops asking a minute past the validity', config: { offlineMpm: { lateReportMs: 60_000 } }, givenBack: 0, state: 'abandoned', netCharged: 9_000 },
  ])('a bill paid in time and reported after its validity, with a till that $till', async ({ config, givenBack, state, netCharged }) => {
    const { engine, clock, qr, gateway } = await paidBillReportedLate(config);
    clock.advance(qr.expiresAt! - clock.now() + 2 * 60_000);
    // Past the bill's validity, and nothing reported yet.
    expect(await engine.matchOfflinePayments()).toMatchObject({ givenBack: 0 });
    clock.advance(REPORT_DELAY_MS);
    expect(await engine.matchOfflinePayments()).toMatchObject({ givenBack });
    await waitFor(() => engine.store.tender(qr.tenderId)!.state === state);
    expect(gateway.ledger('T01').payments).toEqual([expect.objectContaining({ netCharged })]);
  });

  it('confirms a bill on the display paid just before the day turned, instead of expiring it unseen', async () => {
    // chaos's `unseen` customer on a day-crossing sale: paid, then the clock moved a day before the matcher looked.
    const { engine, clock, back, lookedUp } = await clockedOfflineTill();
    const sale = engine.openSale(cart);
    const qr = await engine.showPaymentQr(sale.saleId);
    const gateway = await back();
    await engine.matchOfflinePayments();
    expect(gateway.customer.pay({ qrPayload: qr.qrPayload!, wallet: 'zeropay' }).result.status).toBe('S');
    clock.advance(DAY_MS);
    expect(await engine.matchOfflinePayments()).toMatchObject({ confirmed: 1, expired: 0 });
    expect(lookedUp.length).toBeGreaterThan(1);
    expect(engine.store.tender(qr.tenderId)!.state).toBe('approved');
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
  });

  it('stops asking about a given-up bill once a lookup begun past its validity and report lag has answered, in each process', async () => {
    const { engine, clock, back, abandonedBill, lookedUp, open } = await clockedOfflineTill();
    const qr = await abandonedBill();
    const bill = engine.store.tender(qr.tenderId)!.billNumber!;
    await back();
    await engine.matchOfflinePayments();
    clock.advance(DAY_MS);
    await engine.matchOfflinePayments(); // began past the window: the last time this process asks
    await engine.matchOfflinePayments();
    const asked = (): number => lookedUp.filter((bills) => bills.includes(bill)).length;
    expect(asked()).toBe(2);
    // A new process does not know what the last one saw: it asks again (its sync may match at the same time), then stops.
    const restarted = open();
    await restarted.engine.matchOfflinePayments();
    const afterRestart = asked();
    expect(afterRestart).toBeGreaterThan(2);
    await restarted.engine.matchOfflinePayments();
    expect(asked()).toBe(afterRestart);
  });

  it('lets the owner write off, with a PIN, a bill the gateway never reported paid, out of what was paid (defect 6)', async () => {
    const { engine, back } = await offlineTill({ offlineMpm: { unmatchedAfterMs: 1 } });
    const sale = engine.openSale(cart);
    const qr = await engine.showPaymentQr(sale.saleId);
    engine.settleOfflineQr(qr.tenderId, true);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
    await back();
    await new Promise((r) => setTimeout(r, 5));
    await engine.matchOfflinePayments();
    expect(engine.store.tender(qr.tenderId)!.state).toBe('unmatched');
    await expect(engine.writeOffOfflineQr(qr.tenderId, CASHIER_PIN, 'customer walked off')).rejects.toThrow(/manager/);
    await expect(engine.writeOffOfflineQr(qr.tenderId, '0000', 'x')).rejects.toThrow(PermissionDeniedError);
    const written = await engine.writeOffOfflineQr(qr.tenderId, MANAGER_PIN, 'customer walked off');
    expect(written).toMatchObject({ state: 'written-off', reasonCode: 'WRITTEN_OFF' });
    expect(engine.balance(sale.saleId).paid).toBe(0);
    const rows = engine.store.ledger.journal.forAggregate(qr.tenderId);
    expect(rows.at(-1)!.body).toMatchObject({ from: 'unmatched', to: 'written-off', staffId: 'm1', reason: 'customer walked off' });
  });
});
