import { RESULT_CODES } from '../relay/result-codes.js';

/**
 * How the gateway's refusals of a cancel are read, shared by the resolver
 * (network cancellation, 망취소), same-day voids and the start-up audit.
 */

/** Cancel (or refund) refusals that mean "nothing is (or stays) charged". */
export const NOTHING_TO_CANCEL: ReadonlySet<string> = new Set(['PAYMENT_NOT_FOUND', 'ORDER_IS_CLOSED', 'PAYMENT_NOT_PAID']);

/**
 * Whether the gateway refused a cancel in a way a refund of the same money
 * replaces: past the cancel window (CANCEL_WINDOW_EXCEEDED), or a payment
 * that already has refunds (PAYMENT_HAS_REFUNDS).
 */
export function refundsInstead(code: string): boolean {
  return code in RESULT_CODES && RESULT_CODES[code as keyof typeof RESULT_CODES].action === 'refund-instead';
}
