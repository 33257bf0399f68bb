import type { Logger } from '../platform/logger.js';
import type { CancelResponse, RefundResponse } from '../relay/protocol.js';
import type { CashReceipts } from './cash-receipts.js';
import { CHARGE_STANDS_MESSAGE } from './cashier-messages.js';
import type { PaymentEvents } from './events.js';
import type { PaymentStore, RefundRow, TenderRow } from './payment-store.js';
import type { ReceiptPrintRequests } from './ports.js';
import type { RefundKind } from './records.js';
import { type RefundContent, proportionalContent, recordedContent } from './returns.js';
import { isReversalRefund, reverseTender } from './reversal-refund.js';
import { customerFields } from './tender-book.js';

/**
 * The journal rows of a refund or void: its `requested` row, its completion
 * (with the payment's move in the same transaction) and its refusal, each
 * told to the listeners once committed. Whoever drives the refund decides
 * when; this file decides what each row says.
 */
export class RefundRows {
  constructor(
    private readonly deps: {
      store: PaymentStore;
      cashReceipts: CashReceipts;
      events: PaymentEvents;
      logger: Logger;
      printer?: ReceiptPrintRequests;
    },
  ) {}

  /**
   * The refund's `requested` row; must run inside `store.atomically`. It
   * carries the returned lines and the VAT split to book (`content`; for a
   * void or an amount without lines, spread over what the sale still keeps),
   * and every later row of the refund repeats them for close-out. A reversal
   * was never a sale and books no VAT.
   */
  openRow(
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
   * Completes a refund and moves its payment in the same transaction, with
   * what the customer gets back in their own currency (cross-border).
   */
  complete(refundId: string, answer?: CancelResponse | RefundResponse, approvalNumber?: string): void {
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
  fail(refund: RefundRow, code: string, reason: string): void {
    const { store, events } = this.deps;
    const charged = store.atomically(() => this.failRow(refund, code, reason));
    events.emit('refund', { refundId: refund.refundId, tenderId: refund.tenderId, state: 'failed', amount: refund.amount });
    this.alertIfCharged(charged, refund.tenderId);
  }

  /** The refusal's row (and a reversal's tender move); inside `store.atomically`. True if the customer stays charged. */
  failRow(refund: RefundRow, code: string, reason: string): boolean {
    const { store } = this.deps;
    const tender = store.tender(refund.tenderId)!;
    store.writeInTransaction('refund.state', refund.refundId, { ...refundBody(store, refund, tender), from: 'requested', to: 'failed', reasonCode: code, reason });
    return isReversalRefund(refund) && reverseTender(store, tender, code);
  }

  /** Tells the owner when a refused reversal refund leaves the customer charged. */
  alertIfCharged(charged: boolean, tenderId: string): void {
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
