import type { OpenItem } from './report-schema.js';

/**
 * Refusals of the close-out, each with a stable `code` the screen translates
 * (the contract handlers pass it on as the ContractError code).
 */
export class CloseoutError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A second Z for a business day, or any change to a closed day. */
export class DayClosedError extends CloseoutError {}

/** A business date the journal has no day for. */
export class UnknownBusinessDayError extends CloseoutError {}

/** A Z while payments, refunds or sales are still open, and the owner did not choose to record them as open. */
export class UnresolvedPaymentsError extends CloseoutError {
  constructor(readonly items: OpenItem[]) {
    super(
      'unresolved-payments',
      `${items.length} payment(s) or sale(s) are still open: resolve them first, or close the day recording them as open.`,
    );
  }
}

/** A cash count that is not a count (negative pieces, unknown denomination, a difference without a reason). */
export class InvalidCashCountError extends CloseoutError {}
