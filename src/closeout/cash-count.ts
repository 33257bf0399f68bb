import { z } from 'zod';
import type { DayFigures } from './day-figures.js';
import { InvalidCashCountError } from './errors.js';
import { type CashSection, DENOMINATIONS } from './report-schema.js';

/** Pieces counted per KRW denomination, keyed by face value: `{ "50000": 3, "1000": 12 }`. */
export const denominationCountSchema = z
  .record(z.string(), z.number().int().min(0).max(1_000_000))
  .refine((counts) => Object.keys(counts).every((key) => (DENOMINATIONS as readonly number[]).includes(Number(key))), {
    message: `denominations are ${DENOMINATIONS.join(', ')}`,
  });
export type DenominationCount = z.infer<typeof denominationCountSchema>;

/** The drawer's total from a count by denomination, refusing anything that is not one. */
export function countedTotal(input: unknown): { denominations: Record<string, number>; total: number } {
  const parsed = denominationCountSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidCashCountError('bad-cash-count', `Not a cash count: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  // Every denomination is listed, zeros included, so the record reads the same for every count.
  const denominations = Object.fromEntries(DENOMINATIONS.map((d) => [String(d), parsed.data[String(d)] ?? 0]));
  return { denominations, total: DENOMINATIONS.reduce((sum, d) => sum + d * denominations[String(d)]!, 0) };
}

/** What should be in the drawer: float + pay-ins + cash sales − cash refunds − pay-outs. */
export function expectedCash(flows: DayFigures['cashFlows']): number {
  return flows.float + flows.payIns + flows.sales - flows.refunds - flows.payOuts;
}

/**
 * The report's cash section: the flows, what was expected, and the day's
 * last count against what is expected now (sales after a count show up as
 * a difference until the drawer is counted again).
 */
export function cashSection(figures: DayFigures): CashSection {
  const expected = expectedCash(figures.cashFlows);
  const count = figures.lastCashCount;
  return {
    ...figures.cashFlows,
    expected,
    counted: count?.counted ?? null,
    difference: count ? count.counted - expected : null,
    overShort: count ? count.counted - expected : null,
    reason: count?.reason ?? null,
    denominations: count?.denominations ?? null,
    countedAt: count?.at ?? null,
  };
}
