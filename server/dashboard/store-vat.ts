import type { VatKind, VatTotals } from '../../src/closeout/day-figures.js';
import { type VatReport, monthWindow, vatReport } from '../../src/closeout/vat-report.js';
import { monthsBetween } from '../../src/platform/business-time.js';
import type { StoreDatabase } from '../db/database.js';
import { tillFiguresOf } from './journal-figures.js';

/** At most two years at once: the VAT return is filed by quarter (or half year), and each month folds every till. */
export const MAX_VAT_MONTHS = 24;

/**
 * The store's 부가세 신고 자료 of months `from`..`to` (YYYY-MM): each till's
 * payments and refunds of each calendar month folded by the till's own
 * rules (src/closeout vatReport: by date of supply, 신용카드 등 /
 * 현금영수증 / 기타), summed over the store's tills, by month and quarter.
 */
export async function storeVatReport(db: StoreDatabase, storeId: string, from: string, to: string): Promise<VatReport> {
  const months = monthsBetween(from, to);
  if (months.length === 0 || months.length > MAX_VAT_MONTHS) throw new RangeError(`a VAT report covers 1 to ${MAX_VAT_MONTHS} months, not ${from}..${to}`);
  const store = (await db.query<{ cutoff_hour: number }>('SELECT cutoff_hour FROM stores WHERE store_id = $1', [storeId])).rows[0];
  if (!store) throw new RangeError(`no store ${storeId}`);
  const tillIds = (await db.query<{ till_id: string }>('SELECT till_id FROM tills WHERE store_id = $1 ORDER BY till_id', [storeId])).rows.map((r) => r.till_id);
  const byMonth = new Map<string, Record<VatKind, VatTotals>>();
  for (const month of months) {
    const sum: Record<VatKind, VatTotals> = { card: zero(), cashReceipt: zero(), other: zero() };
    for (const tillId of tillIds) {
      const { vatByKind } = await tillFiguresOf(db, storeId, tillId, monthWindow(month), Number(store.cutoff_hour));
      for (const kind of ['card', 'cashReceipt', 'other'] as const) {
        sum[kind] = { taxable: sum[kind].taxable + vatByKind[kind].taxable, vat: sum[kind].vat + vatByKind[kind].vat, taxFree: sum[kind].taxFree + vatByKind[kind].taxFree };
      }
    }
    byMonth.set(month, sum);
  }
  return vatReport(from, to, (month) => byMonth.get(month)!);
}

function zero(): VatTotals {
  return { taxable: 0, vat: 0, taxFree: 0 };
}
