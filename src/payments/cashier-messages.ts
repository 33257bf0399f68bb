import { RESULT_CODES, type ClientAction, type ResultCode } from '../relay/result-codes.js';

/**
 * What the cashier reads when a payment does not go through: the gateway's
 * result code turned into what happened and what to do next, in the shop's
 * words. The code travels with it so the UI can translate (i18n key
 * `payment.reason.<code>`); this English text is the fallback.
 */
const WHAT_HAPPENED: Partial<Record<ResultCode, string>> = {
  PAYMENT_CODE_INVALID: 'The wallet code was not accepted.',
  PAYMENT_CODE_EXPIRED: 'The wallet code has expired.',
  USER_BALANCE_NOT_ENOUGH: "The customer's balance is not enough.",
  USER_PAYMENT_DECLINED: 'The customer declined the payment in the wallet.',
  RISK_REJECT: "The customer's wallet refused this payment.",
  ORDER_EXPIRED: 'The payment QR expired before it was paid.',
  ORDER_IS_CLOSED: 'This payment was already closed.',
  PAYMENT_NOT_FOUND: 'The payment never reached the wallet; the customer was not charged.',
  CURRENCY_NOT_SUPPORTED: "The customer's wallet does not pay in this currency.",
  REPEAT_REQ_INCONSISTENT: 'The gateway saw a conflicting repeat of this payment.',
  PARAM_ILLEGAL: 'The gateway refused the request as malformed.',
  SIGNATURE_INVALID: "The gateway did not accept this till's signature.",
  TIMESTAMP_OUT_OF_WINDOW: "The till's clock is wrong.",
  TERMINAL_NOT_REGISTERED: 'This till is not registered with the gateway.',
};

const WHAT_TO_DO: Partial<Record<ClientAction, string>> = {
  'ask-for-another-code': 'Ask the customer to refresh the code in the wallet and scan again.',
  'ask-for-another-method': 'Ask for another way to pay.',
  'start-again': 'Start the payment again.',
  'treat-as-not-charged': 'Take the payment again.',
  'check-terminal-key': 'Call support: the terminal key must be checked.',
  'check-clock': "Call support: set the till's date and time.",
  'register-terminal': 'Call support: the terminal must be registered.',
  'bug-report': 'Call support.',
};

/** The cashier's words for a gateway result code (unknown codes get a generic sentence). */
export function cashierMessage(code: string, gatewayMessage?: string): string {
  const known = code in RESULT_CODES ? (code as ResultCode) : undefined;
  const happened = (known && WHAT_HAPPENED[known]) ?? `The payment was declined (${code}${gatewayMessage ? `: ${gatewayMessage}` : ''}).`;
  const todo = (known && WHAT_TO_DO[RESULT_CODES[known].action]) ?? 'Ask for another way to pay.';
  return `${happened} ${todo}`;
}

/** While the network cancellation (망취소) waits for the gateway: nothing is promised yet. */
export const REVERSING_MESSAGE =
  'The gateway did not answer in time: the payment is being cancelled. Wait for the gateway to confirm before taking the payment again.';

/** The words for a payment whose outcome could not be learnt and was reversed (망취소), once the cancel is acknowledged. */
export const REVERSED_MESSAGE =
  'The gateway did not answer in time, so the payment was cancelled: the customer is not charged. Take the payment again.';

/** A same-day void the gateway refused past its cancel window, replaced by a refund of the same amount. */
export const VOID_REPLACED_MESSAGE = 'The gateway no longer cancels this payment (past its cancel window): it is refunded instead.';

/** A network cancellation refused past the cancel window, and its refund refused too: for the owner. */
export const CHARGE_STANDS_MESSAGE =
  'The gateway refused to cancel or refund this wallet payment, so the customer is still charged: give the money back outside the till or call support.';
