import { z } from 'zod';
import { monthAfter, monthsBetween, startOfKstMonth } from '../platform/business-time.js';
import type { VatKind, VatTotals } from './day-figures.js';
import { vatTotalsSchema } from './report-schema.js';

/**
 * 부가세 신고 자료: the VAT return's figures by calendar month and quarter.
 * VAT is filed by the date of supply, so every payment and refund counts on
 * its own KST calendar date, not on its business day (a bar's 01:00 sale on
 * 1 April is April's even though its business day is 31 March).
 */

const byKindSchema = z.object({
  /** 신용카드 등: card slips and wallet payments (신용카드매출전표 등 발행분). */
  card: vatTotalsSchema,
  /** 현금영수증 발행분. */
  cashReceipt: vatTotalsSchema,
  /** 기타: cash without a 현금영수증. */
  other: vatTotalsSchema,
});

const periodSchema = vatTotalsSchema.extend({ total: z.number().int(), byKind: byKindSchema });

export const vatReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(periodSchema.extend({ month: z.string() })),
  quarters: z.array(periodSchema.extend({ quarter: z.string(), months: z.array(z.string()) })),
});
export type VatReport = z.infer<typeof vatReportSchema>;
type Period = z.infer<typeof periodSchema>;

/** The journal time of one calendar month: 00:00 KST on its first to 00:00 KST on the next month's. */
export function monthWindow(month: string): { from: number; to: number } {
  return { from: startOfKstMonth(month), to: startOfKstMonth(monthAfter(month)) };
}

const KINDS: readonly VatKind[] = ['card', 'cashReceipt', 'other'];

function totalOf(parts: readonly VatTotals[]): VatTotals {
  return {
    taxable: parts.reduce((n, p) => n + p.taxable, 0),
    vat: parts.reduce((n, p) => n + p.vat, 0),
    taxFree: parts.reduce((n, p) => n + p.taxFree, 0),
  };
}

function period(byKind: Record<VatKind, VatTotals>): Period {
  const all = totalOf(KINDS.map((k) => byKind[k]));
  return { ...all, total: all.taxable + all.vat + all.taxFree, byKind };
}

/** The VAT report of months `from`..`to` (YYYY-MM), given each month's VAT by kind. */
export function vatReport(from: string, to: string, monthVat: (month: string) => Record<VatKind, VatTotals>): VatReport {
  const months = monthsBetween(from, to).map((month) => ({ month, ...period(monthVat(month)) }));
  const quarters = new Map<string, typeof months>();
  for (const m of months) {
    const quarter = `${m.month.slice(0, 4)}-Q${Math.ceil(Number(m.month.slice(5)) / 3)}`;
    quarters.set(quarter, [...(quarters.get(quarter) ?? []), m]);
  }
  return {
    from,
    to,
    months,
    quarters: [...quarters].map(([quarter, ms]) => ({
      quarter,
      months: ms.map((m) => m.month),
      ...period(Object.fromEntries(KINDS.map((k) => [k, totalOf(ms.map((m) => m.byKind[k]))])) as Record<VatKind, VatTotals>),
    })),
  };
}
