import { z } from 'zod';
import { billValidUntil, parseEmvMpm } from '../../src/codes/index.js';
import { SaleStateError } from '../../src/payments/errors.js';
import type { MpmSession } from '../../src/payments/mpm-session.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import type { LateReports } from '../../sandbox/late-reports.js';
import type { OfflinePayer } from './chaos-plan.js';

/**
 * The till's uplink under the `offline-payers` fault: the real relay client,
 * read as offline while `down` is set, so the cashier's next payment QR is
 * the offline one (src/payments/mpm-flow.ts reads `connectivity()`). The
 * calls themselves still go out, as they would once the link is back.
 */
export function flakyUplink(gateway: RelayGateway): { gateway: RelayGateway; down: (on: boolean) => void } {
  let down = false;
  const wrapped = new Proxy(gateway, {
    get(target, property, receiver) {
      if (property === 'connectivity' && down) return () => 'offline';
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { gateway: wrapped, down: (on) => void (down = on) };
}

/** A customer waits at most this long to come back to a QR. */
const MAX_WAIT_MS = 60_000;

const customerAnswerSchema = z.object({ result: z.object({ status: z.string() }) });

/** What the customer's phone got from the gateway for an offline bill. */
export type CustomerAnswer = 'paid' | 'refused' | 'unreachable';

/**
 * The customers in front of offline QRs. Each pays the QR the till showed
 * (its payload, through the sandbox's customer phone) at the moment its
 * behaviour says: now, a random moment before the bill's validity ends, or
 * just after it. The later ones run while the till carries on with the next
 * sales (and die with the till when it is killed, like a customer who walks
 * away); `settle()` waits for the ones still to come.
 */
export class OfflineCustomers {
  private readonly pending = new Set<Promise<void>>();
  private refusedLate = 0;
  /** When (ms, system clock) a customer of this process last paid a bill. */
  private lastPaidAt = 0;

  constructor(
    private readonly sandboxUrl: string,
    private readonly terminalId: string,
    private readonly random: () => number,
    /** The gateway's clock (the sandbox's, days turned included): the one that enforces the validity. */
    private readonly worldNow: () => number,
  ) {}

  /** The customer pays the shown QR now. */
  payNow(qrPayload: string): Promise<CustomerAnswer> {
    return this.pay(qrPayload);
  }

  /**
   * The customer pays later, by the gateway's clock against the validity the
   * QR carries (62.50; a till clock stepped by the `clock` fault put it
   * there): at a random moment before it ends, or just after it for
   * `after-expiry`. One whose bill a stepped clock made valid for minutes
   * does not wait to come back.
   */
  payLater(payer: Extract<OfflinePayer, 'after-abandon' | 'after-expiry'>, qrPayload: string): void {
    const validUntil = billValidUntil(parseEmvMpm(qrPayload)) ?? this.worldNow();
    const left = Math.max(0, validUntil - this.worldNow());
    if (left > MAX_WAIT_MS) return;
    // The bill is payable to the end of its last second; after-expiry comes back clear of it.
    const delay = payer === 'after-abandon' ? Math.floor(this.random() * left * 0.8) : left + 200 + Math.floor(this.random() * 800);
    const customer = new Promise<void>((resolve) => setTimeout(resolve, delay))
      .then(() => this.pay(qrPayload))
      .then((answer) => {
        // The gateway enforces the validity the QR carries (62.50): a payment after it is never charged.
        if (payer === 'after-expiry' && answer === 'paid') throw new Error('the gateway charged an offline bill after its validity');
        if (payer === 'after-expiry' && answer === 'refused') this.refusedLate++;
      });
    this.pending.add(customer);
    void customer.finally(() => this.pending.delete(customer)).catch(() => undefined);
  }

  /** Waits for every customer still to pay; throws if the gateway took a payment it must refuse. */
  async settle(): Promise<{ refusedLate: number }> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    return { refusedLate: this.refusedLate };
  }

  /**
   * Waits until the gateway has heard of every offline payment made so far:
   * the wallet reports some `late.delayMs` after the customer paid
   * (sandbox/late-reports.ts), and those of the customers of a killed process
   * were made before `processStart`.
   */
  async reported(late: LateReports, processStart: number): Promise<void> {
    const due = Math.max(processStart, this.lastPaidAt) + late.delayMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }

  private async pay(qrPayload: string): Promise<CustomerAnswer> {
    const answer = await fetch(`${this.sandboxUrl}/sandbox/customer/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qrPayload, terminalId: this.terminalId }),
    }).catch(() => undefined);
    if (!answer) return 'unreachable';
    const body = customerAnswerSchema.safeParse(await answer.json().catch(() => undefined));
    const paid = body.success && body.data.result.status === 'S';
    if (paid) this.lastPaidAt = Date.now();
    return paid ? 'paid' : 'refused';
  }
}

/**
 * One offline QR at the counter, as its customer behaves: paid and seen (the
 * cashier taps "paid"), paid unseen (the sale completes on the gateway's
 * report, found by the matcher), or not paid: the cashier gives up and takes
 * cash, and an `after-abandon` / `after-expiry` customer pays the QR later.
 */
export async function payOfflineQr(input: {
  engine: PaymentEngine;
  customers: OfflineCustomers;
  saleId: string;
  session: MpmSession;
  payer: OfflinePayer;
}): Promise<void> {
  const { engine, customers, saleId, session, payer } = input;
  const qrPayload = session.qrPayload!;
  if (payer === 'on-display' || payer === 'unseen') {
    const answer = await customers.payNow(qrPayload);
    if (answer === 'paid' && payer === 'on-display') {
      settledEitherWay(() => engine.settleOfflineQr(session.tenderId, true));
      return;
    }
    if (answer === 'paid') {
      // The cashier waits; the matcher asks the gateway for the bill until it is reported or expires.
      const reported = session.outcome.then(() => true);
      while (!(await Promise.race([reported, new Promise<boolean>((r) => setTimeout(() => r(false), 200))]))) {
        await engine.matchOfflinePayments().catch(() => undefined);
      }
      return;
    }
  }
  settledEitherWay(() => engine.settleOfflineQr(session.tenderId, false));
  if (engine.store.sale(saleId)?.state !== 'open') return;
  await engine.takeCash(saleId, engine.balance(saleId).due);
  if (payer === 'after-abandon' || payer === 'after-expiry') {
    customers.payLater(payer, qrPayload);
  }
}

/**
 * The cashier's tap on a bill the matcher (a sync between the customer's
 * payment and the tap) or its validity settled first: the bill is settled
 * either way, so the refusal is no failure of the run.
 */
function settledEitherWay(tap: () => void): void {
  try {
    tap();
  } catch (error) {
    if (!(error instanceof SaleStateError)) throw error;
  }
}
