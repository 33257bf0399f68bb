import type { JournalRecord, Ledger } from '../ledger/index.js';
import type { DiskReserve } from './disk-reserve.js';
import { migratePayments } from './migrations.js';
import { REFUND_COLUMNS, type RefundRow, SALE_COLUMNS, type SaleRow, TENDER_COLUMNS, type TenderRow } from './payment-rows.js';
import type { TenderState } from './payment-states.js';
import { Projector } from './projector.js';
import type { CardApproval } from '../devices/card-terminal.js';
import {
  type CashReceiptIdentifierType,
  type PaymentRecordBodies,
  type PaymentRecordKind,
  type RefundState,
  type SaleOpenedBody,
  type TenderDetail,
  saleOpenedBodySchema,
  tenderDetailSchema,
} from './records.js';
import { parseBody } from '../platform/stored-json.js';

export type { RefundRow, SaleRow, TenderRow } from './payment-rows.js';

/** A 현금영수증 as the projection holds it: masked identifier, 용도, where it stands, its 승인번호 once issued. */
export interface CashReceiptRow {
  identifierType: CashReceiptIdentifierType;
  masked: string;
  purpose: 'deduction' | 'expense-proof';
  state: 'requested' | 'issued' | 'failed';
  approvalNumber: string | null;
}

/** A tender's state and the facts every one of its journal rows repeats. */
export type TenderHead = Pick<TenderRow, 'state' | 'saleId' | 'method' | 'currency' | 'amount'>;

/**
 * The payment engine's one door to the journal: every write appends the
 * journal row and folds it into the projection in one SQLite transaction
 * (synchronous=FULL), so power loss at any instant leaves both consistent.
 * Opening it brings the payment tables up to date (migrations.ts).
 */
export class PaymentStore {
  private readonly projector: Projector;
  private readonly queries;

  constructor(
    readonly ledger: Ledger,
    private readonly reserve?: DiskReserve,
  ) {
    const db = ledger.db;
    migratePayments(db);
    this.projector = new Projector(db);
    this.queries = {
      sale: db.prepare(`SELECT ${SALE_COLUMNS} FROM pay_sales WHERE sale_id = ?`),
      saleDetail: db.prepare('SELECT detail FROM pay_sales WHERE sale_id = ?'),
      tenderDetail: db.prepare('SELECT detail FROM pay_tenders WHERE tender_id = ?'),
      cashReceipt: db.prepare(
        `SELECT identifier_type AS identifierType, masked, purpose, state, approval_number AS approvalNumber
         FROM pay_cash_receipts WHERE tender_id = ?`,
      ),
      saleByReceipt: db.prepare(`SELECT ${SALE_COLUMNS} FROM pay_sales WHERE receipt_number = ?`),
      recentSales: db.prepare(`SELECT ${SALE_COLUMNS} FROM pay_sales WHERE state = 'completed' ORDER BY completed_seq DESC LIMIT ?`),
      salesInState: db.prepare(`SELECT ${SALE_COLUMNS} FROM pay_sales WHERE state = ? ORDER BY opened_at`),
      tender: db.prepare(`SELECT ${TENDER_COLUMNS} FROM pay_tenders WHERE tender_id = ?`),
      tenderHead: db.prepare('SELECT state, sale_id AS saleId, method, currency, amount FROM pay_tenders WHERE tender_id = ?'),
      tenderByBill: db.prepare(`SELECT ${TENDER_COLUMNS} FROM pay_tenders WHERE bill_number = ?`),
      tendersOfSale: db.prepare(`SELECT ${TENDER_COLUMNS} FROM pay_tenders WHERE sale_id = ? ORDER BY created_at, rowid`),
      tendersInState: db.prepare(`SELECT ${TENDER_COLUMNS} FROM pay_tenders WHERE state = ? ORDER BY created_at, rowid`),
      refund: db.prepare(`SELECT ${REFUND_COLUMNS} FROM pay_refunds WHERE refund_id = ?`),
      refundsOfTender: db.prepare(`SELECT ${REFUND_COLUMNS} FROM pay_refunds WHERE tender_id = ? ORDER BY requested_at, rowid`),
      refundsInState: db.prepare(`SELECT ${REFUND_COLUMNS} FROM pay_refunds WHERE state = ? ORDER BY requested_at, rowid`),
      counter: db.prepare('SELECT value FROM pay_counters WHERE name = ?'),
      openDay: db.prepare('SELECT business_date AS d FROM pay_business_days WHERE closed_at IS NULL ORDER BY business_date DESC LIMIT 1'),
      dayState: db.prepare('SELECT closed_at AS closedAt FROM pay_business_days WHERE business_date = ?'),
    };
  }

  /** Appends one payment fact and projects it, atomically. */
  write<K extends PaymentRecordKind>(
    kind: K,
    aggregateId: string,
    body: PaymentRecordBodies[K],
    options: { sync?: boolean } = {},
  ): JournalRecord {
    return this.atomically(() => this.writeInTransaction(kind, aggregateId, body, options));
  }

  /**
   * Runs several writes (and reads) as one transaction. A transaction that
   * fails on a full disk is retried once after the disk reserve is freed.
   */
  atomically<T>(work: () => T): T {
    const run = (): T => this.ledger.journal.atomically(work);
    return this.reserve ? this.reserve.guard(run) : run();
  }

  /** A write that must already be inside `atomically`. */
  writeInTransaction<K extends PaymentRecordKind>(
    kind: K,
    aggregateId: string,
    body: PaymentRecordBodies[K],
    options: { sync?: boolean } = {},
  ): JournalRecord {
    // The caller's transaction (or savepoint) rolls the row back with its projection on any throw.
    const record = this.ledger.journal.appendInTransaction({
      kind,
      aggregateId,
      body: body as unknown as Record<string, unknown>,
      sync: options.sync ?? false,
    });
    this.projector.project(kind, body, record);
    return record;
  }

  sale(saleId: string): SaleRow | undefined {
    return this.queries.sale.get(saleId) as SaleRow | undefined;
  }

  /** The sale as it was opened: lines, discounts, VAT split. */
  saleOpened(saleId: string): SaleOpenedBody {
    const row = this.queries.saleDetail.get(saleId) as { detail: string } | undefined;
    if (!row) throw new RangeError(`no sale ${saleId}`);
    return parseBody(saleOpenedBodySchema, row.detail, `sale ${saleId} (its sale.opened body)`);
  }

  /** What a cash tender's customer handed over and the change given back (0 when none is recorded). */
  cashHandling(tenderId: string): { tendered: number; change: number } {
    const detail = this.tenderDetail(tenderId);
    return { tendered: detail.tendered ?? 0, change: detail.change ?? 0 };
  }

  /** The 현금영수증 asked for a cash tender, as it stands (undefined when none was asked). */
  cashReceipt(tenderId: string): CashReceiptRow | undefined {
    return this.queries.cashReceipt.get(tenderId) as CashReceiptRow | undefined;
  }

  /** A card tender's slip: approval number, card company, 할부 (undefined for other tenders). */
  cardSlip(tenderId: string): CardApproval | undefined {
    return this.tenderDetail(tenderId).card;
  }

  private tenderDetail(tenderId: string): TenderDetail {
    const row = this.queries.tenderDetail.get(tenderId) as { detail: string } | undefined;
    return row ? parseBody(tenderDetailSchema, row.detail, `tender ${tenderId} detail`) : {};
  }

  saleByReceipt(receiptNumber: string): SaleRow | undefined {
    return this.queries.saleByReceipt.get(receiptNumber) as SaleRow | undefined;
  }

  /** The latest completed sales, newest first (the refund screen's history). */
  recentSales(limit: number): SaleRow[] {
    return this.queries.recentSales.all(limit) as SaleRow[];
  }

  salesInState(state: SaleRow['state']): SaleRow[] {
    return this.queries.salesInState.all(state) as SaleRow[];
  }

  tender(tenderId: string): TenderRow | undefined {
    return this.queries.tender.get(tenderId) as TenderRow | undefined;
  }

  /** What a tender move carries over into its next row: a third of `tender`'s cost to read. */
  tenderHead(tenderId: string): TenderHead | undefined {
    return this.queries.tenderHead.get(tenderId) as TenderHead | undefined;
  }

  tenderByBill(billNumber: string): TenderRow | undefined {
    return this.queries.tenderByBill.get(billNumber) as TenderRow | undefined;
  }

  tendersOfSale(saleId: string): TenderRow[] {
    return this.queries.tendersOfSale.all(saleId) as TenderRow[];
  }

  tendersInStates(states: readonly TenderState[]): TenderRow[] {
    return states.flatMap((state) => this.queries.tendersInState.all(state) as TenderRow[]);
  }

  refund(refundId: string): RefundRow | undefined {
    return this.queries.refund.get(refundId) as RefundRow | undefined;
  }

  refundsOfTender(tenderId: string): RefundRow[] {
    return this.queries.refundsOfTender.all(tenderId) as RefundRow[];
  }

  refundsInState(state: RefundState): RefundRow[] {
    return this.queries.refundsInState.all(state) as RefundRow[];
  }

  /** A counter's current value (0 before its first use). */
  counter(name: string): number {
    return (this.queries.counter.get(name) as { value: number } | undefined)?.value ?? 0;
  }

  /** The business date of the open business day, if one is open. */
  openBusinessDate(): string | undefined {
    return (this.queries.openDay.get() as { d: string } | undefined)?.d;
  }

  /** Whether business day `date` was opened, and whether a Z closed it. */
  businessDay(date: string): { closed: boolean } | undefined {
    const row = this.queries.dayState.get(date) as { closedAt: number | null } | undefined;
    return row && { closed: row.closedAt !== null };
  }

  /** The journal record id of a row, for sync dependencies. */
  recordIdAt(seq: number): string {
    const record = this.ledger.journal.get(seq);
    if (!record) throw new RangeError(`no journal row ${seq}`);
    return record.recordId;
  }
}
