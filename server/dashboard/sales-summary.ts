import type { DayFigures } from '../../src/closeout/day-figures.js';
import { byPayMethod, byWalletOf, everyHour, topItems } from '../../src/closeout/report-builder.js';
import { PAY_METHODS, type PayMethod, WALLETS, type Wallet } from '../../src/closeout/report-schema.js';
import { businessDayEnd, businessDayStart, dayAfter, dayBefore } from '../../src/platform/business-time.js';
import type { StoreDatabase } from '../db/database.js';
import { tillFiguresOf } from './journal-figures.js';

/** The dashboard's periods: one business day, its Monday-to-Sunday week, its calendar month. */
export const PERIODS = ['day', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIODS)[number];

/** A run of business dates, first and last included. */
export interface Period {
  kind: PeriodKind;
  first: string;
  last: string;
}

/** The period of `kind` that business date `date` falls in. */
export function periodOf(kind: PeriodKind, date: string): Period {
  if (kind === 'day') return { kind, first: date, last: date };
  if (kind === 'week') {
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 (ISO 8601, as Korean calendars start the week)
    let first = date;
    for (let i = 0; i < weekday; i++) first = dayBefore(first);
    let last = first;
    for (let i = 0; i < 6; i++) last = dayAfter(last);
    return { kind, first, last };
  }
  const first = `${date.slice(0, 7)}-01`;
  let last = first;
  while (dayAfter(last).slice(0, 7) === first.slice(0, 7)) last = dayAfter(last);
  return { kind, first, last };
}

/** What a period sold, per till and for the store: the Z's figures, live (folded from the synced journals). */
export interface SalesSummary {
  storeId: string;
  period: Period;
  /** The newest journal time the figures include (null: no row yet). */
  asOf: number | null;
  tills: Array<{ tillId: string; gross: number; refunds: number; cancellations: number; net: number; receipts: number }>;
  total: { gross: number; refunds: number; cancellations: number; net: number; receipts: number; averagePerCustomer: number };
  /** Net per 현금, 카드, 간편결제, 기타. */
  byMethod: Record<PayMethod, number>;
  /** Net per 간편결제 wallet. */
  byWallet: Record<Wallet, number>;
  /** Every hour of the business day from the cut-off (a week or month: the hours summed over its days). */
  byHour: Array<{ hour: number; count: number; amount: number }>;
  byItem: { top: Array<{ name: string; quantity: number; amount: number }>; rest: { items: number; quantity: number; amount: number } };
}

/** How many items the dashboard lists before "the rest" (the Z's default). */
const TOP_ITEMS = 10;

/**
 * The store's sales of a period: each till's journal rows of the period's
 * hours folded by the till's own close-out rules, then summed. A day not
 * yet closed shows what has synced so far (live); a closed one equals its Z.
 */
export async function salesSummary(db: StoreDatabase, storeId: string, period: Period): Promise<SalesSummary> {
  const store = (await db.query<{ cutoff_hour: number }>('SELECT cutoff_hour FROM stores WHERE store_id = $1', [storeId])).rows[0];
  if (!store) throw new RangeError(`no store ${storeId}`);
  const cutoff = Number(store.cutoff_hour);
  const window = { from: businessDayStart(period.first, cutoff), to: businessDayEnd(period.last, cutoff) };
  const tillIds = (await db.query<{ till_id: string }>('SELECT till_id FROM tills WHERE store_id = $1 ORDER BY till_id', [storeId])).rows.map((r) => r.till_id);
  const folded: Array<{ tillId: string; f: DayFigures }> = [];
  for (const tillId of tillIds) folded.push({ tillId, f: await tillFiguresOf(db, storeId, tillId, window, cutoff) });
  const sum = (pick: (f: DayFigures) => number) => folded.reduce((n, t) => n + pick(t.f), 0);
  const customers = sum((f) => f.receipts.count);
  const net = sum((f) => f.net);
  const items = new Map<string, { name: string; quantity: number; amount: number }>();
  for (const { f } of folded) {
    for (const item of f.items) {
      const seen = items.get(item.name) ?? { name: item.name, quantity: 0, amount: 0 };
      items.set(item.name, { name: item.name, quantity: seen.quantity + item.quantity, amount: seen.amount + item.amount });
    }
  }
  const hours = folded.map(({ f }) => everyHour(f.salesByHour, cutoff));
  const asOf = folded.reduce<number | null>((latest, { f }) => (f.to === null ? latest : Math.max(latest ?? 0, f.to)), null);
  return {
    storeId,
    period,
    asOf,
    tills: folded.map(({ tillId, f }) => ({ tillId, gross: f.gross.amount, refunds: f.refunds.amount, cancellations: f.cancellations.amount, net: f.net, receipts: f.receipts.count })),
    total: {
      gross: sum((f) => f.gross.amount),
      refunds: sum((f) => f.refunds.amount),
      cancellations: sum((f) => f.cancellations.amount),
      net,
      receipts: customers,
      averagePerCustomer: customers === 0 ? 0 : Math.round(net / customers),
    },
    byMethod: Object.fromEntries(PAY_METHODS.map((m) => [m, sum((f) => byPayMethod(f)[m].net)])) as Record<PayMethod, number>,
    byWallet: Object.fromEntries(WALLETS.map((w) => [w, sum((f) => byWalletOf(f)[w].net)])) as Record<Wallet, number>,
    byHour: everyHour([], cutoff).map((h, i) => ({
      hour: h.hour,
      count: hours.reduce((n, t) => n + t[i]!.count, 0),
      amount: hours.reduce((n, t) => n + t[i]!.amount, 0),
    })),
    byItem: topItems([...items.values()].sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name)), TOP_ITEMS),
  };
}

