import type { Logger } from '../platform/logger.js';
import { GatewayUnreachableError, type RelayGateway } from '../relay/gateway.js';
import { backoffDelay } from '../relay/sync-backoff.js';
import type { CashDesk } from './cash.js';
import { cashierMessage } from './cashier-messages.js';
import type { PaymentsConfig } from './config.js';
import { RefundRefusedError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { PaymentStore, RefundRow, TenderRow } from './payment-store.js';
import type { ReceiptPrintRequests, Sleeper } from './ports.js';
import type { RefundKind } from './records.js';
import { type StaffDirectory, requireRole } from './roles.js';

/** What the cashier asks for: which payment, how much (default: all that is left), why, and the manager's PIN. */
export interface RefundInput {
  tenderId: string;
  amount?: number;
  reason?: string;
  managerPin?: string;
}

/** States in which a payment has been acknowledged and can be given back. */
const REFUNDABLE_STATES = new Set(['approved', 'refunded-partially']);

/**
 * Refunds and same-day voids. The manager's PIN is checked here, in the
 * core. A refund is never sent before its payment is acknowledged (approved
 * by the gateway; an offline QR only once the gateway confirmed it), never
 * exceeds what is left of the payment (pending refunds count), and is
 * journaled with its refundRequestId before it leaves, then retried with the
 * same id until the gateway answers for good, across restarts.
 */
export class Refunds {
  private readonly running = new Map<string, Promise<RefundRow>>();
  private stopped = false;

  constructor(
    private readonly deps: {
      store: PaymentStore;
      gateway: RelayGateway;
      ids: IdFactory;
      staff: StaffDirectory;
      cash: CashDesk;
      config: PaymentsConfig;
      events: PaymentEvents;
      logger: Logger;
      sleeper: Sleeper;
      random?: () => number;
      printer?: ReceiptPrintRequests;
    },
  ) {}

  /** What is left to refund of a payment. */
  refundable(tender: TenderRow): number {
    const pending = this.deps.store
      .refundsOfTender(tender.tenderId)
      .filter((r) => r.state === 'requested')
      .reduce((a, r) => a + r.amount, 0);
    return tender.amount - tender.refunded - pending;
  }

  /** Refunds (or voids, same day and in full) a payment; resolves after the first answer. */
  async refund(input: RefundInput): Promise<RefundRow> {
    const { store, staff } = this.deps;
    const member = requireRole(staff, input.managerPin, 'manager');
    const tender = store.tender(input.tenderId);
    if (!tender) throw new RefundRefusedError('no-payment', `There is no payment ${input.tenderId}.`);
    if (!REFUNDABLE_STATES.has(tender.state)) {
      const waiting = ['pending-confirmation', 'unmatched', 'created', 'requested', 'awaiting-customer', 'unknown', 'inquiring'];
      throw waiting.includes(tender.state)
        ? new RefundRefusedError('payment-not-acknowledged', 'The gateway has not confirmed this payment yet: it can be refunded once it has.')
        : new RefundRefusedError('not-refundable', `This payment is ${tender.state}: there is nothing to refund.`);
    }
    const left = this.refundable(tender);
    const amount = input.amount ?? left;
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > left) {
      throw new RefundRefusedError('refund-over-paid', `At most ${left} can be refunded from this payment, not ${amount}.`);
    }
    const refundId = this.open(tender, this.kindFor(tender, amount), amount, input.reason, member.staffId);
    if (tender.method === 'cash') {
      this.complete(refundId);
      await this.deps.cash.openDrawer({ reason: 'refund', saleId: tender.saleId });
      return store.refund(refundId)!;
    }
    return this.drive(refundId, { firstAnswerOnly: true });
  }

  /** Resumes every refund left in flight by a restart. */
  resumeAll(): Array<Promise<RefundRow>> {
    return this.deps.store.refundsInState('requested').map((r) => this.drive(r.refundId));
  }

  /** Stops the retry loops after their current attempt. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running.values()]);
  }

  private kindFor(tender: TenderRow, amount: number): RefundKind {
    const { config, store } = this.deps;
    const sale = store.sale(tender.saleId);
    const sameDay = sale?.businessDate === store.openBusinessDate();
    const untouched = tender.refunded === 0 && store.refundsOfTender(tender.tenderId).length === 0;
    const qr = tender.method === 'cpm' || tender.method === 'mpm';
    return config.sameDayVoid && qr && sameDay && untouched && amount === tender.amount ? 'void' : 'refund';
  }

  private open(tender: TenderRow, kind: RefundKind, amount: number, reason: string | undefined, staffId: string): string {
    const refundId = this.deps.ids.next('R');
    this.deps.store.write('refund.state', refundId, {
      refundId,
      tenderId: tender.tenderId,
      saleId: tender.saleId,
      method: tender.method,
      kind,
      from: null,
      to: 'requested',
      currency: tender.currency,
      amount,
      staffId,
      ...(reason ? { reason: reason.slice(0, 128) } : {}),
    });
    this.deps.events.emit('refund', { refundId, tenderId: tender.tenderId, state: 'requested', amount });
    return refundId;
  }

  private drive(refundId: string, options: { firstAnswerOnly?: boolean } = {}): Promise<RefundRow> {
    const existing = this.running.get(refundId);
    if (existing && !options.firstAnswerOnly) return existing;
    let firstAnswer: (row: RefundRow) => void = () => undefined;
    const first = new Promise<RefundRow>((resolve) => (firstAnswer = resolve));
    const loop = (async (): Promise<RefundRow> => {
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.attempt(refundId);
        const row = this.deps.store.refund(outcome.next ?? refundId)!;
        firstAnswer(row);
        if (outcome.next) return this.drive(outcome.next);
        if (outcome.done || this.stopped) return row;
        const policy = { baseMs: this.deps.config.reversal.baseDelayMs, maxMs: this.deps.config.reversal.maxDelayMs };
        await this.deps.sleeper.sleep(backoffDelay(attempt, policy, this.deps.random));
      }
    })().finally(() => this.running.delete(refundId));
    this.running.set(refundId, loop);
    loop.catch((error: unknown) => this.deps.logger.error({ err: error, refundId }, 'refund loop failed'));
    return options.firstAnswerOnly ? first : loop;
  }

  /** One try: done (completed or failed), retry later, or continue as another refund (`next`). */
  private async attempt(refundId: string): Promise<{ done: boolean; next?: string }> {
    const { store, gateway, logger } = this.deps;
    const refund = store.refund(refundId)!;
    if (refund.state !== 'requested') return { done: true };
    const tender = store.tender(refund.tenderId)!;
    const paymentRequestId = tender.gatewayRequestId ?? tender.tenderId;
    try {
      const answer =
        refund.kind === 'void'
          ? await gateway.cancel({ paymentRequestId, reason: 'VOID' })
          : await gateway.refund({
              refundRequestId: refundId,
              paymentRequestId,
              amount: { currency: tender.currency, value: String(refund.amount) },
              ...(refund.reason ? { reason: refund.reason } : {}),
            });
      if (answer.result.status === 'S') {
        this.complete(refundId);
        return { done: true };
      }
      if (answer.result.status === 'F') {
        this.fail(refund, answer.result.code, answer.result.message);
        if (refund.kind === 'void' && answer.result.code === 'CANCEL_WINDOW_EXCEEDED') {
          // Past the gateway's cancel window: the same money goes back as a refund.
          return { done: false, next: this.open(tender, 'refund', refund.amount, refund.reason ?? undefined, refund.staffId ?? 'system') };
        }
        return { done: true };
      }
      logger.warn({ refundId, code: answer.result.code }, 'refund outcome unknown: will retry with the same id');
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      logger.warn({ refundId, kind: error.kind }, 'refund could not reach the gateway: will retry with the same id');
    }
    return { done: false };
  }

  /** Completes a refund and moves its payment in the same transaction. */
  private complete(refundId: string): void {
    const { store, events, printer } = this.deps;
    const receiptNumber = store.atomically(() => {
      const refund = store.refund(refundId)!;
      const tender = store.tender(refund.tenderId)!;
      const sale = store.sale(tender.saleId)!;
      store.writeInTransaction(
        'refund.state',
        refundId,
        { ...refundBody(refund, tender), from: 'requested', to: 'completed', ...(sale.completedSeq ? { dependsOn: [store.recordIdAt(sale.completedSeq)] } : {}) },
        { sync: true },
      );
      const refunded = tender.refunded + refund.amount;
      const to = refund.kind === 'void' ? 'cancelled' : refunded >= tender.amount ? 'refunded' : 'refunded-partially';
      store.writeInTransaction('tender.state', tender.tenderId, {
        tenderId: tender.tenderId,
        saleId: tender.saleId,
        method: tender.method,
        from: tender.state,
        to,
        currency: tender.currency,
        amount: tender.amount,
      });
      return sale.receiptNumber;
    });
    const refund = store.refund(refundId)!;
    events.emit('refund', { refundId, tenderId: refund.tenderId, state: 'completed', amount: refund.amount });
    if (receiptNumber) printer?.requestReceipt({ kind: 'refund', saleId: refund.saleId, receiptNumber, refundId });
  }

  private fail(refund: RefundRow, code: string, message: string): void {
    const tender = this.deps.store.tender(refund.tenderId)!;
    this.deps.store.write('refund.state', refund.refundId, {
      ...refundBody(refund, tender),
      from: 'requested',
      to: 'failed',
      reasonCode: code,
      reason: cashierMessage(code, message),
    });
    this.deps.events.emit('refund', { refundId: refund.refundId, tenderId: refund.tenderId, state: 'failed', amount: refund.amount });
  }
}

function refundBody(refund: RefundRow, tender: TenderRow) {
  return {
    refundId: refund.refundId,
    tenderId: refund.tenderId,
    saleId: refund.saleId,
    method: tender.method,
    kind: refund.kind,
    currency: tender.currency,
    amount: refund.amount,
    ...(refund.staffId ? { staffId: refund.staffId } : {}),
  };
}
