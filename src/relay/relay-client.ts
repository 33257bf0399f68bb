import type { KeyObject } from 'node:crypto';
import { type Clock, systemClock } from '../platform/clock.js';
import { type Logger, silentLogger } from '../platform/logger.js';
import {
  ConnectivityMonitor,
  type ConnectivityOptions,
  DEFAULT_CONNECTIVITY,
} from './connectivity.js';
import { DEFAULT_EVENT_STREAM, EventStream, type EventStreamOptions } from './event-stream.js';
import {
  type ConnectivityState,
  type EventSubscription,
  GatewayUnreachableError,
  type RelayGateway,
} from './gateway.js';
import type { OperationAnswer, OperationInput, RelayOperationName } from './operations.js';
import type {
  BillLookupResponse,
  CancelRequest,
  CancelResponse,
  ExchangeRatesResponse,
  GatewayEvent,
  InquiryResponse,
  JournalBatchResponse,
  JournalUploadRecord,
  MerchantSettlementResponse,
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
import { publicKeyToBase64 } from './signing.js';
import { SignedTransport } from './signed-transport.js';
import { billLookupMismatch, merchantStatementMismatch, paymentMismatch, refundMismatch } from './answer-echo.js';
import { type AnswerVerdict, verifyEvent, verifyStreamOpening } from './answer-signing.js';
import type { GatewayKeyPin } from './gateway-key.js';
import { verifyJournalHead } from './journal-head.js';
import type { ServerSentEvent } from './sse-parser.js';

/** Per-operation timeouts in ms. Pay waits longest: the wallet may ask the customer for a password. */
export const DEFAULT_TIMEOUTS: Record<RelayOperationName, number> = {
  register: 10_000,
  pay: 15_000,
  orderCode: 10_000,
  inquiry: 5_000,
  cancel: 10_000,
  refund: 15_000,
  refundInquiry: 5_000,
  lookupByBill: 10_000,
  journalBatch: 20_000,
  settlement: 20_000,
  merchantSettlement: 20_000,
  exchangeRates: 5_000,
  gatewayKeys: 5_000,
};

/**
 * Operations the client may retry by itself after an unreachable answer.
 * Pay is absent on purpose: a pay whose answer was lost has an unknown
 * outcome, and only the payment engine may decide to inquire and cancel.
 * The others are idempotent on the caller's request id, which a retry
 * reuses (the body is identical; only nonce, timestamp and signature change).
 */
const RETRIABLE: ReadonlySet<RelayOperationName> = new Set([
  'orderCode',
  'inquiry',
  'cancel',
  'refund',
  'refundInquiry',
  'lookupByBill',
  'journalBatch',
  'settlement',
  'merchantSettlement',
  'exchangeRates',
  'gatewayKeys',
]);

export interface RelayClientOptions {
  baseUrl: string;
  terminalId: string;
  /** The terminal's Ed25519 private key (terminal-key.ts). */
  privateKey: KeyObject;
  /**
   * The gateway's public key, pinned at registration (an empty pin learns it
   * from the registration answer). Answers and events it did not sign are
   * not believed.
   */
  gatewayKey: GatewayKeyPin;
  clock?: Clock;
  logger?: Logger;
  fetch?: typeof fetch;
  timeouts?: Partial<Record<RelayOperationName, number>>;
  /** Attempts for retriable operations (1 = no retry) and the pause between them. */
  retry?: { attempts?: number; delayMs?: number };
  connectivity?: Partial<ConnectivityOptions>;
  initialConnectivity?: ConnectivityState;
  events?: Partial<EventStreamOptions>;
}

/**
 * The relay gateway client over signed HTTP: implements RelayGateway for the
 * payment and sync engines. Every answer is validated against the protocol
 * schemas; failures are GatewayUnreachableError, never a made-up decline.
 */
export class RelayClient implements RelayGateway {
  private readonly transport: SignedTransport;
  private readonly monitor: ConnectivityMonitor;
  private readonly timeouts: Record<RelayOperationName, number>;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly logger: Logger;

  constructor(private readonly options: RelayClientOptions) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'relay-client' });
    this.monitor = new ConnectivityMonitor(
      { ...DEFAULT_CONNECTIVITY, ...options.connectivity },
      options.initialConnectivity,
    );
    this.transport = new SignedTransport({
      baseUrl: options.baseUrl,
      terminalId: options.terminalId,
      privateKey: options.privateKey,
      clock: options.clock ?? systemClock,
      logger: this.logger,
      fetch: options.fetch ?? globalThis.fetch,
      monitor: this.monitor,
      gatewayKey: options.gatewayKey,
    });
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.attempts = Math.max(1, options.retry?.attempts ?? 2);
    this.retryDelayMs = options.retry?.delayMs ?? 250;
  }

  /** Registers this terminal's public key with the gateway using a one-time enrollment code. */
  register(enrollmentCode: string): Promise<OperationAnswer<'register'>> {
    const publicKey = publicKeyToBase64(this.options.privateKey);
    return this.call('register', {
      terminalId: this.options.terminalId,
      publicKey,
      enrollmentCode,
    });
  }

  /** Pays; an approval must echo the request's paymentRequestId, amount and currency, else the outcome is unknown. */
  async pay(request: PayRequest): Promise<PayResponse> {
    const answer = await this.call('pay', request);
    const approved = answer.result.status === 'S' || answer.payment?.status === 'SUCCESS';
    return this.echoed(
      'pay',
      answer,
      approved && !answer.payment ? 'an approval without the payment it approves' : paymentMismatch(answer.payment, request),
    );
  }

  async createOrderCode(request: OrderCodeRequest): Promise<OrderCodeResponse> {
    const answer = await this.call('orderCode', request);
    return this.echoed('orderCode', answer, paymentMismatch(answer.payment, request));
  }

  async inquire(paymentRequestId: string): Promise<InquiryResponse> {
    const answer = await this.call('inquiry', { paymentRequestId });
    return this.echoed('inquiry', answer, paymentMismatch(answer.payment, { paymentRequestId }));
  }

  async cancel(request: CancelRequest): Promise<CancelResponse> {
    const answer = await this.call('cancel', request);
    return this.echoed('cancel', answer, paymentMismatch(answer.payment, request));
  }

  async refund(request: RefundRequest): Promise<RefundResponse> {
    const answer = await this.call('refund', request);
    return this.echoed('refund', answer, refundMismatch(answer, request));
  }

  /** Asks where a refund stands; the answer must be about that refund and payment (the amount is the caller's to compare). */
  async inquireRefund(request: RefundInquiryRequest): Promise<RefundInquiryResponse> {
    const answer = await this.call('refundInquiry', request);
    const amount = answer.refund?.amount ?? { currency: 'KRW', value: '0' };
    return this.echoed('refundInquiry', answer, refundMismatch(answer, { ...request, amount }));
  }

  async lookupByBill(billNumbers: string[]): Promise<BillLookupResponse> {
    const answer = await this.call('lookupByBill', { billNumbers });
    return this.echoed('lookupByBill', answer, billLookupMismatch(answer.payments, billNumbers));
  }

  /**
   * Uploads journal records. A head acknowledgement the pinned gateway key
   * did not sign for this terminal is dropped (never stored as an anchor).
   */
  async uploadJournal(records: JournalUploadRecord[]): Promise<JournalBatchResponse> {
    const answer = await this.call('journalBatch', { records });
    if (answer.head === undefined) return answer;
    const pinned = this.options.gatewayKey.current();
    if (pinned && verifyJournalHead(pinned, this.options.terminalId, answer.head)) return answer;
    this.logger.error({ head: answer.head }, 'journal head acknowledgement not signed by the pinned gateway key; ignored');
    const { head: _dropped, ...rest } = answer;
    return rest;
  }

  settlement(businessDate: string): Promise<SettlementResponse> {
    return this.call('settlement', { businessDate });
  }

  /**
   * The merchant's statement of a KST date across all its terminals (the
   * store server's reconciliation): believed only for the date asked for.
   */
  async merchantSettlement(businessDate: string): Promise<MerchantSettlementResponse> {
    const answer = await this.call('merchantSettlement', { businessDate });
    return this.echoed('merchantSettlement', answer, merchantStatementMismatch(answer.statement, businessDate));
  }

  exchangeRates(): Promise<ExchangeRatesResponse> {
    return this.call('exchangeRates', {});
  }

  subscribe(onEvent: (event: GatewayEvent) => void, lastEventId?: string): EventSubscription {
    return new EventStream(
      {
        open: (path, signal, headers, nonce) => this.transport.open('GET', path, '', signal, headers, nonce),
        verify: (sse) => this.verifyEvent(sse),
        verifyOpening: (frame, nonce) => this.verifyOpening(frame, nonce),
        monitor: this.monitor,
        logger: this.logger,
        options: { ...DEFAULT_EVENT_STREAM, ...this.options.events },
      },
      onEvent,
      lastEventId,
    );
  }

  /** `answer`, unless it is about another request: then the outcome is unknown (GatewayUnreachableError). */
  private echoed<T>(operation: RelayOperationName, answer: T, mismatch: string | undefined): T {
    if (mismatch === undefined) return answer;
    this.monitor.recordFailure();
    this.logger.error({ operation, mismatch }, 'gateway answer does not echo the request');
    throw new GatewayUnreachableError('mismatched-answer', `${operation}: mismatched-answer: ${mismatch}`, operation);
  }

  /** An event is believed only when the pinned gateway key signed it for this terminal, recently. */
  private verifyEvent(sse: ServerSentEvent): AnswerVerdict {
    const pinned = this.options.gatewayKey.current();
    if (!pinned) return { ok: false, reason: 'unsigned', message: 'no gateway key is pinned' };
    return verifyEvent(pinned, this.options.terminalId, sse, (this.options.clock ?? systemClock).now());
  }

  /** A stream counts as reached only when the pinned key signed its opening for the request's nonce. */
  private verifyOpening(frame: ServerSentEvent, nonce: string): AnswerVerdict {
    const pinned = this.options.gatewayKey.current();
    if (!pinned) return { ok: false, reason: 'unsigned', message: 'no gateway key is pinned' };
    return verifyStreamOpening(pinned, nonce, frame, (this.options.clock ?? systemClock).now());
  }

  connectivity(): ConnectivityState {
    return this.monitor.state();
  }

  onConnectivityChange(listener: (state: ConnectivityState) => void): () => void {
    return this.monitor.onChange(listener);
  }

  /**
   * Any operation of the table by name (the `pos relay call` command uses
   * this). Retriable operations are retried with the same body; pay never.
   */
  async call<N extends RelayOperationName>(
    name: N,
    input: OperationInput<N>,
  ): Promise<OperationAnswer<N>> {
    const attempts = RETRIABLE.has(name) ? this.attempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transport.call(name, input, this.timeouts[name]);
      } catch (error) {
        if (!(error instanceof GatewayUnreachableError) || attempt >= attempts) throw error;
        this.logger.info(
          { operation: name, attempt, kind: error.kind },
          'retrying with the same request id',
        );
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }
}
