import { z } from 'zod';
import { type DayFigures, foldDay } from '../../src/closeout/day-figures.js';
import { DAY_ROW_KINDS, type DayRow, type JournalLookups, type SaleOpeningFacts, type TenderHistoryRow, foldTenderHistory, parseDayRow } from '../../src/closeout/day-rows.js';
import { paymentBodySchemas } from '../../src/payments/records.js';
import type { Queryable } from '../db/database.js';

/** The kinds the lookups read for a window's tenders and sales (DayRowReader's queries on the till). */
const LOOKUP_KINDS = ['sale.opened', 'tender.state', 'cash-receipt.requested', 'cash-receipt.result'];

const rowSchema = z.object({ seq: z.coerce.number(), kind: z.string(), at: z.coerce.number(), aggregate_id: z.string(), body: z.string() });
type Row = z.infer<typeof rowSchema>;

/** A body as the till wrote it (canonical JSON text), parsed with its kind's schema. */
function bodyOf<S extends z.ZodType>(schema: S, row: Row): z.output<S> {
  return schema.parse(JSON.parse(row.body));
}

/**
 * A till's figures for a time window, folded from the store's copy of its
 * journal by the till's own rules (src/closeout foldDay: the Z's code, so
 * the dashboard and the Z can never count differently). The till reads its
 * lookups from SQLite one by one; here they are read for the whole window
 * in one query by aggregate and answered from memory.
 */
export async function tillFiguresOf(db: Queryable, storeId: string, tillId: string, window: { from: number; to: number }, cutoffHour: number): Promise<DayFigures> {
  const raw = await db.query(
    `SELECT seq, kind, at, aggregate_id, body FROM journal_records
     WHERE store_id = $1 AND till_id = $2 AND at >= $3 AND at < $4 AND kind = ANY($5) ORDER BY seq`,
    [storeId, tillId, window.from, window.to, DAY_ROW_KINDS],
  );
  const rows: DayRow[] = [];
  const sales = new Map<string, SaleOpeningFacts>();
  let lastSeq = 0;
  for (const r of raw.rows.map((x) => rowSchema.parse(x))) {
    lastSeq = Math.max(lastSeq, r.seq);
    const parsed = parseDayRow({ seq: r.seq, kind: r.kind, at: r.at, aggregateId: r.aggregate_id, body: r.body });
    if ('row' in parsed) rows.push(parsed.row);
    else sales.set(parsed.saleId, parsed.facts);
  }
  const ids = new Set<string>();
  for (const row of rows) {
    if ('saleId' in row.body && typeof row.body.saleId === 'string') ids.add(row.body.saleId);
    if ('tenderId' in row.body && typeof row.body.tenderId === 'string') ids.add(row.body.tenderId);
  }
  const lookups = await lookupsOf(db, storeId, tillId, [...ids], sales);
  return foldDay(lastSeq, rows, lookups, cutoffHour);
}

/** The lookups foldDay asks of rows outside the window (a refund today of last week's payment), read in one query. */
async function lookupsOf(db: Queryable, storeId: string, tillId: string, ids: string[], sales: Map<string, SaleOpeningFacts>): Promise<JournalLookups> {
  const found = ids.length === 0
    ? []
    : (
        await db.query(
          `SELECT seq, kind, at, aggregate_id, body FROM journal_records
           WHERE store_id = $1 AND till_id = $2 AND aggregate_id = ANY($3) AND kind = ANY($4) ORDER BY seq`,
          [storeId, tillId, ids, LOOKUP_KINDS],
        )
      ).rows.map((x) => rowSchema.parse(x));
  const tenderRows = new Map<string, Array<TenderHistoryRow & { seq: number }>>();
  const cashReceipt = new Map<string, string>();
  for (const row of found) {
    if (row.kind === 'sale.opened' && !sales.has(row.aggregate_id)) {
      const parsed = parseDayRow({ seq: row.seq, kind: row.kind, at: row.at, aggregateId: row.aggregate_id, body: row.body });
      if ('facts' in parsed) sales.set(parsed.saleId, parsed.facts);
    } else if (row.kind === 'tender.state') {
      const b = bodyOf(paymentBodySchemas['tender.state'], row);
      const list = tenderRows.get(row.aggregate_id) ?? [];
      list.push({ seq: row.seq, at: row.at, wallet: b.wallet ?? null, gatewayRequestId: b.gatewayRequestId ?? null, gatewayPaymentId: b.gatewayPaymentId ?? null, customerCurrency: b.customerCurrency ?? null, customerAmount: b.customerAmount ?? null });
      tenderRows.set(row.aggregate_id, list);
    } else if (row.kind === 'cash-receipt.result') {
      cashReceipt.set(row.aggregate_id, bodyOf(paymentBodySchemas['cash-receipt.result'], row).status);
    } else if (row.kind === 'cash-receipt.requested') {
      cashReceipt.set(row.aggregate_id, 'requested');
    }
  }
  const sale = (saleId: string) => {
    const facts = sales.get(saleId);
    if (!facts) throw new RangeError(`no sale.opened row for sale ${saleId} of till ${tillId}`);
    return facts;
  };
  return {
    tenderHistory: (tenderId, uptoSeq) => foldTenderHistory((tenderRows.get(tenderId) ?? []).filter((r) => r.seq <= uptoSeq)),
    saleVat: (saleId) => sale(saleId).vat,
    saleLines: (saleId) => sale(saleId),
    // The last 현금영수증 row of the tender decides, as on the till: issued or on its way, not failed.
    cashReceiptIssued: (tenderId) => (cashReceipt.get(tenderId) ?? 'failed') !== 'failed',
  };
}
