import { z } from 'zod';
import type { CardApproval } from '../devices/card-terminal.js';
import type { SqliteDatabase } from '../ledger/index.js';
import type { VatSplit } from '../money/index.js';
import { kstDate } from '../platform/business-time.js';
import type { Clock } from '../platform/clock.js';
import type { PaymentEngine } from './payment-engine.js';
import type { RefundRow, SaleRow, TenderRow } from './payment-rows.js';
import type { SaleLine } from './records.js';
import { parseBody } from '../platform/stored-json.js';
import { lineReturns } from './returns.js';

/** One row of the history list (the contract's `HistoryItem`). */
export interface HistoryItem {
  saleId: string;
  receiptNumber: string | null;
  state: SaleRow['state'];
  openedAt: number;
  total: number;
  currency: string;
  /** The methods that took money. */
  methods: string[];
  /** The wallets the gateway reported for them (src/receipts/wallet-labels.ts names them). */
  wallets: string[];
  /** Given back by refunds (환불), completed. */
  refunded: number;
  /** Given back by same-day voids (취소), completed: the list says 취소됨, not 환불됨. */
  cancelled: number;
  /** An offline QR payment the gateway has not confirmed yet. */
  pendingConfirmation: boolean;
  /** Journal rows of this sale are still in the outbox. */
  unsynced: boolean;
}

/** The screen's view of a tender: the projection's row without internal ids, and a card tender's slip. */
export type TenderView = Pick<
  TenderRow,
  'tenderId' | 'saleId' | 'method' | 'state' | 'currency' | 'amount' | 'refunded' | 'wallet' | 'maskedCode' | 'reasonCode' | 'reason' | 'expiresAt'
> & { card: CardApproval | null };

/** The screen's view of a refund or void. */
export type RefundView = Pick<RefundRow, 'refundId' | 'tenderId' | 'kind' | 'state' | 'amount' | 'reason' | 'requestedAt'>;

/** A receipt's detail (the contract's `HistoryDetail`). */
export interface HistoryDetail extends HistoryItem {
  lines: SaleLine[];
  saleDiscount: number;
  vat: VatSplit;
  tenders: Array<TenderView & { refundable: number }>;
  refunds: RefundView[];
  /** Per line, in order: what it came to after discounts and how many units were returned already. */
  lineReturns: Array<{ amount: number; returned: number }>;
}

// One row per sale with what the history list marks: methods that took money,
// refunds, offline QR payments still unconfirmed, and the journal aggregates
// whose rows may still wait in the outbox (the sale's own, its tenders' and its
// refunds'), which the ledger's outbox queries answer.
const ITEM_COLUMNS = `
  s.sale_id AS saleId, s.receipt_number AS receiptNumber, s.state, s.opened_at AS openedAt, s.total, s.currency,
  (SELECT group_concat(DISTINCT t.method) FROM pay_tenders t
     WHERE t.sale_id = s.sale_id AND t.state NOT IN ('declined', 'reversed', 'abandoned')) AS methods,
  (SELECT group_concat(DISTINCT t.wallet) FROM pay_tenders t
     WHERE t.sale_id = s.sale_id AND t.wallet IS NOT NULL AND t.state NOT IN ('declined', 'reversed', 'abandoned')) AS wallets,
  (SELECT coalesce(sum(r.amount), 0) FROM pay_refunds r WHERE r.sale_id = s.sale_id AND r.state = 'completed' AND r.kind = 'refund') AS refunded,
  (SELECT coalesce(sum(r.amount), 0) FROM pay_refunds r WHERE r.sale_id = s.sale_id AND r.state = 'completed' AND r.kind = 'void') AS cancelled,
  EXISTS (SELECT 1 FROM pay_tenders t WHERE t.sale_id = s.sale_id AND t.state IN ('pending-confirmation', 'unmatched')) AS pending,
  (SELECT json_group_array(t.tender_id) FROM pay_tenders t WHERE t.sale_id = s.sale_id) AS tenderIds,
  (SELECT json_group_array(r.refund_id) FROM pay_refunds r WHERE r.sale_id = s.sale_id) AS refundIds`;

interface ItemRow {
  saleId: string;
  receiptNumber: string | null;
  state: SaleRow['state'];
  openedAt: number;
  total: number;
  currency: string;
  methods: string | null;
  wallets: string | null;
  refunded: number;
  cancelled: number;
  pending: number;
  /** JSON arrays of ids (SQLite's json_group_array), read by `aggregatesOf`. */
  tenderIds: string;
  refundIds: string;
}

const idList = z.array(z.string());

/** The journal aggregates of a sale's row: the sale, its tenders, its refunds. */
function aggregatesOf(row: ItemRow): string[] {
  return [row.saleId, ...parseBody(idList, row.tenderIds, 'tender ids'), ...parseBody(idList, row.refundIds, 'refund ids')];
}

function toItem(row: ItemRow, unsynced: boolean): HistoryItem {
  return {
    saleId: row.saleId,
    receiptNumber: row.receiptNumber,
    state: row.state,
    openedAt: row.openedAt,
    total: row.total,
    currency: row.currency,
    methods: row.methods ? row.methods.split(',') : [],
    wallets: row.wallets ? row.wallets.split(',') : [],
    refunded: row.refunded,
    cancelled: row.cancelled,
    pendingConfirmation: row.pending === 1,
    unsynced,
  };
}

/** The screen's view of a tender row, with its card slip. */
export function tenderView(t: TenderRow, card: CardApproval | null): TenderView {
  return {
    tenderId: t.tenderId,
    saleId: t.saleId,
    method: t.method,
    state: t.state,
    currency: t.currency,
    amount: t.amount,
    refunded: t.refunded,
    wallet: t.wallet,
    maskedCode: t.maskedCode,
    reasonCode: t.reasonCode,
    reason: t.reason,
    expiresAt: t.expiresAt,
    card,
  };
}

/** The screen's view of a refund row. */
export function refundView(r: RefundRow): RefundView {
  return {
    refundId: r.refundId,
    tenderId: r.tenderId,
    kind: r.kind,
    state: r.state,
    amount: r.amount,
    reason: r.reason,
    requestedAt: r.requestedAt,
  };
}

/**
 * The history screen's read model over the payment projections (the
 * `history` named queries of the payments module): today's
 * sales (the open business day), or a search by receipt number, amount or
 * the last digits of a masked code over every day.
 */
export class SaleHistory {
  private readonly byDay;
  private readonly bySearch;
  private readonly one;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly engine: PaymentEngine,
    private readonly clock: Clock,
  ) {
    this.byDay = db.prepare(
      `SELECT ${ITEM_COLUMNS} FROM pay_sales s WHERE s.business_date = ? AND s.state != 'abandoned' ORDER BY s.opened_at DESC LIMIT ?`,
    );
    this.bySearch = db.prepare(
      `SELECT ${ITEM_COLUMNS} FROM pay_sales s WHERE s.state != 'abandoned' AND (
         s.receipt_number LIKE @like ESCAPE '\\' OR CAST(s.total AS TEXT) = @exact
         OR EXISTS (SELECT 1 FROM pay_tenders t WHERE t.sale_id = s.sale_id AND t.masked_code LIKE @like ESCAPE '\\'))
       ORDER BY s.opened_at DESC LIMIT @limit`,
    );
    this.one = db.prepare(`SELECT ${ITEM_COLUMNS} FROM pay_sales s WHERE s.sale_id = ?`);
  }

  /** The business day the list shows: the open one, else today's (KST). */
  businessDate(): string {
    return this.engine.store.openBusinessDate() ?? kstDate(this.clock.now());
  }

  list(search: string | undefined, limit: number): { businessDate: string | null; items: HistoryItem[] } {
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = this.bySearch.all({ like, exact: search.replace(/[,\s]/g, ''), limit }) as ItemRow[];
      return { businessDate: null, items: this.items(rows) };
    }
    const businessDate = this.businessDate();
    return { businessDate, items: this.items(this.byDay.all(businessDate, limit) as ItemRow[]) };
  }

  /** The rows as list items, each marked unsynced when a row of its aggregates waits in the outbox (one query for all). */
  private items(rows: readonly ItemRow[]): HistoryItem[] {
    const aggregates = rows.map(aggregatesOf);
    const waiting = this.engine.store.ledger.outbox.pendingAmong(aggregates.flat());
    return rows.map((row, i) => toItem(row, aggregates[i]!.some((id) => waiting.has(id))));
  }

  /** A receipt's lines, payments (with what is left to refund) and refunds; undefined if unknown. */
  detail(saleId: string): HistoryDetail | undefined {
    const row = this.one.get(saleId) as ItemRow | undefined;
    if (!row) return undefined;
    const { store } = this.engine;
    const opened = store.saleOpened(saleId);
    const summary = row.receiptNumber ? this.engine.findSale(row.receiptNumber) : undefined;
    const tenders = summary?.tenders ?? store.tendersOfSale(saleId).map((t) => ({ ...t, refundable: 0 }));
    return {
      ...this.items([row])[0]!,
      lines: opened.lines,
      saleDiscount: opened.saleDiscount,
      vat: opened.vat,
      tenders: tenders.map((t) => ({ ...tenderView(t, store.cardSlip(t.tenderId) ?? null), refundable: t.refundable })),
      refunds: tenders.flatMap((t) => store.refundsOfTender(t.tenderId)).map(refundView),
      lineReturns: lineReturns(store, saleId),
    };
  }
}
