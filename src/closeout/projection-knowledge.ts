import type { SqliteDatabase } from '../ledger/index.js';
import { type TenderState, countsAsPaid } from '../payments/payment-states.js';
import type { SettlementLine } from '../relay/protocol.js';
import type { PosKnowledge } from './reconciliation.js';

/**
 * Answers "does the journal book this statement line on some day?" from the
 * payment projections (primary keys and the gateway-request-id index), so
 * reconciling a day never scans other days.
 */
export class ProjectionKnowledge implements PosKnowledge {
  private readonly queries;

  constructor(db: SqliteDatabase) {
    this.queries = {
      tender: db.prepare('SELECT state FROM pay_tenders WHERE tender_id = ? UNION ALL SELECT state FROM pay_tenders WHERE gateway_request_id = ?'),
      refund: db.prepare("SELECT 1 FROM pay_refunds WHERE refund_id = ? AND state = 'completed'"),
      receipt: db.prepare(`SELECT json_extract(body, '$.receiptNumber') AS r FROM journal WHERE aggregate_id = ? AND kind = 'sale.completed'`),
    };
  }

  receiptOf(saleId: string): string | null {
    return (this.queries.receipt.get(saleId) as { r: string } | undefined)?.r ?? null;
  }

  bookedElsewhere(line: SettlementLine): boolean {
    if (line.type === 'REFUND') return this.queries.refund.get(line.refundRequestId ?? '') !== undefined;
    const states = (this.queries.tender.all(line.paymentRequestId, line.paymentRequestId) as Array<{ state: TenderState }>).map((r) => r.state);
    const reversal = (s: TenderState) => s === 'reversing' || s === 'reversed';
    return line.type === 'PAYMENT'
      ? states.some((s) => countsAsPaid(s) || reversal(s))
      : states.some((s) => s === 'cancelled' || reversal(s));
  }
}
