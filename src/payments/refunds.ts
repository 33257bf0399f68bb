import type { CardTerminal } from '../devices/card-terminal.js';
import type { Logger } from '../platform/logger.js';
import { GatewayUnreachableError, type RelayGateway } from '../relay/gateway.js';
import type { CancelResponse, RefundResponse } from '../relay/protocol.js';
import { resultClass } from '../relay/result-class.js';
import { backoffDelay } from '../relay/sync-backoff.js';
import { refundsInstead } from './cancel-outcomes.js';
import type { CashDesk } from './cash.js';
import type { CashReceipts } from './cash-receipts.js';
import { CHARGE_STANDS_MESSAGE, VOID_REPLACED_MESSAGE, cashierMessage } from './cashier-messages.js';
import type { PaymentsConfig } from './config.js';
import { PaymentError, RefundRefusedError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { PaymentStore, RefundRow, TenderRow } from './payment-store.js';
import type { ReceiptPrintRequests, Sleeper } from './ports.js';
import type { RefundKind } from './records.js';
import { type RefundContent, planReturn, proportionalContent, recordedContent } from './returns.js';
import { journalCashRefundable } from './journal-refund-cap.js';
import { REVERSAL_REASON, isReversalRefund, reverseTender, reversalRefundId } from './reversal-refund.js';
import { type StaffDirectory, requireRole } from './roles.js';
import { customerFields } from './tender-book.js';

/** What the cashier asks for: which payment, how much (default: all that is left), why, and the manager's PIN. */
export interface RefundInput {
  tenderId: string;
  /** A return by line (반품): which lines of the sale and how many; the amount follows from them. */
  lines?: ReadonlyArray<{ line: number; quantity: number }>;
  amount?: number;
  reason?: string;
  managerPin?: string;
  /** A card slip given back on the card terminal: its cancellation slip's approval number, when typed. */
  approvalNumber?: string;
}

/** WeChat Pay: "The number of partial refunds for each payment order cannot exceed 50 times." */
export const MAX_REFUNDS_PER_PAYMENT = 50;

/** States in which a payment has been acknowledged and can be given back. */
const REFUNDABLE_STATES = new Set(['approved', 'refunded-partially']);


/**
 * Refunds and same-day voids. The manager's PIN is checked here, in the
 * core. A refund is never sent before its payment is acknowledged (approved
 * by the gateway; an offline QR only once the gateway confirmed it), never
 * exceeds what is left of the payment (pending refunds count), and is
 * journaled with its refundRequestId before it leaves, then retried with the
 * same id until the gateway answers for good, across restarts. A void the
 * gateway refuses past its cancel window continues as a refund of the same
 * amount, and so does a network cancellation (refundReversal).
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
      cashReceipts: CashReceipts;
      cardTerminal: CardTerminal;
      config: PaymentsConfig;
      events: PaymentEvents;
      logger: Logger;
      sleeper: Sleeper;
      random?: () => number;
      printer?: ReceiptPrintRequests;
    },
  ) {}

  /** What is left to refund of a payment: nothing of one that took no money (declined, reversed, abandoned, unconfirmed). */
  refundable(tender: TenderRow): number {
    if (!REFUNDABLE_STATES.has(tender.state)) return 0;
    const pending = this.deps.store
      .refundsOfTender(tender.tenderId)
      .filter((r) => r.state === 'requested')
      .reduce((a, r) => a + r.amount, 0);
    return tender.amount - tender.refunded - pending;
  }

  /** Refunds (or voids, same day and in full) a payment; resolves after the first answer. */
  async refund(input: RefundInput): Promise<RefundRow> {
    const { store, staff } = this.deps;
    const member = await requireRole(staff, input.managerPin, 'manager');
    const tender = store.tender(input.tenderId);
    if (!tender) throw new RefundRefusedError('no-payment', `There is no payment ${input.tenderId}.`);
    if (!REFUNDABLE_STATES.has(tender.state)) {
      const waiting = ['pending-confirmation', 'unmatched', 'created', 'requested', 'awaiting-customer', 'unknown', 'inquiring'];
      throw waiting.includes(tender.state)
        ? new RefundRefusedError('payment-not-acknowledged', 'The gateway has not confirmed this payment yet: it can be refunded once it has.')
        : new RefundRefusedError('not-refundable', `This payment is ${tender.state}: there is nothing to refund.`);
    }
    // WeChat Pay takes at most 50 refunds of one payment: the 51st is refused here, before it is journaled.
    if (tender.method !== 'cash' && store.refundsOfTender(tender.tenderId).filter((r) => r.state !== 'failed').length >= MAX_REFUNDS_PER_PAYMENT) {
      throw new RefundRefusedError('refund-limit', `This payment already has ${MAX_REFUNDS_PER_PAYMENT} refunds, the most a wallet takes: give the rest back outside the till.`);
    }
    const projected = this.refundable(tender);
    // Cash leaves the drawer with no gateway to object: the journal caps it too, whatever the projection says.
    const left = tender.method === 'cash' ? Math.min(projected, journalCashRefundable(store.ledger.db, tender.tenderId)) : projected;
    const requested = input.amount ?? left;
    if (!input.lines?.length && (!Number.isSafeInteger(requested) || requested <= 0 || requested > left)) {
      throw new RefundRefusedError('refund-over-paid', `At most ${left} can be refunded from this payment, not ${requested}.`);
    }
    const plan = planReturn(store, tender, { ...(input.lines ? { lines: input.lines } : {}), amount: requested }, left);
    const amount = plan.amount;
    if (amount <= 0) throw new RefundRefusedError('refund-over-paid', 'Nothing to refund: the returned lines come to 0.');
    // A return by line is a refund even when it is the whole payment: the slip lists what came back.
    const kind = plan.lines ? 'refund' : this.kindFor(tender, amount);
    const content: RefundContent = { ...(plan.lines ? { lines: plan.lines } : {}), vat: plan.vat };
    const refundId = this.open(tender, kind, amount, input.reason, member.staffId, undefined, content);
    if (tender.method === 'cash') {
      this.complete(refundId);
      await this.deps.cash.openDrawer({ reason: 'refund', saleId: tender.saleId });
      return store.refund(refundId)!;
    }
    if (tender.method === 'card') return this.cancelCard(refundId, tender, input.approvalNumber);
    // The cashier waits for the gateway's first answer (of the refund that replaces a refused void, if it comes to that).
    return new Promise((resolve, reject) => void this.drive(refundId, resolve).catch(reject));
  }

  /**
   * A card slip goes back on the card terminal (승인취소), not through the
   * gateway: the refund is journaled first, then the terminal port cancels
   * (the standalone terminal records the cancellation slip's number), and
   * the refund completes with that approval number or fails with the reason.
   */
  private async cancelCard(refundId: string, tender: TenderRow, approvalNumber: string | undefined): Promise<RefundRow> {
    const { store, cardTerminal } = this.deps;
    const refund = store.refund(refundId)!;
    const original = store.cardSlip(tender.tenderId);
    try {
      if (!original) throw new RefundRefusedError('not-refundable', 'This card payment has no slip recorded.');
      const cancelled = await cardTerminal.cancel({
        tenderId: tender.tenderId,
        refundId,
        currency: tender.currency,
        amount: refund.amount,
        original,
        ...(approvalNumber !== undefined ? { approvalNumber } : {}),
      });
      this.complete(refundId, undefined, cancelled.approvalNumber ?? undefined);
    } catch (error) {
      const code = error instanceof PaymentError ? error.code : 'card-cancel-failed';
      this.fail(refund, code, error instanceof Error ? error.message : String(error));
      throw error;
    }
    return store.refund(refundId)!;
  }

  /**
   * A network cancellation (망취소) the gateway refused past its cancel
   * window: the payment was charged, so the whole amount goes back as a
   * refund, journaled with `reversalRefundId` before it leaves. Resolves
   * once that refund is final, with the tender reversed in the same
   * transaction: refunded, or refused for good, which raises an alert for
   * the owner (the till never counts a reversal as money kept, and the Z's
   * reconciliation shows the gateway's charge). Never loops on a refusal.
   */
  async refundReversal(tender: TenderRow): Promise<RefundRow> {
    const { store } = this.deps;
    const refundId = reversalRefundId(tender.tenderId);
    const earlier = store.refund(refundId);
    if (!earlier) {
      this.open(tender, 'refund', tender.amount, REVERSAL_REASON, undefined, refundId);
      return this.drive(refundId);
    }
    if (earlier.state !== 'requested') {
      // Reversing again after its refund was already final (a success reported late): settle it the same way.
      const refused = earlier.state === 'completed' ? undefined : 'REFUND_REFUSED';
      this.alertIfCharged(store.atomically(() => reverseTender(store, store.tender(tender.tenderId)!, refused)), tender.tenderId);
      return earlier;
    }
    // Left in flight by an earlier run: it may have been processed.
    return this.drive(refundId, undefined, true);
  }

  /** Resumes every refund left in flight by a restart. */
  resumeAll(): Array<Promise<RefundRow>> {
    // Each may have reached the gateway before the stop: its outcome is unknown until answered.
    return this.deps.store.refundsInState('requested').map((r) => this.drive(r.refundId, undefined, true));
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
    // A card slip cancelled the same day in full is a 승인취소 on the terminal, like a QR void.
    const voidable = tender.method === 'cpm' || tender.method === 'mpm' || tender.method === 'card';
    return config.sameDayVoid && voidable && sameDay && untouched && amount === tender.amount ? 'void' : 'refund';
  }

  private open(
    tender: TenderRow,
    kind: RefundKind,
    amount: number,
    reason: string | undefined,
    staffId: string | undefined,
    refundId = this.deps.ids.next('R'),
    content?: RefundContent,
  ): string {
    this.deps.store.atomically(() => this.openRow(tender, kind, amount, reason, staffId, refundId, content));
    this.deps.events.emit('refund', { refundId, tenderId: tender.tenderId, state: 'requested', amount });
    return refundId;
  }

  /**
   * The refund's `requested` row; must run inside `store.atomically`. It
   * carries the returned lines and the VAT split to book (`content`; for a
   * void or an amount without lines, spread over what the sale still keeps),
   * and every later row of the refund repeats them for close-out. A reversal
   * was never a sale and books no VAT.
   */
  private openRow(
    tender: TenderRow,
    kind: RefundKind,
    amount: number,
    reason: string | undefined,
    staffId: string | undefined,
    refundId: string,
    content?: RefundContent,
  ): void {
    const reversal = isReversalRefund({ refundId, tenderId: tender.tenderId });
    const booked = reversal ? {} : (content ?? proportionalContent(this.deps.store, tender, amount));
    this.deps.store.writeInTransaction('refund.state', refundId, {
      refundId,
      tenderId: tender.tenderId,
      saleId: tender.saleId,
      method: tender.method,
      kind,
      from: null,
      to: 'requested',
      currency: tender.currency,
      amount,
      ...(staffId ? { staffId } : {}),
      ...(reason ? { reason: reason.slice(0, 128) } : {}),
      ...(reversal ? { reversal: true } : {}),
      ...booked,
    });
  }

  /**
   * Sends the refund until it is final; `firstAnswer` hears each answer (the
   * first one settles the cashier's wait). `uncertain`: an earlier attempt may
   * have been processed, so a refusal cannot end it.
   */
  private drive(refundId: string, firstAnswer?: (row: RefundRow) => void, uncertain = false): Promise<RefundRow> {
    const existing = this.running.get(refundId);
    if (existing && !firstAnswer) return existing;
    const loop = (async (): Promise<RefundRow> => {
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.attempt(refundId, uncertain);
        uncertain ||= outcome.unknown;
        if (outcome.next) return this.drive(outcome.next, firstAnswer);
        const row = this.deps.store.refund(refundId)!;
        firstAnswer?.(row);
        if (outcome.done || this.stopped) return row;
        const policy = { baseMs: this.deps.config.reversal.baseDelayMs, maxMs: this.deps.config.reversal.maxDelayMs };
        await this.deps.sleeper.sleep(backoffDelay(attempt, policy, this.deps.random));
      }
    })().finally(() => this.running.delete(refundId));
    this.running.set(refundId, loop);
    loop.catch((error: unknown) => this.deps.logger.error({ err: error, refundId }, 'refund loop failed'));
    return loop;
  }

  /**
   * One try: done (completed or failed), retry later (`unknown`: it may have
   * been processed), or continue as another refund (`next`). A refusal of the
   * request (clock, signature, nonce, malformed: result-class.ts) changes
   * nothing at the gateway: it ends a refund only when no earlier attempt can
   * have been processed; otherwise the refund stays unknown and is resent with
   * the same refundRequestId (issue 12, defect 1).
   */
  private async attempt(refundId: string, uncertain: boolean): Promise<{ done: boolean; unknown: boolean; next?: string }> {
    const { store, gateway, logger } = this.deps;
    const refund = store.refund(refundId)!;
    if (refund.state !== 'requested') return { done: true, unknown: false };
    const tender = store.tender(refund.tenderId)!;
    const paymentRequestId = tender.gatewayRequestId ?? tender.tenderId;
    // Left unknown by an earlier attempt: settled by refund inquiry first, never by assumption.
    if (uncertain && refund.kind === 'refund') {
      const standing = await this.settledByInquiry(refund, paymentRequestId);
      if (standing === 'completed') return { done: true, unknown: false };
      // Accepted and still processing at the gateway (asynchronous refunds): wait, do not resend.
      if (standing === 'processing') return { done: false, unknown: true };
    }
    try {
      const answer: CancelResponse | RefundResponse =
        refund.kind === 'void'
          ? await gateway.cancel({ paymentRequestId, reason: 'VOID' })
          : await gateway.refund({
              refundRequestId: refundId,
              paymentRequestId,
              amount: { currency: tender.currency, value: String(refund.amount) },
              ...(refund.reason ? { reason: refund.reason } : {}),
            });
      const kind = resultClass(answer.result);
      // Still processing (an asynchronous refund) or asked to be resent (recall=Y) is no outcome yet.
      const pending = ('refund' in answer && answer.refund?.status === 'PROCESSING') || ('recall' in answer && answer.recall === true);
      if (answer.result.status === 'S' && kind === 'outcome' && !pending) {
        this.complete(refundId, answer);
        return { done: true, unknown: false };
      }
      if (pending || answer.result.code === 'CANCEL_TOO_EARLY') {
        // Too early for the wallet (WeChat Pay reverses 15 s after the order at the earliest): send it again later.
        logger.warn({ refundId, code: answer.result.code }, 'the gateway asks for this to be sent again later');
        return { done: false, unknown: uncertain || pending };
      }
      if (kind === 'outcome' || (kind === 'refusal' && !uncertain)) {
        if (refund.kind === 'void' && refundsInstead(answer.result.code)) {
          // Past the gateway's cancel window: the same money goes back as a refund. The void's
          // end and the refund's start are one transaction, so no crash can leave neither (defect 4).
          const next = this.deps.ids.next('R');
          store.atomically(() => {
            const content = recordedContent(store, refundId);
            this.failRow(refund, answer.result.code, VOID_REPLACED_MESSAGE);
            this.openRow(tender, 'refund', refund.amount, refund.reason ?? undefined, refund.staffId ?? undefined, next, content);
          });
          this.deps.events.emit('refund', { refundId, tenderId: refund.tenderId, state: 'failed', amount: refund.amount });
          this.deps.events.emit('refund', { refundId: next, tenderId: refund.tenderId, state: 'requested', amount: refund.amount });
          return { done: false, unknown: false, next };
        }
        this.fail(refund, answer.result.code, cashierMessage(answer.result.code, answer.result.message));
        return { done: true, unknown: false };
      }
      if (kind === 'refusal') {
        logger.warn({ refundId, code: answer.result.code }, 'refund retry refused unprocessed: its outcome is still unknown');
        return { done: false, unknown: false };
      }
      logger.warn({ refundId, code: answer.result.code }, 'refund outcome unknown: will retry with the same id');
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      logger.warn({ refundId, kind: error.kind }, 'refund could not reach the gateway: will retry with the same id');
    }
    return { done: false, unknown: true };
  }

  /**
   * Asks the gateway whether a refund whose earlier attempt went unanswered
   * was made (refund inquiry); completes it if so. False when it was not, or
   * the gateway could not say: the caller sends it again with the same id.
   */
  private async settledByInquiry(refund: RefundRow, paymentRequestId: string): Promise<'completed' | 'processing' | 'open'> {
    const { gateway, logger } = this.deps;
    try {
      const answer = await gateway.inquireRefund({ refundRequestId: refund.refundId, paymentRequestId });
      const made = answer.result.status === 'S' && resultClass(answer.result) === 'outcome';
      if (!made) return 'open';
      if (answer.refund && answer.refund.amount.value !== String(refund.amount)) {
        logger.error({ refundId: refund.refundId, amount: answer.refund.amount.value }, 'the gateway reports this refund with another amount');
        return 'open';
      }
      if (answer.refund?.status === 'PROCESSING') return 'processing';
      this.complete(refund.refundId, answer);
      return 'completed';
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      return 'open';
    }
  }

  /**
   * Completes a refund and moves its payment in the same transaction, with
   * what the customer gets back in their own currency (cross-border).
   */
  private complete(refundId: string, answer?: CancelResponse | RefundResponse, approvalNumber?: string): void {
    const { store, events, printer } = this.deps;
    const receiptNumber = store.atomically(() => {
      const refund = store.refund(refundId)!;
      const tender = store.tender(refund.tenderId)!;
      const sale = store.sale(tender.saleId)!;
      const returned = answer && 'refund' in answer ? answer.refund?.customerAmount : undefined;
      store.writeInTransaction(
        'refund.state',
        refundId,
        {
          ...refundBody(store, refund, tender),
          from: 'requested',
          to: 'completed',
          ...customerFields(returned),
          ...(answer && 'refund' in answer && answer.refund ? { gatewayRefundId: answer.refund.refundId } : {}),
          ...(approvalNumber ? { gatewayRefundId: approvalNumber } : {}),
          ...(sale.completedSeq ? { dependsOn: [store.recordIdAt(sale.completedSeq)] } : {}),
        },
        { sync: true },
      );
      if (isReversalRefund(refund)) {
        reverseTender(store, tender, undefined, answer?.payment?.customerAmount);
        return null;
      }
      const refunded = tender.refunded + refund.amount;
      store.writeInTransaction('tender.state', tender.tenderId, {
        tenderId: tender.tenderId,
        saleId: tender.saleId,
        method: tender.method,
        from: tender.state,
        to: refund.kind === 'void' ? 'cancelled' : refunded >= tender.amount ? 'refunded' : 'refunded-partially',
        currency: tender.currency,
        amount: tender.amount,
      });
      // 현금영수증: a cash refund cancels the cash receipt of what it gives back.
      if (tender.method === 'cash') this.deps.cashReceipts.cancelFor(tender, refundId, refund.amount);
      return sale.receiptNumber;
    });
    const refund = store.refund(refundId)!;
    events.emit('refund', { refundId, tenderId: refund.tenderId, state: 'completed', amount: refund.amount });
    if (receiptNumber) printer?.requestReceipt({ kind: 'refund', saleId: refund.saleId, receiptNumber, refundId });
  }

  /** Journals a final refusal; a refused reversal refund settles its payment in the same transaction. */
  private fail(refund: RefundRow, code: string, reason: string): void {
    const { store, events } = this.deps;
    const charged = store.atomically(() => this.failRow(refund, code, reason));
    events.emit('refund', { refundId: refund.refundId, tenderId: refund.tenderId, state: 'failed', amount: refund.amount });
    this.alertIfCharged(charged, refund.tenderId);
  }

  /** The refusal's row (and a reversal's tender move); inside `store.atomically`. True if the customer stays charged. */
  private failRow(refund: RefundRow, code: string, reason: string): boolean {
    const { store } = this.deps;
    const tender = store.tender(refund.tenderId)!;
    store.writeInTransaction('refund.state', refund.refundId, { ...refundBody(store, refund, tender), from: 'requested', to: 'failed', reasonCode: code, reason });
    return isReversalRefund(refund) && reverseTender(store, tender, code);
  }

  private alertIfCharged(charged: boolean, tenderId: string): void {
    if (!charged) return;
    this.deps.logger.error({ tenderId }, 'network cancellation refused, and its refund too: the customer is still charged');
    this.deps.events.emit('alert', { code: 'reversal-refused', message: CHARGE_STANDS_MESSAGE, ref: tenderId });
  }
}

/** The fields every row of a refund repeats, with the lines and VAT split its first row recorded. */
function refundBody(store: PaymentStore, refund: RefundRow, tender: TenderRow) {
  return {
    ...recordedContent(store, refund.refundId),
    refundId: refund.refundId,
    tenderId: refund.tenderId,
    saleId: refund.saleId,
    method: tender.method,
    kind: refund.kind,
    currency: tender.currency,
    amount: refund.amount,
    ...(refund.staffId ? { staffId: refund.staffId } : {}),
    ...(isReversalRefund(refund) ? { reversal: true } : {}),
  };
}
