import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { GatewayUnreachableError, type RelayGateway } from '../relay/gateway.js';
import type { CancelRequest, Payment } from '../relay/protocol.js';
import { backoffDelay } from '../relay/sync-backoff.js';
import { NOTHING_TO_CANCEL, refundsInstead } from './cancel-outcomes.js';
import { REVERSED_MESSAGE, REVERSING_MESSAGE, cashierMessage } from './cashier-messages.js';
import type { PaymentsConfig } from './config.js';
import type { PaymentEvents } from './events.js';
import { isInFlight, isPasswordWait } from './payment-states.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { Sleeper } from './ports.js';
import type { Refunds } from './refunds.js';
import { type TenderBook, paymentFacts } from './tender-book.js';
import { timingFor } from './wallet-timing.js';

/** What an inquiry learnt about a payment. */
export type Verdict =
  | { kind: 'paid'; payment: Payment }
  | { kind: 'failed'; code: string; message?: string }
  | { kind: 'not-found' }
  | { kind: 'pending' };

export interface ResolverDeps {
  store: PaymentStore;
  tenders: TenderBook;
  gateway: RelayGateway;
  config: PaymentsConfig;
  clock: Clock;
  sleeper: Sleeper;
  logger: Logger;
  events: PaymentEvents;
  /** Past the cancel window a reversal becomes a refund. */
  refunds: Pick<Refunds, 'refundReversal'>;
  random?: () => number;
}

/**
 * Drives a QR tender whose outcome is open to a final state: inquire on the
 * configured schedule; past the deadline (or on a not-found), reverse it
 * (망취소) and keep sending the cancel until the gateway acknowledges it,
 * however long the outage; refused past the cancel window, the reversal
 * becomes a refund (Refunds.refundReversal). One driver per tender at a time; the event stream
 * and the cashier's abort wake it instead of writing states themselves.
 */
export class PaymentResolver {
  private readonly running = new Map<string, Promise<TenderRow>>();
  private readonly wakers = new Map<string, () => void>();
  private readonly aborts = new Set<string>();
  /**
   * When (monotonic ms) each tender's request went out, as this process
   * knows it: fixed the first time it sees the tender, from the journaled
   * request time. Waits are measured on it, so a till clock stepped back
   * (a bad time fix put right) cannot stretch them by the size of the step
   * (issue 12, chaos `clock`: the cashier waited six minutes for an answer).
   */
  private readonly sentAt = new Map<string, number>();
  private stopped = false;

  constructor(private readonly deps: ResolverDeps) {}

  /** Resolves the tender (or joins the driver already at work on it). */
  resolve(tenderId: string): Promise<TenderRow> {
    const existing = this.running.get(tenderId);
    if (existing) return existing;
    const driving = this.drive(tenderId).finally(() => {
      this.running.delete(tenderId);
      this.sentAt.delete(tenderId);
    });
    this.running.set(tenderId, driving);
    return driving;
  }

  /**
   * Starts (or joins) the driver and resolves as soon as the tender is no
   * longer in flight: the cashier learns "approved", "declined" or "not
   * charged, being cancelled" without waiting for a reversal that may sit
   * out a long outage (the driver carries on with it in the background).
   */
  decide(tenderId: string): Promise<TenderRow> {
    const { store, events } = this.deps;
    const driving = this.resolve(tenderId);
    return new Promise((resolve, reject) => {
      const settled = (): boolean => {
        const tender = store.tender(tenderId);
        if (!tender || isInFlight(tender.state)) return false;
        off();
        resolve(tender);
        return true;
      };
      const off = events.on('tender', (event) => {
        if (event.tenderId === tenderId) settled();
      });
      if (settled()) return;
      driving.then(
        (tender) => {
          off();
          resolve(store.tender(tenderId) ?? tender);
        },
        (error: unknown) => {
          off();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Cuts a wait short: an event arrived for this tender. */
  wake(tenderId: string): void {
    this.wakers.get(tenderId)?.();
  }

  /** The cashier gave up on an MPM order code: cancel it at the next step. */
  abort(tenderId: string): void {
    this.aborts.add(tenderId);
    this.wake(tenderId);
  }

  /** Whether a driver is working on this tender. */
  isResolving(tenderId: string): boolean {
    return this.running.has(tenderId);
  }

  /** Stops every driver after its current step (states stay journaled for the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of [...this.wakers.values()]) wake();
    await Promise.allSettled([...this.running.values()]);
  }

  private async drive(tenderId: string): Promise<TenderRow> {
    const { store, tenders } = this.deps;
    let reversalAttempt = 0;
    for (;;) {
      const tender = store.tender(tenderId);
      if (!tender) throw new RangeError(`no tender ${tenderId}`);
      if (this.stopped) return tender;
      switch (tender.state) {
        case 'created':
          // Journaled but never sent (the till stopped in between): nothing to undo.
          tenders.move(tenderId, ['created'], 'abandoned', { reasonCode: 'NOT_SENT', reason: 'The payment was never sent.' });
          break;
        case 'requested':
        case 'unknown':
          tenders.move(tenderId, ['requested', 'unknown'], 'inquiring');
          break;
        case 'inquiring':
          await this.inquiryStep(tender);
          break;
        case 'awaiting-customer':
          await this.awaitingStep(tender);
          break;
        case 'reversing':
          await this.reversalStep(tender, reversalAttempt++);
          break;
        default:
          return tender;
      }
    }
  }

  private async inquiryStep(tender: TenderRow): Promise<void> {
    const { config, tenders } = this.deps;
    const timing = timingFor(config, tender.wallet);
    const earliestReverse = timing.earliestReverseMs;
    const deadline = Math.max(timing.deadlineMs, earliestReverse);
    const verdict = await this.inquire(tender.tenderId);
    if (this.settle(tender, ['inquiring'], verdict)) return;
    // Not seen yet is not "never": a pay still on its way may arrive, and the wallets refuse an
    // early reverse (WeChat Pay: 15 s; Alipay+: inquire before cancelPayment). Issue 12, defect 7.
    const elapsed = this.sinceSent(tender);
    if ((verdict.kind === 'not-found' && elapsed >= earliestReverse) || elapsed >= deadline) {
      // Close it at the gateway whatever it knows, so a request still in
      // flight can never turn into a charge for a sale the till gave up on.
      tenders.move(tender.tenderId, ['inquiring'], 'reversing', {
        reasonCode: 'NETWORK_CANCELLATION',
        reason: REVERSING_MESSAGE,
      });
      return;
    }
    const interval = isPasswordWait(tender) ? timing.passwordIntervalMs : timing.intervalMs;
    const until = verdict.kind === 'not-found' ? earliestReverse : deadline;
    await this.pause(tender.tenderId, Math.max(1, Math.min(interval, until - elapsed)));
  }

  /** Milliseconds since the tender's request went out (see `sentAt`); never negative. */
  private sinceSent(tender: TenderRow): number {
    const { clock } = this.deps;
    let sent = this.sentAt.get(tender.tenderId);
    if (sent === undefined) {
      sent = clock.monotonic() - Math.max(0, clock.now() - (tender.requestedAt ?? tender.createdAt));
      this.sentAt.set(tender.tenderId, sent);
    }
    return clock.monotonic() - sent;
  }

  private async awaitingStep(tender: TenderRow): Promise<void> {
    const { config, clock, tenders } = this.deps;
    const expiresAt = tender.expiresAt ?? tender.createdAt;
    const aborted = this.aborts.delete(tender.tenderId);
    const verdict = await this.inquire(tender.tenderId);
    if (this.settle(tender, ['awaiting-customer'], verdict)) return;
    if (aborted || clock.now() >= expiresAt) {
      tenders.move(tender.tenderId, ['awaiting-customer'], 'reversing', {
        reasonCode: aborted ? 'CASHIER_ABORT' : 'ORDER_EXPIRED',
        reason: aborted ? 'The cashier cancelled the payment QR.' : cashierMessage('ORDER_EXPIRED'),
      });
      return;
    }
    await this.pause(tender.tenderId, Math.min(config.mpm.pollIntervalMs, Math.max(1, expiresAt - clock.now())));
  }

  /** Writes approved/declined when the verdict is final; true if it did (or someone else did). */
  private settle(tender: TenderRow, expected: Array<TenderRow['state']>, verdict: Verdict): boolean {
    const { tenders } = this.deps;
    if (verdict.kind === 'paid') {
      tenders.move(tender.tenderId, expected, 'approved', paymentFacts(verdict.payment));
      return true;
    }
    if (verdict.kind === 'failed') {
      tenders.move(tender.tenderId, expected, 'declined', {
        reasonCode: verdict.code,
        reason: cashierMessage(verdict.code, verdict.message),
      });
      return true;
    }
    return false;
  }

  private async reversalStep(tender: TenderRow, attempt: number): Promise<void> {
    const { gateway, config, tenders, logger, events } = this.deps;
    const reason = cancelReasonOf(tender.reasonCode);
    // A network cancellation of a CPM payment waits for the wallet's earliest reverse (also after a
    // restart that finds it reversing): sent sooner it is refused, and it may close a pay in flight.
    const wait = tender.method === 'cpm' ? timingFor(config, tender.wallet).earliestReverseMs - this.sinceSent(tender) : 0;
    if (wait > 0) {
      await this.pause(tender.tenderId, wait);
      return;
    }
    try {
      // An offline QR's payment has the wallet's request id at the gateway, not the tender's.
      const answer = await gateway.cancel({ paymentRequestId: tender.gatewayRequestId ?? tender.tenderId, reason });
      if (answer.result.status === 'F' && refundsInstead(answer.result.code)) {
        // Charged and past the cancel window: the money goes back as a journaled refund, whose
        // outcome reverses the tender (refused for good, the owner is alerted).
        await this.deps.refunds.refundReversal(tender);
        return;
      }
      // recall=Y (WeChat Pay) asks for the reverse again: never an acknowledgement.
      const acknowledged = !answer.recall && (answer.result.status === 'S' || (answer.result.status === 'F' && NOTHING_TO_CANCEL.has(answer.result.code)));
      if (acknowledged) {
        // The answer's code says whether something was closed or nothing was there: the
        // start-up audit asks again about the latter, in case a late request succeeded.
        tenders.move(tender.tenderId, ['reversing'], 'reversed', {
          reasonCode: answer.result.code,
          reason: tender.reasonCode === 'NETWORK_CANCELLATION' ? REVERSED_MESSAGE : (tender.reason ?? REVERSED_MESSAGE),
        });
        return;
      }
      logger.warn({ tenderId: tender.tenderId, code: answer.result.code }, 'cancellation not acknowledged yet');
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      logger.warn({ tenderId: tender.tenderId, kind: error.kind }, 'cancellation could not reach the gateway');
    }
    if (attempt === 3) {
      events.emit('alert', {
        code: 'reversal-pending',
        message: 'A payment cancellation is waiting for the gateway; it will keep trying.',
        ref: tender.tenderId,
      });
    }
    const policy = { baseMs: config.reversal.baseDelayMs, maxMs: config.reversal.maxDelayMs };
    await this.pause(tender.tenderId, backoffDelay(attempt, policy, this.deps.random));
  }

  /** Asks the gateway where a payment stands; an unreachable gateway is "pending", never "failed". */
  async inquire(paymentRequestId: string): Promise<Verdict> {
    try {
      const answer = await this.deps.gateway.inquire(paymentRequestId);
      if (answer.result.status === 'F' && answer.result.code === 'PAYMENT_NOT_FOUND') return { kind: 'not-found' };
      if (answer.result.status !== 'S' || !answer.payment) return { kind: 'pending' };
      const payment = answer.payment;
      if (payment.status === 'SUCCESS') return { kind: 'paid', payment };
      if (payment.status === 'FAIL') return { kind: 'failed', code: payment.failCode ?? 'USER_PAYMENT_DECLINED' };
      if (payment.status === 'CANCELLED') return { kind: 'failed', code: 'ORDER_IS_CLOSED' };
      return { kind: 'pending' };
    } catch (error) {
      if (error instanceof GatewayUnreachableError) return { kind: 'pending' };
      throw error;
    }
  }

  private pause(tenderId: string, ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        if (this.wakers.get(tenderId) === finish) this.wakers.delete(tenderId);
        resolve();
      };
      this.wakers.set(tenderId, finish);
      void this.deps.sleeper.sleep(ms).then(finish);
    });
  }
}

function cancelReasonOf(reasonCode: string | null): CancelRequest['reason'] {
  if (reasonCode === 'ORDER_EXPIRED' || reasonCode === 'CASHIER_ABORT') return reasonCode;
  return 'NETWORK_CANCELLATION';
}
