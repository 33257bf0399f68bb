/**
 * Every result code the relay gateway answers with, its status and what the
 * client must do. Modelled on Alipay+ acquirer in-store results and WeChat
 * Pay micropay error codes (docs/relay-protocol.md lists the sources).
 *
 * status S: done; F: final failure, nothing was charged or changed;
 * U: outcome unknown, inquire (never treat U as a failure).
 */
export const RESULT_CODES = {
  SUCCESS: { status: 'S', action: 'done' },
  ACCEPTED: { status: 'S', action: 'done' },

  PAYMENT_IN_PROCESS: { status: 'U', action: 'inquire' },
  UNKNOWN_EXCEPTION: { status: 'U', action: 'inquire' },
  REQUEST_TIMEOUT: { status: 'U', action: 'inquire' },
  /** Refund accepted, not finished (WeChat Pay refunds are asynchronous): ask the refund inquiry later. */
  REFUND_IN_PROCESS: { status: 'U', action: 'inquire' },

  PAYMENT_CODE_INVALID: { status: 'F', action: 'ask-for-another-code' },
  PAYMENT_CODE_EXPIRED: { status: 'F', action: 'ask-for-another-code' },
  USER_BALANCE_NOT_ENOUGH: { status: 'F', action: 'ask-for-another-method' },
  USER_PAYMENT_DECLINED: { status: 'F', action: 'ask-for-another-method' },
  RISK_REJECT: { status: 'F', action: 'ask-for-another-method' },
  ORDER_EXPIRED: { status: 'F', action: 'start-again' },
  ORDER_IS_CLOSED: { status: 'F', action: 'start-again' },
  PAYMENT_NOT_FOUND: { status: 'F', action: 'treat-as-not-charged' },
  PAYMENT_NOT_PAID: { status: 'F', action: 'nothing-to-refund' },
  /** Refund inquiry: no refund with this refundRequestId was made (it may be sent). */
  REFUND_NOT_FOUND: { status: 'F', action: 'send-refund' },
  CANCEL_WINDOW_EXCEEDED: { status: 'F', action: 'refund-instead' },
  /** A payment with refunds cannot be cancelled as a whole (Alipay+ answers PROCESS_FAIL). */
  PAYMENT_HAS_REFUNDS: { status: 'F', action: 'refund-instead' },
  REFUND_AMOUNT_EXCEEDED: { status: 'F', action: 'fix-amount' },
  REFUND_WINDOW_EXCEEDED: { status: 'F', action: 'handle-outside-till' },
  /** The payment already has 50 refunds (WeChat Pay's limit of partial refunds per order). */
  REFUND_COUNT_EXCEEDED: { status: 'F', action: 'handle-outside-till' },
  REPEAT_REQ_INCONSISTENT: { status: 'F', action: 'bug-report' },
  PARAM_ILLEGAL: { status: 'F', action: 'bug-report' },
  CURRENCY_NOT_SUPPORTED: { status: 'F', action: 'ask-for-another-method' },

  SIGNATURE_INVALID: { status: 'F', action: 'check-terminal-key' },
  TIMESTAMP_OUT_OF_WINDOW: { status: 'F', action: 'check-clock' },
  NONCE_REPLAYED: { status: 'F', action: 'retry-with-new-nonce' },
  TERMINAL_NOT_REGISTERED: { status: 'F', action: 'register-terminal' },
  ENROLLMENT_CODE_INVALID: { status: 'F', action: 'register-terminal' },
  SETTLEMENT_NOT_READY: { status: 'F', action: 'retry-later' },
  /** A cancel sent before the wallet allows one (WeChat Pay: 15 s after the order): not processed, send it again later. */
  CANCEL_TOO_EARLY: { status: 'F', action: 'retry-later' },
} as const satisfies Record<string, { status: 'S' | 'F' | 'U'; action: string }>;

export type ResultCode = keyof typeof RESULT_CODES;
export type ClientAction = (typeof RESULT_CODES)[ResultCode]['action'];

/**
 * The `result` object for `code`, its status taken from the table so that a
 * code can never travel with the wrong S/F/U.
 */
export function resultOf(code: ResultCode, message: string): { status: 'S' | 'F' | 'U'; code: ResultCode; message: string } {
  return { status: RESULT_CODES[code].status, code, message };
}
