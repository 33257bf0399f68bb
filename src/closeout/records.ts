import { z } from 'zod';
import type { CloseoutReport } from './report-schema.js';

/**
 * The journal rows the close-out writes. Both belong to the aggregate
 * `day:<businessDate>`, beside the payment engine's business-day rows, and
 * both are queued for the gateway.
 */

export const CASH_COUNT_KIND = 'closeout.cash-count';
export const Z_REPORT_KIND = 'closeout.z';
/** The owner's resolution of a reconciliation difference (body: `resolutionSchema`). */
export const RESOLUTION_KIND = 'closeout.resolution';
/** A closed day reconciled after its Z (body: `amendmentSchema`). */
export const AMENDMENT_KIND = 'closeout.amendment';

/** The owner's count of the drawer, with why it differs from what was expected (parsed on read). */
export const cashCountBodySchema = z.object({
  businessDate: z.string(),
  /** Pieces per denomination, keyed by the face value in won ("50000"). */
  denominations: z.record(z.string(), z.number().int()),
  counted: z.number().int(),
  expected: z.number().int(),
  difference: z.number().int(),
  reason: z.string().nullable(),
  staffId: z.string(),
});
export type CashCountBody = z.infer<typeof cashCountBodySchema>;

/** The Z report: the day's figures as closed, and who closed it. */
export interface ZReportBody {
  report: CloseoutReport;
  closedBy: string;
  /** 마감자: the owner's name as the staff list had it (absent in Zs before it existed). */
  closedByName?: string;
  /** The owner closed with payments still open; they are listed in the report. */
  recordedOpen: boolean;
  nextBusinessDate: string;
}

/** The aggregate id of a business day's rows. */
export function dayAggregate(businessDate: string): string {
  return `day:${businessDate}`;
}
