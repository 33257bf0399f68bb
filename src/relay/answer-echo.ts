import type { Amount, MerchantSettlementResponse, Payment, RefundResponse } from './protocol.js';

/**
 * An answer must be about the request it answers (docs/relay-protocol.md,
 * "Answers echo the request"). A signed answer can still carry another
 * payment, by a gateway bug or a mixed-up proxy cache: a SUCCESS for 1 won
 * under somebody else's paymentRequestId must never book a ₩250,000 tender.
 * Each check returns what differs, or undefined when the answer echoes the
 * request; the client turns a difference into an *unknown* outcome.
 */

function amountDiffers(label: string, got: Amount, expected: Amount): string | undefined {
  if (got.currency !== expected.currency)
    return `${label} currency ${got.currency} is not the requested ${expected.currency}`;
  if (got.value !== expected.value)
    return `${label} ${got.value} is not the requested ${expected.value}`;
  return undefined;
}

/** The payment an answer carries must be the requested one, for the requested amount when the request named one. */
export function paymentMismatch(
  payment: Payment | undefined,
  expected: { paymentRequestId: string; amount?: Amount },
): string | undefined {
  if (!payment) return undefined;
  if (payment.paymentRequestId !== expected.paymentRequestId)
    return `the answer is about payment ${payment.paymentRequestId}, not ${expected.paymentRequestId}`;
  return expected.amount ? amountDiffers('amount', payment.amount, expected.amount) : undefined;
}

/** A refund answer must name the requested refund, payment and amount. */
export function refundMismatch(
  answer: RefundResponse,
  expected: { refundRequestId: string; paymentRequestId: string; amount: Amount },
): string | undefined {
  const { refund } = answer;
  const aboutPayment = paymentMismatch(answer.payment, { paymentRequestId: expected.paymentRequestId });
  if (aboutPayment) return aboutPayment;
  if (!refund) return undefined;
  if (refund.refundRequestId !== expected.refundRequestId)
    return `the answer is about refund ${refund.refundRequestId}, not ${expected.refundRequestId}`;
  if (refund.paymentRequestId !== expected.paymentRequestId)
    return `the refund is of payment ${refund.paymentRequestId}, not ${expected.paymentRequestId}`;
  return amountDiffers('refund amount', refund.amount, expected.amount);
}

/** Every payment a bill lookup returns must carry one of the bill numbers asked about. */
export function billLookupMismatch(
  payments: readonly Payment[],
  billNumbers: readonly string[],
): string | undefined {
  const asked = new Set(billNumbers);
  const stray = payments.find((p) => p.billNumber === undefined || !asked.has(p.billNumber));
  return stray ? `the lookup returned payment ${stray.paymentRequestId} of a bill not asked about` : undefined;
}

/** A merchant statement must be of the date asked for: another day's lines would be reconciled against this one's tills. */
export function merchantStatementMismatch(
  statement: MerchantSettlementResponse['statement'],
  businessDate: string,
): string | undefined {
  if (!statement || statement.businessDate === businessDate) return undefined;
  return `the statement is of ${statement.businessDate}, not ${businessDate}`;
}
