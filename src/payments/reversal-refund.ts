import type { Amount } from '../relay/protocol.js';
import { NOTHING_TO_CANCEL } from './cancel-outcomes.js';
import { CHARGE_STANDS_MESSAGE, REVERSED_MESSAGE } from './cashier-messages.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import { customerFields } from './tender-book.js';

/**
 * A network cancellation (망취소) the gateway refuses past its cancel window
 * (the payment was charged after all) becomes a refund of the whole amount.
 * Refunds (refunds.ts) sends it like any other; these are its rules.
 */

/** Why the refund is made, as journaled and sent to the gateway. */
export const REVERSAL_REASON = 'network cancellation past the cancel window';

/** The refund that replaces a network cancellation past the cancel window: one per payment, so retries and restarts reuse it. */
export function reversalRefundId(tenderId: string): string {
  return `${tenderId}.rev`;
}

/** Whether a refund is the one that replaces its payment's network cancellation. */
export function isReversalRefund(refund: { refundId: string; tenderId: string }): boolean {
  return refund.refundId === reversalRefundId(refund.tenderId);
}

/**
 * Ends the network cancellation once its refund is final, inside the
 * caller's transaction: reversed whether the refund went through or the
 * gateway refused it for good (`refusedWith`), because the till never
 * counts a reversal as money kept. A refusal other than "nothing to refund"
 * leaves the customer charged: returns true, and the caller alerts the owner.
 */
export function reverseTender(store: PaymentStore, tender: TenderRow, refusedWith?: string, charged?: Amount): boolean {
  const stands = refusedWith !== undefined && !NOTHING_TO_CANCEL.has(refusedWith);
  store.writeInTransaction('tender.state', tender.tenderId, {
    tenderId: tender.tenderId,
    saleId: tender.saleId,
    method: tender.method,
    from: tender.state,
    to: 'reversed',
    currency: tender.currency,
    amount: tender.amount,
    reasonCode: refusedWith ?? 'REFUNDED_INSTEAD',
    reason: stands ? CHARGE_STANDS_MESSAGE : tender.reasonCode === 'NETWORK_CANCELLATION' ? REVERSED_MESSAGE : (tender.reason ?? REVERSED_MESSAGE),
    ...customerFields(charged),
  });
  return stands;
}
