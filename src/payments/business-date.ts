import { businessDateAt, dayAfter } from '../platform/business-time.js';

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
