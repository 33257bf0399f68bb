/**
 * TEST DOUBLE: an in-memory RelayGateway whose every answer the test
 * scripts, for the model-based test (thousands of runs, where the real
 * sandbox over HTTP would be too slow) and for cases the sandbox cannot
 * produce on demand (a success event after a cancel). Integration tests and
 * the chaos run use the real sandbox gateway.
 */
import {
  type ConnectivityState,
  type EventSubscription,
  GatewayUnreachableError,
  type RelayGateway,
} from '../../src/relay/gateway.js';
import type {
  CancelRequest,
  GatewayEvent,
  JournalAck,
  JournalUploadRecord,
  Payment,
  PayRequest,
  RefundInquiryRequest,
  RefundRequest,
} from '../../src/relay/protocol.js';

/** What the wallet does with one pay request. */
export type PayScript =
  | 'approve'
  | 'decline'
  /** Charged, but the answer is lost (timeout): the 망취소 case. */
  | 'charge-lost-answer'
  /** The request never arrived (lost on the way in). */
  | 'lost-request'
  /** Answer U; the payment stays PROCESSING until `settlePending`. */
  | 'pending';

/** How a `pending` payment ends: after this many inquiries, with this status (never: only a cancel ends it). */
export type PendingEnd = { afterInquiries: number; to: 'SUCCESS' | 'FAIL' | 'never' };

interface FakePayment {
  request: PayRequest;
  status: Payment['status'];
  refunded: number;
  charges: number;
  pendingEnd?: PendingEnd;
}

const result = (status: 'S' | 'F' | 'U', code: string) => ({ status, code, message: code });

export class FakeGateway implements RelayGateway {
  readonly payments = new Map<string, FakePayment>();
  readonly closed = new Set<string>();
  readonly records = new Map<string, JournalUploadRecord>();
  readonly refunds = new Map<string, number>();
  outage = false;
  nextPay: PayScript = 'approve';
  nextPendingEnd: PendingEnd = { afterInquiries: 1, to: 'SUCCESS' };
  private listeners = new Set<(e: GatewayEvent) => void>();
  private connectivityListeners = new Set<(s: ConnectivityState) => void>();
  private eventId = 0;

  private guard(operation: string): void {
    if (this.outage) throw new GatewayUnreachableError('connection', 'outage', operation);
  }

  private view(id: string, p: FakePayment): Payment {
    return {
      paymentId: `GW-${id}`,
      paymentRequestId: id,
      status: p.status,
      scenario: 'CPM',
      amount: p.request.amount,
      refundedValue: String(p.refunded),
      createdAt: new Date(0).toISOString(),
    };
  }

  /** What the customer was charged in the end for a request id. */
  netCharged(id: string): number {
    const p = this.payments.get(id);
    if (!p || p.status !== 'SUCCESS') return 0;
    return Number(p.request.amount.value) - p.refunded;
  }

  /** Resolves a PROCESSING payment and tells subscribers. */
  settlePending(id: string, status: 'SUCCESS' | 'FAIL'): void {
    const p = this.payments.get(id);
    if (!p || p.status !== 'PROCESSING') return;
    p.status = status;
    if (status === 'SUCCESS') p.charges++;
    this.emit(status === 'SUCCESS' ? 'payment.succeeded' : 'payment.failed', id, p);
  }

  /** Sends an event as the gateway's stream would (duplicates and late ones included). */
  emit(type: GatewayEvent['type'], id: string, p = this.payments.get(id)!): void {
    const event = { id: String(++this.eventId), type, payment: this.view(id, p) };
    for (const l of this.listeners) l(event);
  }

  async pay(request: PayRequest) {
    this.guard('pay');
    const script = this.nextPay;
    if (script === 'lost-request') throw new GatewayUnreachableError('timeout', 'lost', 'pay');
    if (this.closed.has(request.paymentRequestId)) return { result: result('F', 'ORDER_IS_CLOSED') };
    const existing = this.payments.get(request.paymentRequestId);
    const p = existing ?? { request, status: 'PROCESSING' as const, refunded: 0, charges: 0 };
    if (!existing) {
      this.payments.set(request.paymentRequestId, p);
      if (script === 'approve' || script === 'charge-lost-answer') Object.assign(p, { status: 'SUCCESS', charges: 1 });
      if (script === 'decline') p.status = 'FAIL';
      if (script === 'pending') p.pendingEnd = { ...this.nextPendingEnd };
    }
    if (script === 'charge-lost-answer') throw new GatewayUnreachableError('timeout', 'answer lost', 'pay');
    if (p.status === 'SUCCESS') return { result: result('S', 'SUCCESS'), payment: this.view(request.paymentRequestId, p) };
    if (p.status === 'FAIL') return { result: result('F', 'USER_BALANCE_NOT_ENOUGH') };
    return { result: result('U', 'PAYMENT_IN_PROCESS'), payment: this.view(request.paymentRequestId, p) };
  }

  async createOrderCode(): Promise<never> {
    throw new GatewayUnreachableError('connection', 'the fake has no MPM', 'orderCode');
  }

  async inquire(id: string) {
    this.guard('inquiry');
    const p = this.payments.get(id);
    if (!p) return { result: result('F', 'PAYMENT_NOT_FOUND') };
    if (p.status === 'PROCESSING' && p.pendingEnd && p.pendingEnd.to !== 'never' && --p.pendingEnd.afterInquiries <= 0) {
      this.settlePending(id, p.pendingEnd.to);
    }
    return { result: result('S', 'SUCCESS'), payment: this.view(id, p) };
  }

  async cancel(request: CancelRequest) {
    this.guard('cancel');
    const p = this.payments.get(request.paymentRequestId);
    if (!p) {
      this.closed.add(request.paymentRequestId);
      return { result: result('S', 'SUCCESS') };
    }
    if (p.status === 'SUCCESS' || p.status === 'PROCESSING') p.status = 'CANCELLED';
    return { result: result('S', 'SUCCESS'), payment: this.view(request.paymentRequestId, p) };
  }

  async refund(request: RefundRequest) {
    this.guard('refund');
    const p = this.payments.get(request.paymentRequestId);
    if (!p || p.status !== 'SUCCESS') return { result: result('F', 'PAYMENT_NOT_PAID') };
    if (!this.refunds.has(request.refundRequestId)) {
      const amount = Number(request.amount.value);
      if (p.refunded + amount > Number(p.request.amount.value)) return { result: result('F', 'REFUND_AMOUNT_EXCEEDED') };
      p.refunded += amount;
      this.refunds.set(request.refundRequestId, amount);
    }
    return { result: result('S', 'SUCCESS') };
  }

  async inquireRefund(request: RefundInquiryRequest) {
    this.guard('refundInquiry');
    return this.refunds.has(request.refundRequestId) ? { result: result('S', 'SUCCESS') } : { result: result('F', 'REFUND_NOT_FOUND') };
  }

  async lookupByBill() {
    this.guard('lookupByBill');
    return { result: result('S', 'SUCCESS'), payments: [] };
  }

  async uploadJournal(records: JournalUploadRecord[]) {
    this.guard('journalBatch');
    const acks: JournalAck[] = records.map((r) => {
      const seen = this.records.has(r.recordId);
      this.records.set(r.recordId, r);
      return { recordId: r.recordId, status: seen ? 'DUPLICATE' : 'ACCEPTED' };
    });
    return { result: result('S', 'ACCEPTED'), acks };
  }

  async settlement(): Promise<never> {
    throw new GatewayUnreachableError('connection', 'not in the fake', 'settlement');
  }

  async exchangeRates(): Promise<never> {
    throw new GatewayUnreachableError('connection', 'not in the fake', 'exchangeRates');
  }

  subscribe(onEvent: (event: GatewayEvent) => void): EventSubscription {
    this.listeners.add(onEvent);
    return { close: () => this.listeners.delete(onEvent) };
  }

  connectivity(): ConnectivityState {
    return this.outage ? 'offline' : 'online';
  }

  onConnectivityChange(listener: (state: ConnectivityState) => void): () => void {
    this.connectivityListeners.add(listener);
    return () => this.connectivityListeners.delete(listener);
  }
}
