import { kstDate, startOfKstDate } from '../src/platform/business-time.js';

/**
 * The gateway's time rules. Dates come from the POS's one business-time
 * module (src/platform/business-time.ts): the gateway settles by KST calendar
 * date, with no cut-off hour (a store's cut-off is the store's business, not
 * the wallet's).
 */
const DAY_MS = 86_400_000;

/**
 * Last instant a payment created at `createdAt` may still be cancelled:
 * 00:15 KST on the day after its calendar date. Alipay+ allows until 00:15
 * UTC+8 on T+1 (01:15 KST) and WeChat Pay's reverse 7 days; a relay serving
 * both must promise the stricter of them, so the sandbox enforces 00:15 KST.
 */
export function cancelDeadline(createdAt: number): number {
  return startOfKstDate(kstDate(createdAt)) + DAY_MS + 15 * 60_000;
}

/** Refunds are accepted for a year after the payment (Alipay+ and WeChat Pay both say one year). */
export const REFUND_WINDOW_MS = 365 * DAY_MS;

/** ISO 8601 UTC text of `ms`, as the protocol's datetime fields carry it. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
