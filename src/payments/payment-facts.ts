import type { SqliteDatabase } from '../ledger/index.js';
import { TENDER_COLUMNS, type TenderRow } from './payment-rows.js';
import type { TenderState } from './payment-states.js';
import type { RefundState } from './records.js';

/** Something whose outcome is still open, as close-out lists it: a tender, a refund or a sale. */
export interface OpenPaymentFact {
  kind: 'tender' | 'refund' | 'sale';
  /** The tender, refund or sale id. */
  ref: string;
  state: string;
  amount: number;
  /** When it last changed (a sale: when it was opened). */
  at: number;
}

/** A sale with the cashier tag it was opened with (`cashierId` of its `sale.opened` body). */
export interface TaggedSale {
  saleId: string;
  state: 'open' | 'completed' | 'abandoned';
  total: number;
  cashierId: string | null;
}

/**
 * The read-only port other modules read payment facts through (close-out,
 * the chaos check): named questions over the payment projections, so the
 * pay_* tables have one owner. Every query is read-only, so it serves a
 * read-only connection too.
 */
export interface PaymentFactsPort {
  /** Tenders in any of `states`, oldest change first. */
  tendersIn(states: readonly TenderState[]): OpenPaymentFact[];
  /** Refunds in `state`, oldest change first. */
  refundsIn(state: RefundState): OpenPaymentFact[];
  /** Sales still open (not completed, not abandoned), oldest first. */
  openSales(): OpenPaymentFact[];
  /** The states of the tender whose id, or whose gateway request id (an offline QR's), is `paymentRequestId`. */
  tenderStatesByRequest(paymentRequestId: string): TenderState[];
  /** Whether refund `refundId` completed. */
  refundCompleted(refundId: string): boolean;
  /** The receipt number a completed sale took. */
  receiptNumber(saleId: string): string | null;
  /** The business days opened and not yet closed, oldest first. */
  openBusinessDates(): string[];
  /** Whether business day `date` was closed by a close-out. */
  businessDayClosed(date: string): boolean;
}

/** The SQLite implementation of `PaymentFactsPort`, plus the whole-till audit the chaos check compares with the gateway. */
export class PaymentFacts implements PaymentFactsPort {
  private readonly queries;

  constructor(db: SqliteDatabase) {
    this.queries = {
      tendersInState: db.prepare(
        `SELECT 'tender' AS kind, tender_id AS ref, state, amount, updated_at AS at FROM pay_tenders
         WHERE state = ? ORDER BY updated_at, tender_id`,
      ),
      refundsInState: db.prepare(
        `SELECT 'refund' AS kind, refund_id AS ref, state, amount, updated_at AS at FROM pay_refunds WHERE state = ? ORDER BY updated_at, refund_id`,
      ),
      openSales: db.prepare(
        `SELECT 'sale' AS kind, sale_id AS ref, state, total AS amount, opened_at AS at FROM pay_sales WHERE state = 'open' ORDER BY opened_at, sale_id`,
      ),
      tenderStates: db.prepare(
        'SELECT state FROM pay_tenders WHERE tender_id = ? UNION ALL SELECT state FROM pay_tenders WHERE gateway_request_id = ?',
      ),
      refundCompleted: db.prepare("SELECT 1 FROM pay_refunds WHERE refund_id = ? AND state = 'completed'"),
      receipt: db.prepare('SELECT receipt_number AS r FROM pay_sales WHERE sale_id = ?'),
      openDates: db.prepare('SELECT business_date AS d FROM pay_business_days WHERE closed_at IS NULL ORDER BY business_date'),
      dayClosed: db.prepare('SELECT closed_at AS c FROM pay_business_days WHERE business_date = ?'),
      taggedSales: db.prepare(
        "SELECT sale_id AS saleId, state, total, json_extract(detail, '$.cashierId') AS cashierId FROM pay_sales ORDER BY opened_at, sale_id",
      ),
      saleTagged: db.prepare(
        "SELECT sale_id AS saleId, state, total, json_extract(detail, '$.cashierId') AS cashierId FROM pay_sales WHERE json_extract(detail, '$.cashierId') = ?",
      ),
      allTenders: db.prepare(`SELECT ${TENDER_COLUMNS} FROM pay_tenders ORDER BY created_at, rowid`),
      refundedBySale: db.prepare("SELECT sale_id AS saleId, sum(amount) AS n FROM pay_refunds WHERE state = 'completed' GROUP BY sale_id"),
    };
  }

  tendersIn(states: readonly TenderState[]): OpenPaymentFact[] {
    const rows = states.flatMap((s) => this.queries.tendersInState.all(s) as OpenPaymentFact[]);
    return states.length > 1 ? rows.sort((a, b) => a.at - b.at || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)) : rows;
  }

  refundsIn(state: RefundState): OpenPaymentFact[] {
    return this.queries.refundsInState.all(state) as OpenPaymentFact[];
  }

  openSales(): OpenPaymentFact[] {
    return this.queries.openSales.all() as OpenPaymentFact[];
  }

  tenderStatesByRequest(paymentRequestId: string): TenderState[] {
    return (this.queries.tenderStates.all(paymentRequestId, paymentRequestId) as Array<{ state: TenderState }>).map((r) => r.state);
  }

  refundCompleted(refundId: string): boolean {
    return this.queries.refundCompleted.get(refundId) !== undefined;
  }

  receiptNumber(saleId: string): string | null {
    return (this.queries.receipt.get(saleId) as { r: string | null } | undefined)?.r ?? null;
  }

  openBusinessDates(): string[] {
    return (this.queries.openDates.all() as Array<{ d: string }>).map((r) => r.d);
  }

  businessDayClosed(date: string): boolean {
    return (this.queries.dayClosed.get(date) as { c: number | null } | undefined)?.c != null;
  }

  /** Every sale with its cashier tag, oldest first (the chaos check tags each planned sale). */
  taggedSales(): TaggedSale[] {
    return this.queries.taggedSales.all() as TaggedSale[];
  }

  /** The sale opened with cashier tag `cashierId`, if any. */
  saleTagged(cashierId: string): TaggedSale | undefined {
    return this.queries.saleTagged.get(cashierId) as TaggedSale | undefined;
  }

  /** Every tender the till holds, oldest first. */
  allTenders(): TenderRow[] {
    return this.queries.allTenders.all() as TenderRow[];
  }

  /** Completed refunds summed per sale. */
  refundedBySale(): Map<string, number> {
    return new Map((this.queries.refundedBySale.all() as Array<{ saleId: string; n: number }>).map((r) => [r.saleId, r.n]));
  }
}
