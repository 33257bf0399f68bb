/**
 * Errors the payment engine raises to the cashier's screen. Each carries a
 * stable `code` the UI can translate and a message in the shop's words.
 */
export class PaymentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A QR wallet payment was asked for while the gateway is unreachable. */
export class OfflineRefusedError extends PaymentError {}

/** The person asking may not do this (a refund without a manager's PIN). */
export class PermissionDeniedError extends PaymentError {}

/** A refund or void the rules forbid (more than was paid, payment not acknowledged yet). */
export class RefundRefusedError extends PaymentError {}

/** An operation on a sale or tender in a state that does not allow it. */
export class SaleStateError extends PaymentError {}

/** New sales are refused until disk space is made (the reserve was spent on the sale in hand). */
export class SalesSuspendedError extends PaymentError {}

/** Input that fails validation at the engine's edge. */
export class InvalidInputError extends PaymentError {}
