import type { z } from 'zod';
import type { SqliteDatabase } from '../ledger/index.js';
import type { VatSplit } from '../money/index.js';
import {
  type CashMovementBody,
  type CashReceiptRequestedBody,
  type RefundStateBody,
  type SaleCompletedBody,
  type TenderStateBody,
  paymentBodySchemas,
  saleOpenedBodySchema,
} from '../payments/records.js';
import { parseBody } from '../platform/stored-json.js';
import { type CustomerMoney, customerMoney } from './customer-money.js';
import type { RowWindow } from './day-range.js';
import { AMENDMENT_KIND, CASH_COUNT_KIND, type CashCountBody, RESOLUTION_KIND, cashCountBodySchema } from './records.js';
import { type Amendment, type Resolution, amendmentSchema, resolutionSchema } from './report-schema.js';

/** What the report needs of a sale's opening row (the schema keeps only these members). */
const saleFactsSchema = saleOpenedBodySchema.pick({ vat: true, lines: true, saleDiscount: true });
type SaleFacts = z.infer<typeof saleFactsSchema>;

/** The schema of each kind the report folds: every body is parsed on read. */
const ROW_SCHEMAS = {
  'tender.state': paymentBodySchemas['tender.state'],
  'refund.state': paymentBodySchemas['refund.state'],
  'sale.completed': paymentBodySchemas['sale.completed'],
  'cash.movement': paymentBodySchemas['cash.movement'],
  'cash-receipt.requested': paymentBodySchemas['cash-receipt.requested'],
  [CASH_COUNT_KIND]: cashCountBodySchema,
  [RESOLUTION_KIND]: resolutionSchema,
  [AMENDMENT_KIND]: amendmentSchema,
} as const;
type RowKind = keyof typeof ROW_SCHEMAS;

/** One journal row the report folds, with its typed body. */
export type DayRow = { seq: number; at: number } & (
  | { kind: 'tender.state'; body: TenderStateBody }
  | { kind: 'refund.state'; body: RefundStateBody }
  | { kind: 'sale.completed'; body: SaleCompletedBody }
  | { kind: 'cash.movement'; body: CashMovementBody }
  | { kind: 'cash-receipt.requested'; body: CashReceiptRequestedBody }
  | { kind: typeof CASH_COUNT_KIND; body: CashCountBody }
  | { kind: typeof RESOLUTION_KIND; body: Resolution }
  | { kind: typeof AMENDMENT_KIND; body: Amendment }
);

/** What the report needs to know about a tender whose earlier rows lie before the day. */
export interface TenderHistory {
  wallet: string | null;
  gatewayRequestId: string | null;
  gatewayPaymentId: string | null;
  /** What a cross-border customer's wallet was charged, in their currency. */
  customer: CustomerMoney | null;
  /** When the tender began (its first row): the day an offline QR written off later belongs to. */
  firstAt?: number | null;
}

/** Facts from outside the day: a refund today of a payment taken last week. */
export interface JournalLookups {
  /** The tender's wallet and gateway request id as of journal row `uptoSeq`. */
  tenderHistory(tenderId: string, uptoSeq: number): TenderHistory;
  /** The VAT split a sale was opened with. */
  saleVat(saleId: string): VatSplit;
  /** The lines a sale was opened with and its whole-sale discount: the Z's items and discounts. */
  saleLines(saleId: string): Pick<SaleFacts, 'lines' | 'saleDiscount'>;
  /** Whether a 현금영수증 was issued (or is on its way) for a cash tender: the VAT return counts it apart. */
  cashReceiptIssued(tenderId: string): boolean;
}

/** The kinds a day's figures read: the folded ones, and `sale.opened` for the sales' VAT and lines. */
export const DAY_ROW_KINDS: readonly string[] = [...Object.keys(ROW_SCHEMAS), 'sale.opened'];

/** What the report needs of a sale's opening row. */
export type SaleOpeningFacts = SaleFacts;

/**
 * One stored row of `DAY_ROW_KINDS`, parsed: a row the day folds, or a
 * sale's opening facts (for `saleVat`/`saleLines`). The store server reads
 * its copy of a till's journal through this too, so both parse alike.
 */
export function parseDayRow(r: { seq: number; kind: string; at: number; aggregateId: string; body: string }): { row: DayRow } | { saleId: string; facts: SaleFacts } {
  const what = `journal row ${r.seq} (${r.kind})`;
  // The whole body is checked (every member, as for the other kinds); the report keeps to the facts it needs.
  if (r.kind === 'sale.opened') return { saleId: r.aggregateId, facts: parseBody(saleOpenedBodySchema, r.body, what) };
  // The union cannot follow the kind through the schema table; the body was just checked against that kind's schema.
  return { row: { seq: r.seq, kind: r.kind, at: r.at, body: parseBody(ROW_SCHEMAS[r.kind as RowKind], r.body, what) } as DayRow };
}

/** A tender.state row's members that its history keeps. */
export interface TenderHistoryRow {
  wallet: string | null;
  gatewayRequestId: string | null;
  gatewayPaymentId: string | null;
  customerCurrency: string | null;
  customerAmount: number | null;
  at: number;
}

/** A tender's history from its tender.state rows in journal order: the latest known of each member, the first row's time. */
export function foldTenderHistory(rows: Iterable<TenderHistoryRow>): TenderHistory {
  const history: TenderHistory = { wallet: null, gatewayRequestId: null, gatewayPaymentId: null, customer: null, firstAt: null };
  for (const row of rows) {
    history.firstAt ??= row.at;
    history.wallet = row.wallet ?? history.wallet;
    history.gatewayRequestId = row.gatewayRequestId ?? history.gatewayRequestId;
    history.gatewayPaymentId = row.gatewayPaymentId ?? history.gatewayPaymentId;
    history.customer = customerMoney(row) ?? history.customer;
  }
  return history;
}

/**
 * Reads a business day's rows from the journal: index ranges over its hours
 * for the rows the report folds and the VAT and lines of the sales opened
 * that day (whole bodies: extracting members in SQLite cost more than
 * parsing them), and index lookups by aggregate for anything older.
 */
export class DayRowReader implements JournalLookups {
  private readonly queries;
  private readonly saleCache = new Map<string, SaleFacts>();
  /** The tenders with a cash-receipt.requested row, as of the last `read`. */
  private cashReceiptTenders = new Set<string>();

  constructor(db: SqliteDatabase) {
    const kinds = DAY_ROW_KINDS.map((k) => `'${k}'`).join(', ');
    const inWindow = `kind IN (${kinds}) AND at >= @from AND at < @to AND seq > @afterSeq AND seq <= @uptoSeq`;
    this.queries = {
      // The window's first and last row from journal_by_kind_at (covering index ranges, one per kind,
      // over its hours, whatever the journal's length), then the rows between in key order: a day's
      // rows lie together, and walking them costs about a third less than fetching each through the
      // index and sorting them (bench/closeout-z.ts). Every matching row lies between the two.
      rows: db.prepare(
        `SELECT seq, kind, at, aggregate_id AS aggregateId, body FROM journal NOT INDEXED
         WHERE seq BETWEEN (SELECT min(seq) FROM journal WHERE ${inWindow}) AND (SELECT max(seq) FROM journal WHERE ${inWindow})
           AND kind IN (${kinds}) AND at >= @from AND at < @to ORDER BY seq`,
      ),
      saleOpened: db.prepare(
        `SELECT json_object('vat', json_extract(body, '$.vat'), 'lines', json_extract(body, '$.lines'), 'saleDiscount', json_extract(body, '$.saleDiscount')) AS body
         FROM journal WHERE aggregate_id = ? AND kind = 'sale.opened'`,
      ),
      cashReceipt: db.prepare(
        `SELECT kind, json_extract(body, '$.status') AS status FROM journal
         WHERE aggregate_id = ? AND kind IN ('cash-receipt.requested', 'cash-receipt.result') ORDER BY seq DESC LIMIT 1`,
      ),
      // journal_by_kind_at: the few tenders that ever asked for a 현금영수증, so the many that did not cost no lookup each.
      cashReceiptTenders: db.prepare(`SELECT DISTINCT aggregate_id AS id FROM journal WHERE kind = 'cash-receipt.requested'`),
      tenderRows: db.prepare(
        `SELECT json_extract(body, '$.wallet') AS wallet, json_extract(body, '$.gatewayRequestId') AS gatewayRequestId,
           json_extract(body, '$.gatewayPaymentId') AS gatewayPaymentId,
           json_extract(body, '$.customerCurrency') AS customerCurrency, json_extract(body, '$.customerAmount') AS customerAmount, at
         FROM journal WHERE aggregate_id = ? AND kind = 'tender.state' AND seq <= ? ORDER BY seq`,
      ),
    };
  }

  /** The rows of the windows in journal order; keeps the VAT and lines of the sales opened in them for `saleVat` and `saleLines`. */
  read(windows: readonly RowWindow[]): DayRow[] {
    this.saleCache.clear();
    this.cashReceiptTenders = new Set((this.queries.cashReceiptTenders.all() as Array<{ id: string }>).map((r) => r.id));
    const rows: DayRow[] = [];
    type Raw = { seq: number; kind: string; at: number; aggregateId: string; body: string };
    // Each row parsed as it comes: its text is garbage at once, not held until the whole day is read.
    for (const w of windows) {
      for (const r of this.queries.rows.iterate(w) as Iterable<Raw>) {
        const parsed = parseDayRow(r);
        if ('row' in parsed) rows.push(parsed.row);
        else this.saleCache.set(parsed.saleId, parsed.facts);
      }
    }
    if (windows.length > 1) rows.sort((a, b) => a.seq - b.seq);
    return rows;
  }

  tenderHistory(tenderId: string, uptoSeq: number): TenderHistory {
    return foldTenderHistory(this.queries.tenderRows.iterate(tenderId, uptoSeq) as Iterable<TenderHistoryRow>);
  }

  cashReceiptIssued(tenderId: string): boolean {
    if (!this.cashReceiptTenders.has(tenderId)) return false;
    const last = this.queries.cashReceipt.get(tenderId) as { kind: string; status: string | null } | undefined;
    return last !== undefined && last.status !== 'failed';
  }

  saleVat(saleId: string): VatSplit {
    return this.sale(saleId).vat;
  }

  saleLines(saleId: string): Pick<SaleFacts, 'lines' | 'saleDiscount'> {
    return this.sale(saleId);
  }

  private sale(saleId: string): SaleFacts {
    const cached = this.saleCache.get(saleId);
    if (cached) return cached;
    const row = this.queries.saleOpened.get(saleId) as { body: string } | undefined;
    if (!row) throw new RangeError(`no sale.opened row for sale ${saleId}`);
    const facts = parseBody(saleFactsSchema, row.body, `the sale.opened row of sale ${saleId}`);
    this.saleCache.set(saleId, facts);
    return facts;
  }

}
