import type {
  BillLookupResponse,
  CancelRequest,
  CancelResponse,
  ExchangeRatesResponse,
  GatewayEvent,
  InquiryResponse,
  JournalBatchResponse,
  JournalUploadRecord,
  OrderCodeRequest,
  OrderCodeResponse,
  PayRequest,
  PayResponse,
  RefundInquiryRequest,
  RefundInquiryResponse,
  RefundRequest,
  RefundResponse,
  SettlementResponse,
} from './protocol.js';

/** How a call failed to produce a validated gateway answer. */
export type GatewayFailureKind =
  | 'timeout'
  | 'connection'
  | 'server-error'
  | 'malformed-answer'
  /** Unsigned, forged, stale, or signed by a key the till has not pinned: nothing it says is believed. */
  | 'unauthenticated-answer'
  /** Signed, but about another request (id, amount or currency differ): unknown, never an approval. */
  | 'mismatched-answer';

/**
 * A call whose answer never arrived or could not be trusted. For a request
 * that changes money (pay, cancel, refund) the outcome is UNKNOWN: the
 * gateway may have acted. Never read this as a decline.
 */
export class GatewayUnreachableError extends Error {
  constructor(
    readonly kind: GatewayFailureKind,
    message: string,
    readonly operation: string,
  ) {
    super(message);
  }
}

/** The connection state the till shows, derived from real traffic. */
export type ConnectivityState = 'online' | 'degraded' | 'offline';

/** A live subscription to the gateway's event stream. */
export interface EventSubscription {
  close(): void;
}

/**
 * What the payment engine and the sync engine need from the relay gateway.
 * `RelayClient` implements it over signed HTTP; every method resolves with a
 * schema-validated answer carrying `result` S/F/U, or rejects with
 * GatewayUnreachableError. Retries of pay/cancel/refund reuse the caller's
 * idempotency key, so a retry can never charge twice.
 */
export interface RelayGateway {
  pay(request: PayRequest): Promise<PayResponse>;
  createOrderCode(request: OrderCodeRequest): Promise<OrderCodeResponse>;
  inquire(paymentRequestId: string): Promise<InquiryResponse>;
  cancel(request: CancelRequest): Promise<CancelResponse>;
  refund(request: RefundRequest): Promise<RefundResponse>;
  /** Where a refund stands at the gateway, by its refundRequestId (settles a refund whose answer was lost). */
  inquireRefund(request: RefundInquiryRequest): Promise<RefundInquiryResponse>;
  lookupByBill(billNumbers: string[]): Promise<BillLookupResponse>;
  uploadJournal(records: JournalUploadRecord[]): Promise<JournalBatchResponse>;
  settlement(businessDate: string): Promise<SettlementResponse>;
  exchangeRates(): Promise<ExchangeRatesResponse>;
  /** Subscribes to payment events; reconnects and resumes from the last event id by itself. */
  subscribe(onEvent: (event: GatewayEvent) => void, lastEventId?: string): EventSubscription;
  connectivity(): ConnectivityState;
  onConnectivityChange(listener: (state: ConnectivityState) => void): () => void;
}
