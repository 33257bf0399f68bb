import type { RefundInquiryRequest, RefundRequest, RefundResponse } from '../src/relay/protocol.js';
import { resultOf } from '../src/relay/result-codes.js';
import { REFUND_WINDOW_MS, iso } from './business-time.js';
import type { SandboxDatabase } from './database.js';
import { type PaymentRow, toPayment } from './gateway-payments.js';
import { resolveIfDue } from './payment-transitions.js';
import { type SandboxState, fingerprint, newId } from './sandbox-state.js';
import { mulDivRound } from './wallets.js';
import { customerAmountOf, protocolAmount } from './amounts.js';

interface RefundRow {
  refund_id: string;
  terminal_id: string;
  refund_request_id: string;
  payment_id: string;
  amount: number;
  customer_amount: number | null;
  fingerprint: string;
  refunded_at: number;
  status: 'PROCESSING' | 'SUCCESS';
  completes_at: number | null;
}

/** WeChat Pay: "The number of partial refunds for each payment order cannot exceed 50 times." */
export const MAX_REFUNDS_PER_PAYMENT = 50;

function prepareStatements(db: SandboxDatabase) {
  return {
    insert: db.prepare(
      `INSERT INTO refunds (refund_id, terminal_id, refund_request_id, payment_id, amount, customer_amount, fingerprint, refunded_at, status, completes_at)
       VALUES (@refund_id, @terminal_id, @refund_request_id, @payment_id, @amount, @customer_amount, @fingerprint, @refunded_at, @status, @completes_at)`,
    ),
    complete: db.prepare("UPDATE refunds SET status = 'SUCCESS', refunded_at = ? WHERE refund_id = ?"),
    due: db.prepare("SELECT * FROM refunds WHERE status = 'PROCESSING' AND completes_at <= ? ORDER BY completes_at"),
    count: db.prepare('SELECT COUNT(*) AS n FROM refunds WHERE payment_id = ?'),
    byRequest: db.prepare('SELECT * FROM refunds WHERE terminal_id = ? AND refund_request_id = ?'),
    customerTotal: db.prepare(
      'SELECT COALESCE(SUM(customer_amount), 0) AS total FROM refunds WHERE payment_id = ?',
    ),
  };
}

/**
 * Refunds: partial and repeated (at most 50 per payment), never above what
 * was paid (refunds still processing count), idempotent on refundRequestId (a
 * retry returns the first refund; the same id with other fields is refused),
 * accepted for a year after payment; with the `refund-processing` fault one
 * is accepted as PROCESSING and completes later, as WeChat Pay's do.
 */
export class RefundService {
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(private readonly state: SandboxState) {
    this.sql = prepareStatements(state.db);
  }

  /**
   * `processingMs`: accept the refund as PROCESSING and complete it that much
   * later (the `refund-processing` fault; WeChat Pay refunds are asynchronous).
   */
  refund(terminalId: string, request: RefundRequest, processingMs?: number): RefundResponse {
    const { state } = this;
    const now = state.clock.now();
    const key = fingerprint({ payment: request.paymentRequestId, amount: request.amount });
    return state.transact(() => {
      const earlier = this.sql.byRequest.get(terminalId, request.refundRequestId) as
        RefundRow | undefined;
      const payment = state.payments.byRequestId(terminalId, request.paymentRequestId);
      if (earlier) {
        if (earlier.fingerprint !== key || !payment) {
          return {
            result: resultOf(
              'REPEAT_REQ_INCONSISTENT',
              'this refund request id was used with other fields',
            ),
          };
        }
        this.completeIfDue(earlier, now);
        return this.answer(earlier, payment, 'refunded (repeated request: refunded once)');
      }
      if (!payment)
        return { result: resultOf('PAYMENT_NOT_FOUND', 'no payment with this request id') };
      resolveIfDue(state, payment, now);
      if (request.amount.currency !== payment.currency) {
        return {
          result: resultOf('CURRENCY_NOT_SUPPORTED', `the payment was in ${payment.currency}`),
          payment: toPayment(payment),
        };
      }
      if (payment.status !== 'SUCCESS' || payment.paid_at === null) {
        return {
          result: resultOf(
            'PAYMENT_NOT_PAID',
            `the payment is ${payment.status}: nothing to refund`,
          ),
          payment: toPayment(payment),
        };
      }
      if (now - payment.paid_at > REFUND_WINDOW_MS) {
        return {
          result: resultOf(
            'REFUND_WINDOW_EXCEEDED',
            `refunds closed at ${iso(payment.paid_at + REFUND_WINDOW_MS)}`,
          ),
          payment: toPayment(payment),
        };
      }
      const value = Number(request.amount.value);
      if (value === 0)
        return {
          result: resultOf('PARAM_ILLEGAL', 'refund amount must be more than zero'),
          payment: toPayment(payment),
        };
      if ((this.sql.count.get(payment.payment_id) as { n: number }).n >= MAX_REFUNDS_PER_PAYMENT) {
        return {
          result: resultOf('REFUND_COUNT_EXCEEDED', `a payment takes at most ${MAX_REFUNDS_PER_PAYMENT} refunds`),
          payment: toPayment(payment),
        };
      }
      const refundable = payment.amount - payment.refunded - state.payments.processingRefunds(payment.payment_id);
      if (value > refundable) {
        return {
          result: resultOf(
            'REFUND_AMOUNT_EXCEEDED',
            `at most ${refundable} ${payment.currency} can still be refunded`,
          ),
          payment: toPayment(payment),
        };
      }

      const row: RefundRow = {
        refund_id: newId('SR'),
        terminal_id: terminalId,
        refund_request_id: request.refundRequestId,
        payment_id: payment.payment_id,
        amount: value,
        customer_amount: this.customerShare(payment, value),
        fingerprint: key,
        refunded_at: now,
        status: 'PROCESSING',
        completes_at: processingMs === undefined ? null : now + processingMs,
      };
      this.sql.insert.run(row);
      if (processingMs === undefined) this.book(row, payment, now);
      return this.answer(row, payment, 'refunded');
    });
  }

  /** Completes the refunds whose asynchronous processing is over (the sweep and tests call this). */
  completeDue(): number {
    const { state } = this;
    const now = state.clock.now();
    return state.transact(() => {
      const due = this.sql.due.all(now) as RefundRow[];
      for (const row of due) this.completeIfDue(row, now);
      return due.length;
    });
  }

  /** The answer about a refund as it stands: `U REFUND_IN_PROCESS` until it is done. */
  private answer(row: RefundRow, payment: PaymentRow, done: string): RefundResponse {
    const current = this.state.payments.byRequestId(payment.terminal_id, payment.payment_request_id) ?? payment;
    if (row.status === 'PROCESSING') {
      return {
        result: resultOf('REFUND_IN_PROCESS', 'the refund is accepted and processing: inquire later'),
        refund: toRefund(row, current),
        payment: toPayment(current),
      };
    }
    return { result: resultOf('SUCCESS', done), refund: toRefund(row, current), payment: toPayment(current) };
  }

  private completeIfDue(row: RefundRow, now: number): void {
    if (row.status !== 'PROCESSING' || row.completes_at === null || row.completes_at > now) return;
    const payment = this.state.payments.byPaymentId(row.payment_id);
    if (payment) this.book(row, payment, row.completes_at);
  }

  /** The refund is done: the money goes back, the ledger and the event stream hear of it. */
  private book(row: RefundRow, payment: PaymentRow, at: number): void {
    const { state } = this;
    row.status = 'SUCCESS';
    row.refunded_at = at;
    this.sql.complete.run(at, row.refund_id);
    payment.refunded += row.amount;
    state.payments.update(payment);
    state.ledger.refund(payment, row.refund_request_id, row.amount, row.customer_amount, at);
    state.events.append(row.terminal_id, 'refund.succeeded', toPayment(payment), at);
  }

  /**
   * Refund inquiry (Alipay+ inquiryRefund): the refund made with this
   * refundRequestId, or REFUND_NOT_FOUND when none was (refunds complete at
   * once here, so there is no PROCESSING).
   */
  inquire(terminalId: string, request: RefundInquiryRequest): RefundResponse {
    return this.state.transact(() => {
      const row = this.sql.byRequest.get(terminalId, request.refundRequestId) as RefundRow | undefined;
      const payment = this.state.payments.byRequestId(terminalId, request.paymentRequestId);
      if (!row || !payment || row.payment_id !== payment.payment_id) {
        return { result: resultOf('REFUND_NOT_FOUND', 'no refund with this refund request id for this payment') };
      }
      this.completeIfDue(row, this.state.clock.now());
      // The inquiry worked: `refund.status` says where the refund is (PROCESSING or SUCCESS).
      const current = this.state.payments.byRequestId(terminalId, request.paymentRequestId) ?? payment;
      return { result: resultOf('SUCCESS', `the refund is ${row.status}`), refund: toRefund(row, current), payment: toPayment(current) };
    });
  }

  /**
   * The payer's share of a refund: cumulative rounding (what all refunds so
   * far are worth minus what was already returned), so the refunds of a fully
   * refunded payment add up to exactly what the customer paid.
   */
  private customerShare(payment: PaymentRow, value: number): number | null {
    if (payment.customer_amount === null) return null;
    const alreadyReturned = (this.sql.customerTotal.get(payment.payment_id) as { total: number })
      .total;
    const dueSoFar = mulDivRound(payment.customer_amount, payment.refunded + value, payment.amount);
    return dueSoFar - alreadyReturned;
  }
}

function toRefund(row: RefundRow, payment: PaymentRow): NonNullable<RefundResponse['refund']> {
  const refund: NonNullable<RefundResponse['refund']> = {
    refundId: row.refund_id,
    status: row.status,
    refundRequestId: row.refund_request_id,
    paymentRequestId: payment.payment_request_id,
    amount: protocolAmount(payment.currency, row.amount),
    refundedAt: iso(row.refunded_at),
  };
  const customer = customerAmountOf(row.customer_amount, payment.customer_currency);
  if (customer) refund.customerAmount = customer;
  return refund;
}
