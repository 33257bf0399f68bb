import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { EARLIEST_REVERSE_MS, MANAGER_PIN, type Sandbox, openTill, startGateway, waitFor, walletCode } from './harness.js';

// Defect 1 of issue 12: a refusal of the request itself (clock, signature, nonce) is not the
// operation's outcome. After an attempt whose answer was lost, the refund stays unknown.

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A till whose clock can step, and whose first call to `path` reaches the gateway but loses its answer. */
async function steppingTill(path: string, config: object = {}) {
  const dir = tempDir();
  let skew = 0;
  const clock = { now: () => Date.now() + skew, monotonic: () => performance.now() };
  const { sandbox, client } = await startGateway(dir);
  let lost = false;
  const lossyFetch: typeof fetch = async (input, init) => {
    const answer = await fetch(input, init);
    if (!lost && String(input).endsWith(path)) {
      lost = true;
      await answer.arrayBuffer();
      skew = 6 * 60_000; // the till's clock steps 6 minutes before the retry
      throw new TypeError('fetch failed');
    }
    return answer;
  };
  const { engine, ledger } = openTill(dir, client({ fetch: lossyFetch, clock }), { clock, config: { terminalId: 'T01', ...config } });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox, stepBack: () => (skew = 0) };
}

async function paidTender(engine: PaymentEngine) {
  const sale = engine.openSale({ lines: [{ name: 'Ramyeon', unitPrice: 10_000, quantity: 1, tax: 'taxable' }] });
  return (await engine.payByCode(sale.saleId, walletCode(1))).tender;
}

function books(sandbox: Sandbox, tenderId: string) {
  return sandbox.ledger('T01').payments.find((p) => p.paymentRequestId === tenderId)!;
}

describe('refusals are not outcomes', () => {
  it('keeps a refund whose answer was lost unknown through clock refusals, never failed (defect 1)', async () => {
    const { engine, sandbox, stepBack } = await steppingTill('/v1/refunds', { sameDayVoid: false });
    const tender = await paidTender(engine);
    const first = await engine.refund({ tenderId: tender.tenderId, amount: 3_000, managerPin: MANAGER_PIN });
    expect(books(sandbox, tender.tenderId).refunded).toBe(3_000);
    // A few retries are refused with TIMESTAMP_OUT_OF_WINDOW while the clock is off.
    await new Promise((r) => setTimeout(r, 400));
    expect(engine.store.refund(first.refundId)!.state).toBe('requested');
    stepBack();
    await waitFor(() => engine.store.refund(first.refundId)!.state === 'completed');
    expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'refunded-partially', refunded: 3_000 });
    expect(books(sandbox, tender.tenderId).refunded).toBe(3_000);
  });

  it('keeps a void whose answer was lost unknown through clock refusals, then cancels the sale (defect 1)', async () => {
    const { engine, sandbox, stepBack } = await steppingTill('/v1/payments/cancel');
    const tender = await paidTender(engine);
    // Past WeChat Pay's earliest reverse, so the first cancel is processed (test/payments/wallet-rules.test.ts covers the early one).
    await new Promise((r) => setTimeout(r, EARLIEST_REVERSE_MS));
    const first = await engine.refund({ tenderId: tender.tenderId, managerPin: MANAGER_PIN });
    expect(first.kind).toBe('void');
    expect(books(sandbox, tender.tenderId).status).toBe('CANCELLED');
    await new Promise((r) => setTimeout(r, 400));
    expect(engine.store.refund(first.refundId)!.state).toBe('requested');
    expect(engine.store.tender(tender.tenderId)!.state).toBe('approved');
    stepBack();
    await waitFor(() => engine.store.refund(first.refundId)!.state === 'completed');
    expect(engine.store.tender(tender.tenderId)!.state).toBe('cancelled');
  });

  it('settles a refund whose answer was lost by refund inquiry, without sending it again', async () => {
    const dir = tempDir();
    const { sandbox, client } = await startGateway(dir);
    let refundSends = 0;
    const inquiries: string[] = [];
    const lossyFetch: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/v1/refunds') && ++refundSends > 1) throw new TypeError('fetch failed'); // every resend lost on the way in
      const answer = await fetch(input, init);
      if (url.endsWith('/v1/refunds/inquiry')) inquiries.push(url);
      if (url.endsWith('/v1/refunds')) {
        await answer.arrayBuffer();
        throw new TypeError('fetch failed'); // the first one reached the gateway, its answer did not
      }
      return answer;
    };
    const { engine, ledger } = openTill(dir, client({ fetch: lossyFetch }), { config: { terminalId: 'T01', sameDayVoid: false } });
    engine.start();
    cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
    const tender = await paidTender(engine);
    const refund = await engine.refund({ tenderId: tender.tenderId, amount: 4_000, managerPin: MANAGER_PIN });
    await waitFor(() => engine.store.refund(refund.refundId)!.state === 'completed');
    expect(inquiries.length).toBeGreaterThan(0);
    expect(refundSends).toBe(1);
    expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'refunded-partially', refunded: 4_000 });
    expect(books(sandbox, tender.tenderId).refunded).toBe(4_000);
  });
});
