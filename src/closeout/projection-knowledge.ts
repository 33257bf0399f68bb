import type { SqliteDatabase } from '../ledger/index.js';
import { PaymentFacts, type PaymentFactsPort } from '../payments/payment-facts.js';
import { type TenderState, countsAsPaid } from '../payments/payment-states.js';
import { reversalRefundId } from '../payments/reversal-refund.js';
import type { SettlementLine } from '../relay/protocol.js';
import type { PosKnowledge } from './reconciliation.js';

/**
 * Answers "does the journal book this statement line on some day?" from the
 * payment projections, through the payments module's read-only port
 * (primary keys and the gateway-request-id index), so reconciling a day
 * never scans other days.
 */
export class ProjectionKnowledge implements PosKnowledge {
  constructor(
    db: SqliteDatabase,
    private readonly payments: PaymentFactsPort = new PaymentFacts(db),
  ) {}

  receiptOf(saleId: string): string | null {
    return this.payments.receiptNumber(saleId);
  }

  reversalRefunded(tenderId: string): boolean {
    return this.payments.refundCompleted(reversalRefundId(tenderId));
  }

  bookedElsewhere(line: SettlementLine): boolean {
    if (line.type === 'REFUND') return this.payments.refundCompleted(line.refundRequestId ?? '');
    const states = this.payments.tenderStatesByRequest(line.paymentRequestId);
    const reversal = (s: TenderState) => s === 'reversing' || s === 'reversed';
    return line.type === 'PAYMENT'
      ? states.some((s) => countsAsPaid(s) || reversal(s))
      : states.some((s) => s === 'cancelled' || reversal(s));
  }
}
