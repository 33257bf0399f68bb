import { kstDate } from './receipt-numbers.js';

/**
 * Business dates with the store's cut-off hour. A bar that sells until 03:00
 * books those sales on the evening's date: with a 04:00 cut-off, 01:30 KST
 * on the 6th is business date the 5th. The one rule for dating a business
 * day: the engine's first-ever day (ReceiptNumbers) and the day each Z
 * report opens (the close-out) both come from here.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The business date of instant `ms` for a cut-off at `cutoffHour` (0-23) KST. */
export function businessDateAt(ms: number, cutoffHour: number): string {
  if (!Number.isInteger(cutoffHour) || cutoffHour < 0 || cutoffHour > 23) {
    throw new RangeError(`the cut-off hour must be 0-23, not ${cutoffHour}`);
  }
  return kstDate(ms - cutoffHour * HOUR_MS);
}

/** The calendar date after `date` (YYYY-MM-DD). */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
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
