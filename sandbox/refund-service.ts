import type { RefundInquiryRequest, RefundRequest, RefundResponse } from '../src/relay/protocol.js';
import { resultOf } from '../src/relay/result-codes.js';
import { REFUND_WINDOW_MS, iso } from './business-time.js';
import type { SandboxDatabase } from './database.js';
import { type PaymentRow, toPayment } from './payment-store.js';
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
}

function prepareStatements(db: SandboxDatabase) {
  return {
    insert: db.prepare(
      `INSERT INTO refunds (refund_id, terminal_id, refund_request_id, payment_id, amount, customer_amount, fingerprint, refunded_at)
       VALUES (@refund_id, @terminal_id, @refund_request_id, @payment_id, @amount, @customer_amount, @fingerprint, @refunded_at)`,
    ),
    byRequest: db.prepare('SELECT * FROM refunds WHERE terminal_id = ? AND refund_request_id = ?'),
    customerTotal: db.prepare(
      'SELECT COALESCE(SUM(customer_amount), 0) AS total FROM refunds WHERE payment_id = ?',
    ),
  };
}

/**
 * Refunds: partial and repeated, never above what was paid, idempotent on
 * refundRequestId (a retry returns the first refund; the same id with other
 * fields is refused), accepted for a year after payment.
 */
export class RefundService {
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(private readonly state: SandboxState) {
    this.sql = prepareStatements(state.db);
  }

  refund(terminalId: string, request: RefundRequest): RefundResponse {
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
        return {
          result: resultOf('SUCCESS', 'refunded (repeated request: refunded once)'),
          refund: toRefund(earlier, payment),
          payment: toPayment(payment),
        };
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
      const refundable = payment.amount - payment.refunded;
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
      };
      this.sql.insert.run(row);
      payment.refunded += value;
      state.payments.update(payment);
      state.ledger.refund(payment, row.refund_request_id, value, row.customer_amount, now);
      state.events.append(terminalId, 'refund.succeeded', toPayment(payment), now);
      return {
        result: resultOf('SUCCESS', 'refunded'),
        refund: toRefund(row, payment),
        payment: toPayment(payment),
      };
    });
  }

  /**
   * Refund inquiry (Alipay+ inquiryRefund): the refund made with this
   * refundRequestId, or REFUND_NOT_FOUND when none was (refunds complete at
   * once here, so there is no PROCESSING).
   */
  inquire(terminalId: string, request: RefundInquiryRequest): RefundResponse {
    const row = this.sql.byRequest.get(terminalId, request.refundRequestId) as RefundRow | undefined;
    const payment = this.state.payments.byRequestId(terminalId, request.paymentRequestId);
    if (!row || !payment || row.payment_id !== payment.payment_id) {
      return { result: resultOf('REFUND_NOT_FOUND', 'no refund with this refund request id for this payment') };
    }
    return { result: resultOf('SUCCESS', 'refunded'), refund: toRefund(row, payment), payment: toPayment(payment) };
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
    refundRequestId: row.refund_request_id,
    paymentRequestId: payment.payment_request_id,
    amount: protocolAmount(payment.currency, row.amount),
    refundedAt: iso(row.refunded_at),
  };
  const customer = customerAmountOf(row.customer_amount, payment.customer_currency);
  if (customer) refund.customerAmount = customer;
  return refund;
}
