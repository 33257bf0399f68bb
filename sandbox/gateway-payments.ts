import type { Payment, PaymentStatus, Wallet } from '../src/relay/protocol.js';
import { iso } from './business-time.js';
import type { SandboxDatabase } from './database.js';
import { customerAmountOf, protocolAmount } from './amounts.js';

/** One row of the payments table. */
export interface PaymentRow {
  payment_id: string;
  terminal_id: string;
  payment_request_id: string;
  scenario: 'CPM' | 'MPM';
  wallet: Wallet | null;
  amount: number;
  currency: string;
  customer_amount: number | null;
  customer_currency: string | null;
  bill_number: string | null;
  order_title: string | null;
  masked_code: string | null;
  fingerprint: string;
  status: PaymentStatus;
  fail_code: string | null;
  created_at: number;
  paid_at: number | null;
  closed_at: number | null;
  resolve_at: number | null;
  resolve_to: string | null;
  qr_payload: string | null;
  expires_at: number | null;
  refunded: number;
  /** When a late-reported payment reaches the gateway (sandbox/late-reports.ts); null once it has, or when known at once. */
  reported_at: number | null;
}

/** The protocol's view of a payment row. */
export function toPayment(row: PaymentRow): Payment {
  const payment: Payment = {
    paymentId: row.payment_id,
    paymentRequestId: row.payment_request_id,
    status: row.status,
    scenario: row.scenario,
    amount: protocolAmount(row.currency, row.amount),
    refundedValue: String(row.refunded),
    createdAt: iso(row.created_at),
  };
  if (row.wallet) payment.wallet = row.wallet;
  const customer = customerAmountOf(row.customer_amount, row.customer_currency);
  if (customer) payment.customerAmount = customer;
  if (row.bill_number) payment.billNumber = row.bill_number;
  if (row.paid_at !== null) payment.paidAt = iso(row.paid_at);
  if (row.fail_code) payment.failCode = row.fail_code;
  return payment;
}

const COLUMNS = [
  'payment_id',
  'terminal_id',
  'payment_request_id',
  'scenario',
  'wallet',
  'amount',
  'currency',
  'customer_amount',
  'customer_currency',
  'bill_number',
  'order_title',
  'masked_code',
  'fingerprint',
  'status',
  'fail_code',
  'created_at',
  'paid_at',
  'closed_at',
  'resolve_at',
  'resolve_to',
  'qr_payload',
  'expires_at',
  'refunded',
  'reported_at',
] as const;

function prepareStatements(db: SandboxDatabase) {
  return {
    insert: db.prepare(
      `INSERT INTO payments (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    byRequest: db.prepare(
      'SELECT * FROM payments WHERE terminal_id = ? AND payment_request_id = ?',
    ),
    byPaymentId: db.prepare('SELECT * FROM payments WHERE payment_id = ?'),
    byRequestAnyTerminal: db.prepare('SELECT * FROM payments WHERE payment_request_id = ?'),
    byPayload: db.prepare("SELECT * FROM payments WHERE qr_payload = ? AND scenario = 'MPM'"),
    byBill: db.prepare(
      'SELECT * FROM payments WHERE terminal_id = ? AND bill_number = ? ORDER BY created_at',
    ),
    due: db.prepare(
      "SELECT * FROM payments WHERE status = 'PROCESSING' AND (resolve_at <= @now OR expires_at <= @now) ORDER BY created_at",
    ),
    reportsDue: db.prepare('SELECT * FROM payments WHERE reported_at <= ? ORDER BY reported_at'),
    openOrders: db.prepare(
      "SELECT * FROM payments WHERE status = 'PROCESSING' AND scenario = 'MPM' AND expires_at > ? ORDER BY created_at",
    ),
    update: db.prepare(
      `UPDATE payments SET status = @status, fail_code = @fail_code, wallet = @wallet, customer_amount = @customer_amount,
       customer_currency = @customer_currency, paid_at = @paid_at, closed_at = @closed_at, refunded = @refunded,
       reported_at = @reported_at
       WHERE payment_id = @payment_id`,
    ),
    isClosed: db.prepare(
      'SELECT 1 FROM closed_requests WHERE terminal_id = ? AND payment_request_id = ?',
    ),
    processingRefunds: db.prepare(
      "SELECT COALESCE(SUM(amount), 0) AS total FROM refunds WHERE payment_id = ? AND status = 'PROCESSING'",
    ),
    close: db.prepare(
      'INSERT OR IGNORE INTO closed_requests (terminal_id, payment_request_id, closed_at) VALUES (?, ?, ?)',
    ),
  };
}

/** The gateway's payments (the money it moved) and closed request ids, through prepared statements. */
export class GatewayPayments {
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(db: SandboxDatabase) {
    this.sql = prepareStatements(db);
  }

  insert(row: PaymentRow): void {
    this.sql.insert.run(row);
  }

  /** Writes the mutable columns of `row` back. */
  update(row: PaymentRow): void {
    this.sql.update.run(row);
  }

  byRequestId(terminalId: string, paymentRequestId: string): PaymentRow | undefined {
    return this.sql.byRequest.get(terminalId, paymentRequestId) as PaymentRow | undefined;
  }

  byPaymentId(paymentId: string): PaymentRow | undefined {
    return this.sql.byPaymentId.get(paymentId) as PaymentRow | undefined;
  }

  /** The customer simulator does not know the terminal; request ids of different terminals may clash. */
  byRequestIdAnyTerminal(paymentRequestId: string): PaymentRow[] {
    return this.sql.byRequestAnyTerminal.all(paymentRequestId) as PaymentRow[];
  }

  byQrPayload(payload: string): PaymentRow | undefined {
    return this.sql.byPayload.get(payload) as PaymentRow | undefined;
  }

  byBillNumber(terminalId: string, billNumber: string): PaymentRow[] {
    return this.sql.byBill.all(terminalId, billNumber) as PaymentRow[];
  }

  /** Processing payments whose pending outcome or order-code expiry has come. */
  due(now: number): PaymentRow[] {
    return this.sql.due.all({ now }) as PaymentRow[];
  }

  /** Late-reported payments whose report has come by `now`. */
  reportsDue(now: number): PaymentRow[] {
    return this.sql.reportsDue.all(now) as PaymentRow[];
  }

  openOrderCodes(now: number): PaymentRow[] {
    return this.sql.openOrders.all(now) as PaymentRow[];
  }

  /** What refunds accepted but not finished (asynchronous refunds) hold of a payment. */
  processingRefunds(paymentId: string): number {
    return (this.sql.processingRefunds.get(paymentId) as { total: number }).total;
  }

  isClosed(terminalId: string, paymentRequestId: string): boolean {
    return this.sql.isClosed.get(terminalId, paymentRequestId) !== undefined;
  }

  closeRequest(terminalId: string, paymentRequestId: string, at: number): void {
    this.sql.close.run(terminalId, paymentRequestId, at);
  }
}
