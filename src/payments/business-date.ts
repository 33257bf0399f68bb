import { businessDateAt, dayAfter } from '../platform/business-time.js';

/**
 * The business date an event at `ms` belongs to: the date the clock and the
 * cut-off give it (issue 15: never "whichever day happens to be open"), or the
 * next date when a Z already closed that one early (a sale at 23:30 after a
 * 23:00 Z joins the next business day; its calendar date still dates its VAT).
 * The payment engine dates sales with it and the close-out assigns journal
 * rows to days with the same rule.
 */
export function businessDateOf(ms: number, cutoffHour: number, isClosed: (date: string) => boolean): string {
  const date = businessDateAt(ms, cutoffHour);
  return isClosed(date) ? dayAfter(date) : date;
}

/**
 * The date of the business day that opens when `closedDate` is closed at
 * `ms`: the business date of that instant, or the day after the closed one
 * when the close-out happens before the cut-off (a Z at 23:00 must not
 * reopen the date it just closed).
 */
export function businessDateAfterClose(closedDate: string, ms: number, cutoffHour: number): string {
  const date = businessDateAt(ms, cutoffHour);
  return date > closedDate ? date : dayAfter(closedDate);
}
