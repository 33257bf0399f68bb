import type { CardTerminal } from '../devices/card-terminal.js';
import type { Logger } from '../platform/logger.js';
import type { RelayGateway } from '../relay/gateway.js';
import { backoffDelay } from '../relay/sync-backoff.js';
import type { CashDesk } from './cash.js';
import type { CashReceipts } from './cash-receipts.js';
import type { PaymentsConfig } from './config.js';
import { RefundRefusedError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { PaymentStore, RefundRow, TenderRow } from './payment-store.js';
import type { ReceiptPrintRequests, Sleeper } from './ports.js';
import type { RefundKind } from './records.js';
import { type RefundContent, planReturn } from './returns.js';
import { journalCashRefundable } from './journal-refund-cap.js';
import { REVERSAL_REASON, reverseTender, reversalRefundId } from './reversal-refund.js';
import type { ProjectionHold } from './projection-hold.js';
import { type StaffDirectory, requireRole } from './roles.js';
import { CardRefunds } from './card-refund.js';
import { RefundAttempts } from './refund-attempt.js';
import { RefundRows } from './refund-rows.js';

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
 * Methods whose whole payment given back the same day is a void (취소), not a refund: a QR's
 * cancel at the gateway, a card slip's 승인취소 on the terminal, and cash, where the sale is
 * cancelled (취소 in the history and the Z). An offline QR has no cancel at the gateway.
 */
const VOIDABLE_METHODS: ReadonlySet<TenderRow['method']> = new Set(['cpm', 'mpm', 'card', 'cash']);

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
  private readonly rows: RefundRows;
  private readonly attempts: RefundAttempts;
  private readonly cards: CardRefunds;

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
      hold: ProjectionHold;
    },
  ) {
    this.rows = new RefundRows(deps);
    this.attempts = new RefundAttempts({ ...deps, rows: this.rows });
    this.cards = new CardRefunds({ ...deps, rows: this.rows });
  }

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
    // What is refundable is read from the payment tables: none while they disagree with the journal.
    this.deps.hold.assertMoneyMayMove();
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
      this.rows.complete(refundId);
      await this.deps.cash.openDrawer({ reason: 'refund', saleId: tender.saleId });
      return store.refund(refundId)!;
    }
    if (tender.method === 'card') return this.cards.cancelCard(refundId, tender, input.approvalNumber);
    // The cashier waits for the gateway's first answer (of the refund that replaces a refused void, if it comes to that).
    return new Promise((resolve, reject) => void this.drive(refundId, resolve).catch(reject));
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
      this.rows.alertIfCharged(store.atomically(() => reverseTender(store, store.tender(tender.tenderId)!, refused)), tender.tenderId);
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
    return config.sameDayVoid && VOIDABLE_METHODS.has(tender.method) && sameDay && untouched && amount === tender.amount ? 'void' : 'refund';
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
    this.deps.store.atomically(() => this.rows.openRow(tender, kind, amount, reason, staffId, refundId, content));
    this.deps.events.emit('refund', { refundId, tenderId: tender.tenderId, state: 'requested', amount });
    return refundId;
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
        const outcome = await this.attempts.attempt(refundId, uncertain);
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

}
