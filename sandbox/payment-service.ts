import { CodeError, buildDynamicMpm, maskPaymentCode } from '../src/codes/index.js';
import { money } from '../src/money/index.js';
import type {
  BillLookupResponse,
  CancelRequest,
  CancelResponse,
  InquiryResponse,
  OrderCodeRequest,
  OrderCodeResponse,
  PayRequest,
  PayResponse,
} from '../src/relay/protocol.js';
import { type ResultCode, resultOf } from '../src/relay/result-codes.js';
import { cancelDeadline, iso } from './business-time.js';
import { type PaymentRow, toPayment } from './gateway-payments.js';
import {
  customerAmount,
  markCancelled,
  markFailed,
  markSucceeded,
  newPaymentRow,
  resolveIfDue,
} from './payment-transitions.js';
import { type SandboxState, fingerprint } from './sandbox-state.js';
import { isReported, reportIfDue } from './late-reports.js';
import { magicOutcome, walletOfCode } from './wallets.js';

/**
 * Pay (CPM), order codes (MPM), inquiry, cancel and bill lookup, with the
 * semantics of Alipay+'s acquirer in-store API: idempotent on
 * paymentRequestId, S/F/U results, cancel allowed whatever the status inside
 * the window, and a cancel of an unseen request id closes it.
 */
export class PaymentService {
  constructor(private readonly state: SandboxState) {}

  pay(terminalId: string, request: PayRequest): PayResponse {
    const { state } = this;
    const admission = {
      scenario: 'CPM' as const,
      key: {
        amount: request.amount,
        code: request.paymentCode,
        title: request.orderTitle,
        bill: request.billNumber,
      },
      repeat: repeatedPayAnswer,
      closed: 'this request id was cancelled before the payment arrived; nothing was charged',
    };
    return this.admit(terminalId, request, admission, (columns, now) => {
      const wallet = walletOfCode(request.paymentCode);
      const row = newPaymentRow({
        ...columns,
        wallet: wallet ?? null,
        bill_number: request.billNumber ?? null,
        order_title: request.orderTitle,
        masked_code: maskPaymentCode(request.paymentCode),
      });
      if (wallet) {
        const payer = customerAmount(state, wallet, row.amount);
        row.customer_amount = payer?.amount ?? null;
        row.customer_currency = payer?.currency ?? null;
      }
      const magic = wallet ? magicOutcome(request.paymentCode) : undefined;
      if (magic?.kind === 'pending') {
        row.resolve_at = magic.then === 'never' ? null : now + state.settings.pendingMs;
        row.resolve_to = magic.then === 'never' ? null : magic.then;
      }
      state.payments.insert(row);

      if (!wallet) return this.decline(row, 'PAYMENT_CODE_INVALID', now);
      // A customer code is single-use and short-lived: its first pay spends it, whatever that pay's result.
      const use = state.codes.consume(request.paymentCode, request.paymentRequestId, now);
      if (use !== 'fresh') {
        const why = use === 'used' ? 'this payment code was already used (codes are single-use)' : 'this payment code has expired';
        return this.decline(row, 'PAYMENT_CODE_EXPIRED', now, `${why}: ask the customer to refresh it`);
      }
      if (magic?.kind === 'decline') return this.decline(row, magic.code, now);
      if (magic?.kind === 'pending') {
        return {
          result: resultOf(
            magic.code,
            'outcome not known yet: inquire, then cancel if it stays unknown',
          ),
          payment: toPayment(row),
        };
      }
      markSucceeded(state, row, now);
      return { result: resultOf('SUCCESS', 'paid'), payment: toPayment(row) };
    });
  }

  createOrderCode(terminalId: string, request: OrderCodeRequest): OrderCodeResponse {
    const { state } = this;
    const admission = {
      scenario: 'MPM' as const,
      key: {
        amount: request.amount,
        title: request.orderTitle,
        bill: request.billNumber,
        expire: request.expireSeconds,
      },
      repeat: orderCodeAnswer,
      closed: 'this request id was cancelled; start again with a new one',
    };
    return this.admit(terminalId, request, admission, (columns, now) => {
      const seconds = Math.min(request.expireSeconds, state.settings.maxOrderSeconds);
      const row = newPaymentRow({
        ...columns,
        bill_number: request.billNumber,
        order_title: request.orderTitle,
        expires_at: now + seconds * 1000,
      });
      try {
        row.qr_payload = buildDynamicMpm(state.settings.merchant, {
          amount: money(row.amount, 'KRW'),
          billNumber: request.billNumber,
          referenceLabel: row.payment_id,
        });
      } catch (error) {
        // EMV allows only printable ASCII in a bill number (62.01); the protocol schema cannot say so.
        if (!(error instanceof CodeError)) throw error;
        return {
          result: resultOf('PARAM_ILLEGAL', `the order code cannot carry this: ${error.message}`),
        };
      }
      state.payments.insert(row);
      return orderCodeAnswer(row);
    });
  }

  inquire(terminalId: string, paymentRequestId: string): InquiryResponse {
    return this.state.transact(() => {
      const row = this.state.payments.byRequestId(terminalId, paymentRequestId);
      if (!row)
        return {
          result: resultOf(
            'PAYMENT_NOT_FOUND',
            'no payment with this request id: it never reached the gateway',
          ),
        };
      resolveIfDue(this.state, row, this.state.clock.now());
      return {
        result: resultOf('SUCCESS', `the payment is ${row.status}`),
        payment: toPayment(row),
      };
    });
  }

  cancel(terminalId: string, request: CancelRequest): CancelResponse {
    const { state } = this;
    const now = state.clock.now();
    return state.transact(() => {
      const row = state.payments.byRequestId(terminalId, request.paymentRequestId);
      if (!row) {
        state.payments.closeRequest(terminalId, request.paymentRequestId, now);
        return {
          result: resultOf(
            'SUCCESS',
            'nothing was charged; the request id is closed and a late pay with it will be refused',
          ),
        };
      }
      resolveIfDue(state, row, now);
      const tooEarly = earlyCancelRefusal(state, row, now);
      if (tooEarly) return tooEarly;
      if (row.status === 'SUCCESS') {
        if (row.refunded > 0 || state.payments.processingRefunds(row.payment_id) > 0)
          return {
            result: resultOf(
              'PAYMENT_HAS_REFUNDS',
              'the payment has refunds: refund the rest instead',
            ),
            payment: toPayment(row),
          };
        if (now > cancelDeadline(row.created_at, row.wallet)) {
          return {
            result: resultOf(
              'CANCEL_WINDOW_EXCEEDED',
              `cancel window closed at ${iso(cancelDeadline(row.created_at, row.wallet))}: refund instead`,
            ),
            payment: toPayment(row),
          };
        }
      }
      if (row.status === 'PROCESSING' && recallsReverse(row)) {
        // WeChat Pay reverses an order the customer is still paying in steps: the first reverse
        // answers recall=Y ("call again"); only a later one reports the order closed.
        markCancelled(state, row, now);
        return {
          result: resultOf('UNKNOWN_EXCEPTION', 'the reverse is in progress: call it again (recall=Y)'),
          payment: toPayment(row),
          recall: true,
        };
      }
      if (row.status === 'PROCESSING' || row.status === 'SUCCESS') markCancelled(state, row, now);
      const message =
        row.status === 'FAIL'
          ? 'the payment had failed; nothing was charged'
          : 'cancelled; any charge is returned';
      return { result: resultOf('SUCCESS', message), payment: toPayment(row) };
    });
  }

  lookupByBill(terminalId: string, billNumbers: string[]): BillLookupResponse {
    return this.state.transact(() => {
      const now = this.state.clock.now();
      const rows = billNumbers.flatMap((bill) =>
        this.state.payments.byBillNumber(terminalId, bill),
      );
      for (const row of rows) {
        resolveIfDue(this.state, row, now);
        reportIfDue(this.state, row, now);
      }
      // A payment the wallet has not yet notified is unknown to the gateway, though the customer paid.
      const known = rows.filter((row) => isReported(row, now));
      return {
        result: resultOf('SUCCESS', `${known.length} payment(s) found`),
        payments: known.map(toPayment),
      };
    });
  }

  /**
   * The frame of a request that creates a payment (pay, order code), in one
   * transaction: a repeat gets its payment as it stands (or
   * REPEAT_REQ_INCONSISTENT when its key fields differ), a request id closed by
   * an earlier cancel and a bad amount are refused; otherwise `create` makes the
   * payment from the columns every new payment of a request sets the same way.
   */
  private admit<T>(
    terminalId: string,
    request: { paymentRequestId: string; amount: { currency: string; value: string } },
    admission: Admission<T>,
    create: (columns: RequestColumns, now: number) => T | Refusal,
  ): T | Refusal {
    const { state } = this;
    const now = state.clock.now();
    const key = fingerprint({ scenario: admission.scenario, ...admission.key });
    return state.transact(() => {
      const row = state.payments.byRequestId(terminalId, request.paymentRequestId);
      if (row) {
        if (row.fingerprint !== key)
          return {
            result: resultOf(
              'REPEAT_REQ_INCONSISTENT',
              'this request id was used with other fields; use a new id for a new payment',
            ),
          };
        resolveIfDue(state, row, now);
        return admission.repeat(row);
      }
      if (state.payments.isClosed(terminalId, request.paymentRequestId))
        return { result: resultOf('ORDER_IS_CLOSED', admission.closed) };
      const refusal = amountRefusal(request.amount);
      if (refusal) return { result: refusal };
      const columns = {
        terminal_id: terminalId,
        payment_request_id: request.paymentRequestId,
        scenario: admission.scenario,
        amount: Number(request.amount.value),
        fingerprint: key,
        created_at: now,
      };
      return create(columns, now);
    });
  }

  private decline(row: PaymentRow, code: ResultCode, now: number, why = 'declined'): PayResponse {
    markFailed(this.state, row, code, now);
    return { result: resultOf(code, `${why}: nothing was charged`), payment: toPayment(row) };
  }
}

/**
 * WeChat Pay: "Revoke Order API should be called at least 15s later after the order is created"
 * (QuickPay chapter3_3, Revoke Order). A reverse of a live CPM order sooner is refused unprocessed.
 */
function earlyCancelRefusal(state: SandboxState, row: PaymentRow, now: number): CancelResponse | undefined {
  if (row.scenario !== 'CPM' || row.wallet !== 'wechat-pay') return undefined;
  if (row.status !== 'PROCESSING' && row.status !== 'SUCCESS') return undefined;
  const allowedAt = row.created_at + state.settings.earliestCancelMs;
  if (now >= allowedAt) return undefined;
  return {
    result: resultOf('CANCEL_TOO_EARLY', `the wallet accepts a reverse from ${iso(allowedAt)} (15 s after the order): send it again then`),
    payment: toPayment(row),
    recall: true,
  };
}

/** Whether a cancel of this processing payment is answered recall=Y first (WeChat Pay's password wait). */
function recallsReverse(row: PaymentRow): boolean {
  return row.scenario === 'CPM' && row.wallet === 'wechat-pay';
}

/** An answer that carries only a refusal. */
type Refusal = { result: ReturnType<typeof resultOf> };

/** How `admit` treats a request: its scenario, its key fields, its answers to a repeat and to a closed id. */
interface Admission<T> {
  scenario: PaymentRow['scenario'];
  key: Record<string, unknown>;
  repeat: (row: PaymentRow) => T;
  closed: string;
}

/** The columns every new payment of a pay or order-code request sets the same way. */
type RequestColumns = Pick<
  PaymentRow,
  'terminal_id' | 'payment_request_id' | 'scenario' | 'amount' | 'fingerprint' | 'created_at'
>;

/** The merchant is Korean: amounts are KRW and not zero. */
function amountRefusal(amount: {
  currency: string;
  value: string;
}): ReturnType<typeof resultOf> | undefined {
  if (amount.currency !== 'KRW')
    return resultOf(
      'CURRENCY_NOT_SUPPORTED',
      `the merchant is paid in KRW, not ${amount.currency}`,
    );
  if (amount.value === '0') return resultOf('PARAM_ILLEGAL', 'amount must be more than zero');
  return undefined;
}

/** A repeated pay gets the payment's answer as it stands now. */
function repeatedPayAnswer(row: PaymentRow): PayResponse {
  const payment = toPayment(row);
  switch (row.status) {
    case 'SUCCESS':
      return { result: resultOf('SUCCESS', 'paid (repeated request: charged once)'), payment };
    case 'FAIL':
      return {
        result: resultOf(
          (row.fail_code ?? 'UNKNOWN_EXCEPTION') as ResultCode,
          'declined: nothing was charged',
        ),
        payment,
      };
    case 'CANCELLED':
      return { result: resultOf('ORDER_IS_CLOSED', 'this payment was cancelled'), payment };
    default:
      return { result: resultOf('PAYMENT_IN_PROCESS', 'still in process: inquire'), payment };
  }
}

function orderCodeAnswer(row: PaymentRow): OrderCodeResponse {
  const payment = toPayment(row);
  if (row.status === 'CANCELLED')
    return { result: resultOf('ORDER_IS_CLOSED', 'this order code was cancelled'), payment };
  if (row.status === 'FAIL')
    return {
      result: resultOf(
        (row.fail_code ?? 'ORDER_EXPIRED') as ResultCode,
        'this order code can no longer be paid',
      ),
      payment,
    };
  const orderCode = {
    qrPayload: row.qr_payload ?? '',
    expiresAt: iso(row.expires_at ?? row.created_at),
  };
  return {
    result: resultOf(
      'SUCCESS',
      row.status === 'SUCCESS' ? 'already paid' : 'show this code to the customer',
    ),
    orderCode,
    payment,
  };
}
