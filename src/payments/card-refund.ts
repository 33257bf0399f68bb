import type { CardTerminal } from '../devices/card-terminal.js';
import { PaymentError, RefundRefusedError } from './errors.js';
import type { PaymentStore, RefundRow, TenderRow } from './payment-store.js';
import type { RefundRows } from './refund-rows.js';

/** Card payments given back on the card terminal, not through the gateway. */
export class CardRefunds {
  constructor(private readonly deps: { store: PaymentStore; cardTerminal: CardTerminal; rows: RefundRows }) {}

  /**
   * A card slip goes back on the card terminal (승인취소), not through the
   * gateway: the refund is journaled first, then the terminal port cancels
   * (the standalone terminal records the cancellation slip's number), and
   * the refund completes with that approval number or fails with the reason.
   */
  async cancelCard(refundId: string, tender: TenderRow, approvalNumber: string | undefined): Promise<RefundRow> {
    const { store, cardTerminal, rows } = this.deps;
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
      rows.complete(refundId, undefined, cancelled.approvalNumber ?? undefined);
    } catch (error) {
      const code = error instanceof PaymentError ? error.code : 'card-cancel-failed';
      rows.fail(refund, code, error instanceof Error ? error.message : String(error));
      throw error;
    }
    return store.refund(refundId)!;
  }
}
