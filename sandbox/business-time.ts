/**
 * Korean business time. Korea has kept UTC+9 without daylight saving since
 * 1988, so a fixed offset is exact.
 */
const KST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** The KST calendar date (YYYY-MM-DD) of instant `ms`: the settlement business date. */
export function businessDate(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Last instant a payment created at `createdAt` may still be cancelled:
 * 00:15 KST on the day after its business date. Alipay+ allows until 00:15
 * UTC+8 on T+1 (01:15 KST) and WeChat Pay's reverse 7 days; a relay serving
 * both must promise the stricter of them, so the sandbox enforces 00:15 KST.
 */
export function cancelDeadline(createdAt: number): number {
  return startOfBusinessDate(businessDate(createdAt)) + DAY_MS + 15 * 60_000;
}

/** Refunds are accepted for a year after the payment (Alipay+ and WeChat Pay both say one year). */
export const REFUND_WINDOW_MS = 365 * DAY_MS;

/** The instant 00:00 KST of `date` (YYYY-MM-DD). */
export function startOfBusinessDate(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) - KST_OFFSET_MS;
}

/** ISO 8601 UTC text of `ms`, as the protocol's datetime fields carry it. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
