import { kstDate, startOfKstDate } from '../src/platform/business-time.js';

/**
 * The gateway's time rules. Dates come from the POS's one business-time
 * module (src/platform/business-time.ts): the gateway settles by KST calendar
 * date, with no cut-off hour (a store's cut-off is the store's business, not
 * the wallet's).
 */
const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 15 * 60_000;
/** Alipay+ dates its cancel window in China Standard Time (UTC+8), not in the shop's KST. */
const ALIPAY_UTC_OFFSET_MS = 8 * 3_600_000;

/**
 * Last instant a payment created at `createdAt` may still be cancelled.
 * Alipay+ (cancelPayment): from the start of the transaction to 00:15 of
 * T+1 in UTC+8, T being its date in UTC+8, so a payment at 00:30 KST
 * (23:30 UTC+8) can be cancelled only until 01:15 KST that same night
 * (issue 12, defect 8). The other wallets: 00:15 KST on the day after its
 * KST date, what the relay promises (WeChat Pay's own reverse runs 7 days).
 */
export function cancelDeadline(createdAt: number, wallet?: string | null): number {
  if (wallet === 'alipay') {
    const startOfUtc8Day = Math.floor((createdAt + ALIPAY_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - ALIPAY_UTC_OFFSET_MS;
    return startOfUtc8Day + DAY_MS + QUARTER_HOUR_MS;
  }
  return startOfKstDate(kstDate(createdAt)) + DAY_MS + QUARTER_HOUR_MS;
}

/** Refunds are accepted for a year after the payment (Alipay+ and WeChat Pay both say one year). */
export const REFUND_WINDOW_MS = 365 * DAY_MS;

/** ISO 8601 UTC text of `ms`, as the protocol's datetime fields carry it. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
