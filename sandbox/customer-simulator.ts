import { z } from 'zod';
import { type EmvMpm, billValidUntil, parseEmvMpm } from '../src/codes/index.js';
import { type Payment, requestIdSchema, walletSchema } from '../src/relay/protocol.js';
import { type ResultCode, resultOf } from '../src/relay/result-codes.js';
import { iso } from './business-time.js';
import type { IssuingWallet } from './payment-codes.js';
import { type PaymentRow, toPayment } from './gateway-payments.js';
import { markSucceeded, newPaymentRow, resolveIfDue } from './payment-transitions.js';
import { reportTime } from './late-reports.js';
import { type SandboxState, newId } from './sandbox-state.js';

/** POST /sandbox/customer/pay: the customer's phone pays an order code or a scanned merchant QR. */
export const customerPaySchema = z
  .object({
    paymentRequestId: requestIdSchema.optional(),
    qrPayload: z.string().min(1).max(512).optional(),
    wallet: walletSchema.default('zeropay'),
    /** Needed for an offline payload without a terminal label (62.07). */
    terminalId: z.string().optional(),
  })
  .refine(
    (body) => (body.paymentRequestId === undefined) !== (body.qrPayload === undefined),
    'give exactly one of paymentRequestId, qrPayload',
  );
export type CustomerPayRequest = z.input<typeof customerPaySchema>;

export interface CustomerPayAnswer {
  result: ReturnType<typeof resultOf>;
  payment?: Payment;
}

/** An open order code as the customer page lists it. */
export interface OpenOrderCode {
  terminalId: string;
  paymentRequestId: string;
  amount: number;
  orderTitle: string;
  qrPayload: string;
  expiresAt: string;
}

/**
 * The customer's phone. It pays online order codes (found by request id or
 * by their exact QR payload) and also the merchant QR a till builds offline
 * (amount + bill number + terminal label, no gateway order behind it): that
 * payment is created here and the till finds it later by bill number.
 */
export class CustomerSimulator {
  constructor(
    private readonly state: SandboxState,
    private readonly isRegistered: (terminalId: string) => boolean,
  ) {}

  openOrderCodes(): OpenOrderCode[] {
    return this.state.payments.openOrderCodes(this.state.clock.now()).map((row) => ({
      terminalId: row.terminal_id,
      paymentRequestId: row.payment_request_id,
      amount: row.amount,
      orderTitle: row.order_title ?? '',
      qrPayload: row.qr_payload ?? '',
      expiresAt: iso(row.expires_at ?? row.created_at),
    }));
  }

  /**
   * The customer opens the wallet's payment code: a fresh single-use code of
   * `wallet`, ending in a magic `suffix` (docs/relay-protocol.md) if given,
   * valid for the sandbox's code life (WeChat Pay and Alipay+ refresh theirs every minute).
   */
  showPaymentCode(wallet: IssuingWallet, suffix = '7777'): { code: string; expiresAt: string } {
    const { state } = this;
    const now = state.clock.now();
    const issued = state.transact(() => state.codes.issue(wallet, suffix, now, state.settings.codeValidMs));
    return { code: issued.code, expiresAt: iso(issued.expiresAt) };
  }

  pay(input: z.output<typeof customerPaySchema>): CustomerPayAnswer {
    const { state } = this;
    const now = state.clock.now();
    return state.transact(() => {
      let row: PaymentRow | undefined;
      if (input.paymentRequestId !== undefined) {
        const rows = state.payments
          .byRequestIdAnyTerminal(input.paymentRequestId)
          .filter((r) => r.scenario === 'MPM');
        const mine = input.terminalId
          ? rows.filter((r) => r.terminal_id === input.terminalId)
          : rows;
        if (mine.length > 1)
          return refuse('PARAM_ILLEGAL', 'several terminals use this request id: give terminalId');
        row = mine[0];
        if (!row) return refuse('PAYMENT_NOT_FOUND', 'no order code with this request id');
      } else {
        const payload = input.qrPayload ?? '';
        row = state.payments.byQrPayload(payload);
        if (!row) return this.payOffline(payload, input, now);
      }
      resolveIfDue(state, row, now);
      if (row.status !== 'PROCESSING')
        return {
          result: resultOf(closedCode(row), `this order is ${row.status}`),
          payment: toPayment(row),
        };
      markSucceeded(state, row, now, input.wallet);
      return { result: resultOf('SUCCESS', 'paid'), payment: toPayment(row) };
    });
  }

  /** A merchant QR with no order behind it: the offline MPM of a till. */
  private payOffline(
    payload: string,
    input: z.output<typeof customerPaySchema>,
    now: number,
  ): CustomerPayAnswer {
    let mpm: EmvMpm;
    try {
      mpm = parseEmvMpm(payload);
    } catch (error) {
      return refuse('PARAM_ILLEGAL', `not a merchant QR: ${(error as Error).message}`);
    }
    const terminalId = mpm.additionalData?.terminalLabel ?? input.terminalId;
    const billNumber = mpm.additionalData?.billNumber;
    if (mpm.transactionCurrency !== '410')
      return refuse('CURRENCY_NOT_SUPPORTED', 'the sandbox merchant is paid in KRW (53 = 410)');
    if (!mpm.transactionAmount || !/^[1-9]\d*$/.test(mpm.transactionAmount)) {
      return refuse('PARAM_ILLEGAL', 'an offline merchant QR must carry a whole KRW amount (54)');
    }
    if (!billNumber)
      return refuse('PARAM_ILLEGAL', 'an offline merchant QR must carry a bill number (62.01)');
    // The till's validity (62.50) is enforced here: a bill paid after it is refused, never charged.
    const validUntil = billValidUntil(mpm);
    if (validUntil !== undefined && now > validUntil)
      return refuse('ORDER_EXPIRED', `this bill could be paid until ${iso(validUntil)}`);
    if (!terminalId || !this.isRegistered(terminalId)) {
      return refuse(
        'TERMINAL_NOT_REGISTERED',
        'the QR names no registered terminal (62.07, or give terminalId)',
      );
    }
    const paid = this.state.payments
      .byBillNumber(terminalId, billNumber)
      .find((r) => r.status === 'SUCCESS');
    if (paid)
      return {
        result: resultOf('ORDER_IS_CLOSED', 'this bill is already paid'),
        payment: toPayment(paid),
      };

    const row = newPaymentRow({
      terminal_id: terminalId,
      payment_request_id: `mpm-offline-${newId('')}`,
      scenario: 'MPM',
      amount: Number(mpm.transactionAmount),
      fingerprint: 'offline-mpm',
      created_at: now,
      bill_number: billNumber,
      qr_payload: payload,
      reported_at: reportTime(this.state.settings.lateReports, terminalId, billNumber, now),
    });
    this.state.payments.insert(row);
    // A late-reported payment's event goes out when its report comes (late-reports.ts).
    markSucceeded(this.state, row, now, input.wallet, row.reported_at === null);
    return {
      result: resultOf('SUCCESS', 'paid; the till confirms it by bill number'),
      payment: toPayment(row),
    };
  }
}

function closedCode(row: PaymentRow): ResultCode {
  if (row.status === 'FAIL') return (row.fail_code ?? 'ORDER_EXPIRED') as ResultCode;
  return 'ORDER_IS_CLOSED';
}

function refuse(code: ResultCode, message: string): CustomerPayAnswer {
  return { result: resultOf(code, message) };
}
