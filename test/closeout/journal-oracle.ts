import type { SqliteDatabase } from '../../src/ledger/index.js';
import { allocate } from '../../src/money/index.js';

/**
 * An independent reading of a business day straight from the raw journal
 * rows, written the plain way (group every row by what it belongs to, then
 * add up), to check the close-out's one-pass fold against. It assumes what
 * the scenario guarantees: the day starts at the journal's first row and
 * every sale is opened, paid and completed within it.
 */
export interface OracleFigures {
  sales: Record<string, { count: number; amount: number }>;
  refunds: Record<string, { count: number; amount: number }>;
  cancellations: Record<string, { count: number; amount: number }>;
  networkCancellations: Record<string, { count: number; amount: number }>;
  vat: { supply: number; vat: number; taxFree: number };
  hours: Record<number, number>;
  receipts: string[];
  cash: { float: number; payIns: number; payOuts: number; sales: number; refunds: number };
}

interface Row {
  seq: number;
  kind: string;
  at: number;
  body: Record<string, unknown>;
}

const PAID = new Set(['approved', 'refunded-partially', 'refunded', 'cancelled', 'pending-confirmation', 'unmatched']);

function channel(method: string, wallet: string | undefined): string {
  if (method === 'cash') return 'cash';
  return wallet === 'zeropay' || wallet === 'wechat-pay' || wallet === 'alipay' ? wallet : 'other';
}

/** The figures of the rows with seq ≤ `lastSeq`. */
export function oracle(db: SqliteDatabase, lastSeq: number): OracleFigures {
  const rows = (db.prepare('SELECT seq, kind, at, body FROM journal WHERE seq <= ? ORDER BY seq').all(lastSeq) as Array<Omit<Row, 'body'> & { body: string }>).map(
    (r): Row => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }),
  );
  const tenderRows = new Map<string, Row[]>();
  for (const r of rows.filter((r) => r.kind === 'tender.state')) {
    tenderRows.set(String(r.body.tenderId), [...(tenderRows.get(String(r.body.tenderId)) ?? []), r]);
  }
  const walletOf = (tenderId: string) => tenderRows.get(tenderId)!.map((r) => r.body.wallet as string | undefined).filter(Boolean).at(-1);
  const methodOf = (tenderId: string) => String(tenderRows.get(tenderId)![0]!.body.method);
  const add = (bucket: Record<string, { count: number; amount: number }>, key: string, amount: number) => {
    bucket[key] = { count: (bucket[key]?.count ?? 0) + 1, amount: (bucket[key]?.amount ?? 0) + amount };
  };

  const out: OracleFigures = { sales: {}, refunds: {}, cancellations: {}, networkCancellations: {}, vat: { supply: 0, vat: 0, taxFree: 0 }, hours: {}, receipts: [], cash: { float: 0, payIns: 0, payOuts: 0, sales: 0, refunds: 0 } };
  for (const [tenderId, list] of tenderRows) {
    const ch = channel(methodOf(tenderId), walletOf(tenderId));
    const taken = list.find((r) => PAID.has(String(r.body.to)));
    if (taken && !PAID.has(String(taken.body.from))) {
      add(out.sales, ch, Number(taken.body.amount));
      const hour = new Date(taken.at + 9 * 3_600_000).getUTCHours();
      out.hours[hour] = (out.hours[hour] ?? 0) + Number(taken.body.amount);
      if (ch === 'cash') out.cash.sales += Number(taken.body.amount);
    }
    if (list.some((r) => r.body.from === 'inquiring' && r.body.to === 'reversing')) add(out.networkCancellations, ch, Number(list[0]!.body.amount));
  }
  // Every sale of the day is completed in it: its VAT is the split printed on its receipt.
  const saleVat = new Map<string, { supply: number; vat: number; taxFree: number }>();
  for (const r of rows) {
    if (r.kind === 'sale.opened') saleVat.set(String(r.body.saleId), r.body.vat as { supply: number; vat: number; taxFree: number });
    if (r.kind === 'sale.completed') {
      const v = r.body.vat as { supply: number; vat: number; taxFree: number };
      out.vat.supply += v.supply;
      out.vat.vat += v.vat;
      out.vat.taxFree += v.taxFree;
      out.receipts.push(String(r.body.receiptNumber));
    }
    if (r.kind === 'cash.movement') {
      const key = r.body.kind === 'float' ? 'float' : r.body.kind === 'pay-in' ? 'payIns' : 'payOuts';
      out.cash[key] += Number(r.body.amount);
    }
  }
  // Refunds give back their share of the sale's split (one refund per sale in the scenario, so no running total is needed).
  // A reversal's refund (past the cancel window) gives back money that never was a sale: not a refund.
  for (const r of rows.filter((r) => r.kind === 'refund.state' && r.body.to === 'completed' && r.body.reversal !== true)) {
    const tenderId = String(r.body.tenderId);
    const ch = channel(methodOf(tenderId), walletOf(tenderId));
    add(r.body.kind === 'void' ? out.cancellations : out.refunds, ch, Number(r.body.amount));
    if (ch === 'cash') out.cash.refunds += Number(r.body.amount);
    const v = saleVat.get(String(r.body.saleId))!;
    const [supply, vat, taxFree] = allocate(Number(r.body.amount), [v.supply, v.vat, v.taxFree]);
    out.vat.supply -= supply!;
    out.vat.vat -= vat!;
    out.vat.taxFree -= taxFree!;
  }
  return out;
}
