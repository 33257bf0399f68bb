import { describe, expect, it } from 'vitest';
import { ChaosPlan, type TillOutcome, settlePayment } from './chaos-driver.js';
import { faultyFetch, useSandbox } from './fixture.js';

const PAYMENTS = 1_000;
const WORKERS = 16;
const SEED = Number(process.env.CHAOS_SEED ?? 20260105);

describe('1,000 payments through random faults (acceptance)', () => {
  const start = useSandbox();

  it(
    'the sandbox ledger shows exactly one charge per successful payment and none for the rest',
    // 35 s alone on two idle cores since answers are signed; the budget leaves room for a
    // neighbouring test file on the other core.
    { timeout: 180_000 },
    async () => {
      const plan = new ChaosPlan(SEED);
      // Pending wallet outcomes (password entry) take longer than the till inquires, so some
      // are cancelled while processing and some resolve just before their cancel lands.
      const { gateway, clientWith } = await start({ pendingMs: 40 });
      const client = clientWith({
        fetch: faultyFetch((url, body) => plan.faultFor(url, body)),
        timeouts: { pay: 300, inquiry: 300, cancel: 300 },
        // The driver is the retry logic here, as the payment engine is in the app.
        retry: { attempts: 1 },
      });

      const requests = Array.from({ length: PAYMENTS }, (_, i) => plan.payment(i));
      const outcomes = new Map<string, TillOutcome>();
      let next = 0;
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (next < requests.length) {
            const request = requests[next++]!;
            outcomes.set(
              request.paymentRequestId,
              await settlePayment(client, request, { inquiries: 2, pauseMs: 15 }),
            );
          }
        }),
      );

      // Let every pending wallet outcome arrive: one that lands after its cancel must stay cancelled.
      await new Promise((resolve) => setTimeout(resolve, 60));
      gateway.resolveDue();

      const ledger = new Map(gateway.ledger().payments.map((p) => [p.paymentRequestId, p]));
      const tally: Record<string, number> = {};
      let expectedNet = 0;
      for (const request of requests) {
        const outcome = outcomes.get(request.paymentRequestId)!;
        const booked = ledger.get(request.paymentRequestId);
        tally[`till: ${outcome}`] = (tally[`till: ${outcome}`] ?? 0) + 1;
        const context = `${request.paymentRequestId} (${request.paymentCode.slice(-4)}): till says ${outcome}, sandbox ${JSON.stringify(booked)}`;
        if (outcome === 'SUCCESS') {
          expectedNet += Number(request.amount.value);
          expect(booked, context).toMatchObject({
            status: 'SUCCESS',
            charges: 1,
            reversals: 0,
            netCharged: Number(request.amount.value),
          });
        } else {
          expect(booked?.status ?? 'NEVER_ARRIVED', context).not.toBe('SUCCESS');
          expect(booked?.netCharged ?? 0, context).toBe(0);
          const kind = !booked
            ? 'request id closed before the pay arrived'
            : booked.reversals
              ? 'charged then reversed'
              : `${booked.status} uncharged`;
          tally[`gateway: ${kind}`] = (tally[`gateway: ${kind}`] ?? 0) + 1;
        }
      }
      for (const booked of ledger.values()) expect(booked.charges).toBeLessThanOrEqual(1);
      const net = [...ledger.values()].reduce((sum, p) => sum + p.netCharged, 0);
      expect(net).toBe(expectedNet);

      // The run must have exercised what it claims to: every fault, unknown outcomes and reversals.
      expect(outcomes.size).toBe(PAYMENTS);
      // On two loaded cores more answers outlive the 300 ms timeouts and more payments are reversed.
      expect(tally['till: SUCCESS']).toBeGreaterThan(350);
      expect(tally['till: CANCELLED']).toBeGreaterThan(30);
      expect(tally['gateway: charged then reversed']).toBeGreaterThan(10);
      expect(tally['gateway: CANCELLED uncharged']).toBeGreaterThan(20);
      expect(tally['gateway: request id closed before the pay arrived']).toBeGreaterThan(5);
      for (const fault of [
        'pay:drop-after',
        'pay:timeout',
        'pay:server-error-after',
        'cancel:drop-after',
        'inquiry:drop-after',
      ]) {
        expect(plan.injected[fault], fault).toBeGreaterThan(5);
      }
      console.log(JSON.stringify({ seed: SEED, outcomes: tally, faults: plan.injected }));
    },
  );
});
