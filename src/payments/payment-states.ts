/**
 * The tender (payment) state machine of ../shared/DESIGN.md "Payments", as a
 * table. Every state change is one journal row, and the projector refuses a
 * row whose transition is not in this table, so a bug can never write a
 * payment into a state it cannot be in. docs/payments.md lists every
 * transition with the test that covers it.
 */

/**
 * How a tender is paid. `mpm-offline` is the locally built QR shown while the
 * gateway is unreachable; `card` a card slip of the shop's card terminal.
 */
export const TENDER_METHODS = ['cpm', 'mpm', 'mpm-offline', 'cash', 'card'] as const;
export type TenderMethod = (typeof TENDER_METHODS)[number];

export const TENDER_STATES = [
  'created',
  'requested',
  'awaiting-customer',
  'approved',
  'declined',
  'unknown',
  'inquiring',
  'reversing',
  'reversed',
  'refunded-partially',
  'refunded',
  'cancelled',
  'pending-confirmation',
  'unmatched',
  'abandoned',
  'written-off',
] as const;

/** Where a tender stands. */
export type TenderState = (typeof TENDER_STATES)[number];

/**
 * Allowed transitions: from → to. `null` is the first row of a tender
 * (QR tenders start `created`; cash and card slips are taken in hand so start `approved`).
 */
const TRANSITIONS: Readonly<Record<TenderState | 'null', readonly TenderState[]>> = {
  null: ['created', 'approved'],
  // created: journaled with its paymentRequestId; nothing has left the till yet (an offline
  // MPM QR is on the display, waiting for the cashier to see the customer's paid screen).
  // An offline QR the gateway reports paid goes straight to approved (the cashier's answer was
  // lost to a restart, or not given yet).
  created: ['requested', 'abandoned', 'pending-confirmation', 'approved'],
  // requested: written *before* the request leaves, so a crash after this row means "maybe sent".
  requested: ['approved', 'declined', 'unknown', 'awaiting-customer', 'inquiring'],
  // awaiting-customer: an MPM order code is on the customer display.
  'awaiting-customer': ['approved', 'declined', 'reversing'],
  unknown: ['inquiring'],
  inquiring: ['approved', 'declined', 'reversing'],
  // reversing: network cancellation (망취소) or an aborted order code, retried until acknowledged;
  // past the cancel window it is refunded instead.
  reversing: ['reversed'],
  // A success reported after the cancel was acknowledged is recorded and reversed again.
  reversed: ['reversing'],
  approved: ['refunded-partially', 'refunded', 'cancelled'],
  'refunded-partially': ['refunded-partially', 'refunded'],
  'pending-confirmation': ['approved', 'unmatched'],
  // unmatched: flagged for the owner; a late match still confirms it, or the owner writes it off.
  unmatched: ['approved', 'written-off'],
  declined: [],
  refunded: [],
  cancelled: [],
  // An offline QR abandoned (the cashier's "did not pay", or past its validity) and then reported
  // paid: approved if its sale still wants the money, otherwise given back like a reversal.
  abandoned: ['approved', 'reversing'],
  // written-off: the owner took a never-paid offline QR out of the day (PIN, journaled).
  'written-off': [],
};

/** States that count as money taken for the sale (an offline MPM counts until proven otherwise). */
const PAID: ReadonlySet<TenderState> = new Set([
  'approved',
  'refunded-partially',
  'refunded',
  'cancelled',
  'pending-confirmation',
  'unmatched',
]);

/** States whose outcome is still open: the amount is reserved on the sale until they settle. */
const IN_FLIGHT: ReadonlySet<TenderState> = new Set(['created', 'requested', 'awaiting-customer', 'unknown', 'inquiring']);

/**
 * States that hold their amount on the sale: in flight, and a reversal not yet
 * acknowledged, whose money is not known to be back (the cashier is told "not
 * charged" and the amount is due again only once the cancel is acknowledged;
 * issue 12, defect 10).
 */
const HOLDS_DUE: ReadonlySet<TenderState> = new Set([...IN_FLIGHT, 'reversing']);

/** Raised when code asks for a transition the state machine does not have. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly tenderId: string,
    readonly from: TenderState | null,
    readonly to: TenderState,
  ) {
    super(`tender ${tenderId} cannot go from ${from ?? '(new)'} to ${to}`);
  }
}

/** Whether `from → to` is a transition of the machine (`from` null for a new tender). */
export function canTransition(from: TenderState | null, to: TenderState): boolean {
  return TRANSITIONS[from ?? 'null'].includes(to);
}

/** Throws IllegalTransitionError unless `from → to` is allowed. */
export function assertTransition(tenderId: string, from: TenderState | null, to: TenderState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(tenderId, from, to);
}

/** Whether a tender in this state covers part of the sale's total. */
export function countsAsPaid(state: TenderState): boolean {
  return PAID.has(state);
}

/** Whether the tender's outcome is still open (the cashier is waiting for it). */
export function isInFlight(state: TenderState): boolean {
  return IN_FLIGHT.has(state);
}

/** Whether a tender in this state keeps its amount reserved on the sale. */
export function holdsDue(state: TenderState): boolean {
  return HOLDS_DUE.has(state);
}

/** Every (from, to) pair of the machine, for docs and tests. */
export function allTransitions(): Array<[TenderState | null, TenderState]> {
  return Object.entries(TRANSITIONS).flatMap(([from, tos]) =>
    tos.map((to): [TenderState | null, TenderState] => [from === 'null' ? null : (from as TenderState), to]),
  );
}

/**
 * Whether a tender waits for the customer to enter a password: its pay was
 * answered `PAYMENT_IN_PROCESS` (WeChat Pay USERPAYING, Alipay+ processing)
 * and only an inquiry can tell how it ends. The checkout says so.
 */
export function isPasswordWait(tender: { reasonCode: string | null; state: TenderState }): boolean {
  return tender.reasonCode === 'PAYMENT_IN_PROCESS' && (tender.state === 'unknown' || tender.state === 'inquiring');
}
