/**
 * Korean business time: the one place that knows the offset and the store's
 * cut-off hour. Korea has kept UTC+9 without daylight saving since 1988, so
 * a fixed offset is exact and does not depend on the machine's time zone.
 *
 * Two kinds of date live here and must not be confused:
 * - the KST calendar date of an instant (what a receipt prints, what the
 *   gateway settles by, what the VAT return is filed by);
 * - the business date: the calendar date of the instant minus the cut-off
 *   hour, so a bar selling until 03:00 with a 04:00 cut-off books those sales
 *   on the evening's date. Every event's business date follows from its time
 *   alone, never from which day happens to be open (issue 15, defect 1).
 */

/** Korea Standard Time is UTC+9 all year. */
export const KST_OFFSET_MS = 9 * 3_600_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The KST calendar date ("2026-01-05") of an instant. */
export function kstDate(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The KST hour (0-23) of an instant. */
export function kstHour(ms: number): number {
  return new Date(ms + KST_OFFSET_MS).getUTCHours();
}

/** An instant as KST wall time, "2026-01-05 10:00:00". */
export function kstDateTime(ms: number): string {
  const iso = new Date(ms + KST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The instant 00:00 KST of calendar date `date` (YYYY-MM-DD). */
export function startOfKstDate(date: string): number {
  if (!DATE.test(date)) throw new RangeError(`a date must be YYYY-MM-DD, not ${date}`);
  return Date.parse(`${date}T00:00:00.000Z`) - KST_OFFSET_MS;
}

/** The calendar date after `date` (YYYY-MM-DD). */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

function checkCutoff(cutoffHour: number): void {
  if (!Number.isInteger(cutoffHour) || cutoffHour < 0 || cutoffHour > 23) {
    throw new RangeError(`the cut-off hour must be 0-23, not ${cutoffHour}`);
  }
}

/** The business date of instant `ms` for a cut-off at `cutoffHour` (0-23) KST. */
export function businessDateAt(ms: number, cutoffHour: number): string {
  checkCutoff(cutoffHour);
  return kstDate(ms - cutoffHour * HOUR_MS);
}

/** The instant business date `date` begins: its cut-off hour KST on that calendar date. */
export function businessDayStart(date: string, cutoffHour: number): number {
  checkCutoff(cutoffHour);
  return startOfKstDate(date) + cutoffHour * HOUR_MS;
}

/** The instant business date `date` ends (exclusive): the next date's cut-off. */
export function businessDayEnd(date: string, cutoffHour: number): number {
  return businessDayStart(dayAfter(date), cutoffHour);
}

/**
 * The KST calendar dates business date `date` touches: the date itself, and
 * the next one when the cut-off is after midnight (a 04:00 cut-off runs the
 * 5th's day until 03:59 on the 6th).
 */
export function calendarDatesOf(date: string, cutoffHour: number): string[] {
  checkCutoff(cutoffHour);
  return cutoffHour === 0 ? [date] : [date, dayAfter(date)];
}

/** A month "YYYY-MM" as a count of months since year 0. */
function monthNumber(month: string): number {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`a month must be YYYY-MM, not ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthOfNumber(m: number): string {
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** The calendar months "YYYY-MM" from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = monthNumber(from), last = monthNumber(to); m <= last; m++) months.push(monthOfNumber(m));
  return months;
}

/** The calendar month after `month` (YYYY-MM). */
export function monthAfter(month: string): string {
  return monthOfNumber(monthNumber(month) + 1);
}

/** The instant 00:00 KST on the first of `month` (YYYY-MM). */
export function startOfKstMonth(month: string): number {
  return startOfKstDate(`${month}-01`);
}
