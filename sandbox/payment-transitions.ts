import type { Wallet } from '../src/relay/protocol.js';
import { type PaymentRow, toPayment } from './gateway-payments.js';
import { type SandboxState, newId } from './sandbox-state.js';
import { reportIfDue } from './late-reports.js';
import { SIMULATED_WALLETS, convertFromKrw } from './wallets.js';

/**
 * The only places a payment changes state. Each books the money and appends
 * the event in the caller's transaction, so the ledger, the payment and the
 * event stream cannot disagree.
 */

/** What a new payment must be told; everything else starts empty. */
type NewPaymentFields = Pick<
  PaymentRow,
  'terminal_id' | 'payment_request_id' | 'scenario' | 'amount' | 'fingerprint' | 'created_at'
> &
  Partial<PaymentRow>;

/** Nothing → PROCESSING: a KRW payment row with a fresh gateway id, for the caller to insert. */
export function newPaymentRow(fields: NewPaymentFields): PaymentRow {
  return {
    payment_id: newId('SB'),
    wallet: null,
    currency: 'KRW',
    customer_amount: null,
    customer_currency: null,
    bill_number: null,
    order_title: null,
    masked_code: null,
    status: 'PROCESSING',
    fail_code: null,
    paid_at: null,
    closed_at: null,
    resolve_at: null,
    resolve_to: null,
    qr_payload: null,
    expires_at: null,
    refunded: 0,
    reported_at: null,
    ...fields,
  };
}

/** The payer's side of a KRW amount on `wallet`: null for KRW payers. */
export function customerAmount(
  state: SandboxState,
  wallet: Wallet,
  krw: number,
): { amount: number; currency: string } | null {
  const payerCurrency = SIMULATED_WALLETS[wallet].payerCurrency;
  if (payerCurrency === 'KRW') return null;
  const rate = state.settings.rates[payerCurrency];
  if (!rate) throw new Error(`sandbox has no KRW→${payerCurrency} rate`);
  return { amount: convertFromKrw(krw, payerCurrency, rate), currency: payerCurrency };
}

/**
 * PROCESSING → SUCCESS: charge the customer. `wallet` is set for MPM (chosen by the customer).
 * `notify`: whether the event stream hears of it (a CPM password wait is learnt by inquiry only).
 */
export function markSucceeded(
  state: SandboxState,
  row: PaymentRow,
  at: number,
  wallet?: Wallet,
  notify = true,
): void {
  if (wallet) {
    row.wallet = wallet;
    const payer = customerAmount(state, wallet, row.amount);
    row.customer_amount = payer?.amount ?? null;
    row.customer_currency = payer?.currency ?? null;
  }
  row.status = 'SUCCESS';
  row.paid_at = at;
  state.payments.update(row);
  state.ledger.charge(row, at);
  if (notify) state.events.append(row.terminal_id, 'payment.succeeded', toPayment(row), at);
}

/** PROCESSING → FAIL with the wallet's result code; nothing is charged. `notify` as for markSucceeded. */
export function markFailed(state: SandboxState, row: PaymentRow, code: string, at: number, notify = true): void {
  row.status = 'FAIL';
  row.fail_code = code;
  row.closed_at = at;
  state.payments.update(row);
  if (notify) state.events.append(row.terminal_id, 'payment.failed', toPayment(row), at);
}

/** PROCESSING or SUCCESS → CANCELLED; a paid payment's charge is reversed. */
export function markCancelled(state: SandboxState, row: PaymentRow, at: number): void {
  const wasPaid = row.status === 'SUCCESS';
  row.status = 'CANCELLED';
  row.closed_at = at;
  state.payments.update(row);
  if (wasPaid) state.ledger.reverse(row, at);
  state.events.append(row.terminal_id, 'payment.cancelled', toPayment(row), at);
}

/**
 * Applies a processing payment's due outcome: a pending magic code resolves
 * (success or its failure code), an unpaid order code expires. A payment
 * that is no longer PROCESSING is left alone: a success that "arrives"
 * after a cancel stays cancelled (Alipay+ ignores it, and so do we).
 */
export function resolveIfDue(state: SandboxState, row: PaymentRow, now: number): void {
  if (row.status !== 'PROCESSING') return;
  if (row.resolve_at !== null && row.resolve_at <= now) {
    // WeChat Pay's micropay has no notification: the outcome of a password wait (USERPAYING)
    // is learnt by querying the order, so a CPM outcome is not pushed on the event stream.
    const notify = row.scenario !== 'CPM';
    if (row.resolve_to === 'SUCCESS') markSucceeded(state, row, row.resolve_at, undefined, notify);
    else markFailed(state, row, row.resolve_to ?? 'UNKNOWN_EXCEPTION', row.resolve_at, notify);
  } else if (row.expires_at !== null && row.expires_at <= now) {
    markFailed(state, row, 'ORDER_EXPIRED', row.expires_at);
  }
}

/** Resolves every due payment (the sandbox's sweep timer and tests call this). */
export function resolveDuePayments(state: SandboxState): number {
  const now = state.clock.now();
  return state.transact(() => {
    const due = state.payments.due(now);
    for (const row of due) resolveIfDue(state, row, now);
    const reports = state.payments.reportsDue(now);
    for (const row of reports) reportIfDue(state, row, now);
    return due.length + reports.length;
  });
}
