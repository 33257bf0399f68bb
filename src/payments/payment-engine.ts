import type { MerchantProfile } from '../codes/index.js';
import type { CardApproval, CardTerminal } from '../devices/card-terminal.js';
import type { CashDrawer } from '../devices/drawer.js';
import type { Ledger } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { EventSubscription, RelayGateway } from '../relay/gateway.js';
import { SyncEngine, type SyncOptions } from '../relay/sync-engine.js';
import { CardDesk } from './card-desk.js';
import { SlipCardTerminal } from './card-slip.js';
import { CashDesk } from './cash.js';
import { type CashReceiptAsk, CashReceipts } from './cash-receipts.js';
import { type PaymentsConfig, type PaymentsConfigInput, paymentsConfigSchema } from './config.js';
import { CpmFlow, type TenderOutcome } from './cpm-flow.js';
import { DiskReserve } from './disk-reserve.js';
import { ProjectionHold } from './projection-hold.js';
import { SaleStateError } from './errors.js';
import { EventCursor } from './event-cursor.js';
import { PaymentEvents } from './events.js';
import { IdFactory } from './ids.js';
import { MpmFlow } from './mpm-flow.js';
import type { MpmSession } from './mpm-session.js';
import { OfflineMpm } from './mpm-offline.js';
import { PaymentResolver } from './payment-resolver.js';
import { PaymentStore, type RefundRow, type SaleRow, type TenderRow } from './payment-store.js';
import { type PaymentQrDisplay, type Sleeper, realSleeper } from './ports.js';
import { SaleReceipts, type SaleReceiptsDeps } from './sale-receipts.js';
import { ReceiptNumbers } from './receipt-numbers.js';
import { Recovery, type RecoveryReport } from './recovery.js';
import { type RefundInput, Refunds } from './refunds.js';
import type { StaffDirectory } from './roles.js';
import type { Cart } from './sale.js';
import { SaleService } from './sale-service.js';
import { wireSyncHooks } from './sync-hooks.js';
import { TenderBook } from './tender-book.js';

/** Everything the engine is built from; `main/compose` picks the real or virtual parts. */
export interface PaymentEngineDeps {
  ledger: Ledger;
  gateway: RelayGateway;
  config: PaymentsConfigInput;
  merchant: MerchantProfile;
  staff: StaffDirectory;
  clock: Clock;
  logger: Logger;
  /** The disk reserve file beside the journal (see DiskReserve). */
  reserve: { path: string; sizeBytes?: number };
  sleeper?: Sleeper;
  random?: () => number;
  drawer?: CashDrawer;
  /** The card terminal port; the standalone terminal's slip entry when none is given. */
  cardTerminal?: CardTerminal;
  display?: PaymentQrDisplay;
  /** Sale receipts and refund slips: the printer port and what the paper says of the seller (none: nothing prints). */
  receipts?: SaleReceiptsDeps;
  sync?: Partial<SyncOptions>;
}

/** A sale with its payments and refunds, for the refund screen (found by receipt number). */
export interface SaleSummary {
  sale: SaleRow;
  tenders: Array<TenderRow & { refundable: number }>;
  refunds: RefundRow[];
}

/**
 * The payment engine's facade: one object the API layer (src/api) calls for
 * every payment action, and the owner of recovery and sync. Build it, call
 * `start()` (recovery, event stream, sync), and `stop()` on shutdown.
 */
export class PaymentEngine {
  readonly events: PaymentEvents;
  readonly store: PaymentStore;
  readonly sync: SyncEngine;
  readonly config: PaymentsConfig;
  readonly reserve: DiskReserve;
  /** Sales and refunds stop while the payment tables disagree with the journal (the start-up comparison holds them). */
  readonly hold: ProjectionHold;
  /** Whose PINs the role checks take; the checkout session checks its own with it. */
  readonly staff: StaffDirectory;
  /** Prints receipts as sales complete and refunds are recorded; reprints on request. */
  readonly receipts: SaleReceipts | undefined;
  private readonly sales: SaleService;
  private readonly resolver: PaymentResolver;
  private readonly cpm: CpmFlow;
  private readonly mpm: MpmFlow;
  private readonly offline: OfflineMpm;
  private readonly cash: CashDesk;
  private readonly cashReceipts: CashReceipts;
  private readonly card: CardDesk;
  private readonly refunds: Refunds;
  private readonly recovery: Recovery;
  private readonly numbers: ReceiptNumbers;
  private readonly cursor: EventCursor;
  private subscription: EventSubscription | undefined;
  private unhook: (() => void) | undefined;

  constructor(private readonly deps: PaymentEngineDeps) {
    const { ledger, gateway, clock, logger, merchant, staff, display, drawer } = deps;
    const config = (this.config = paymentsConfigSchema.parse(deps.config));
    this.staff = staff;
    const sleeper = deps.sleeper ?? realSleeper;
    const events = (this.events = new PaymentEvents(logger));
    this.reserve = new DiskReserve({ path: deps.reserve.path, sizeBytes: deps.reserve.sizeBytes ?? 4 << 20, events, logger });
    const store = (this.store = new PaymentStore(ledger, this.reserve));
    const printer = (this.receipts = deps.receipts && new SaleReceipts(store, deps.receipts));
    const ids = new IdFactory(config.terminalId, clock);
    const tenders = new TenderBook(store, events);
    const numbers = (this.numbers = new ReceiptNumbers(store, clock, config.terminalId, config.cutoffHour));
    const hold = (this.hold = new ProjectionHold({ events, logger }));
    const sales = (this.sales = new SaleService({ store, ids, numbers, events, reserve: this.reserve, hold, ...(printer ? { printer } : {}) }));
    const random = deps.random ?? Math.random;
    const cashReceipts = (this.cashReceipts = new CashReceipts({ store, events, logger, ...(printer ? { printer } : {}) }));
    const cash = (this.cash = new CashDesk({
      store, tenders, sales, ids, staff, events, logger, currency: config.currency, cashReceipts, ...(drawer ? { drawer } : {}),
    }));
    const cardTerminal = deps.cardTerminal ?? new SlipCardTerminal();
    this.card = new CardDesk({ terminal: cardTerminal, tenders, sales, ids });
    const refunds = (this.refunds = new Refunds({
      store, gateway, ids, staff, cash, cashReceipts, cardTerminal, config, events, logger, sleeper, random, hold, ...(printer ? { printer } : {}),
    }));
    const resolver = (this.resolver = new PaymentResolver({ store, tenders, gateway, config, clock, sleeper, logger, events, refunds, random }));
    this.cpm = new CpmFlow({ gateway, store, tenders, sales, resolver, ids, config, logger });
    const offline = (this.offline = new OfflineMpm({
      gateway, store, tenders, sales, numbers, ids, config, merchant, clock, events, logger, resolver, staff, ...(display ? { display } : {}),
    }));
    this.mpm = new MpmFlow({
      gateway, store, tenders, sales, resolver, numbers, offline, ids, config, clock, logger, ...(display ? { display } : {}),
    });
    this.recovery = new Recovery({ store, tenders, resolver, refunds, sales, events, clock, logger });
    this.cursor = new EventCursor(ledger.db);
    this.sync = new SyncEngine({
      db: ledger.db,
      outbox: ledger.outbox,
      gateway,
      logger,
      sleep: (ms) => sleeper.sleep(ms),
      random,
      // The issuance result is journaled in the transaction of the ack that carries it.
      onAcknowledged: (record, ack) => {
        if (record.kind === 'cash-receipt.requested') cashReceipts.recordResult(String(record.body.tenderId), ack.detail);
        if (record.kind === 'cash-receipt.cancel-requested') {
          cashReceipts.recordCancelResult(String(record.body.tenderId), String(record.body.refundId), ack.detail);
        }
      },
      ...(deps.sync ? { options: deps.sync } : {}),
    });
  }

  /** Start-up: lay the disk reserve, resume open payments, listen to the gateway (from the last event applied), start syncing. */
  start(): RecoveryReport {
    this.reserve.arm();
    this.unhook = wireSyncHooks({ sync: this.sync, events: this.events, cashReceipts: this.cashReceipts, offline: this.offline, logger: this.deps.logger });
    // Resume the event stream where the last run left it: events sent while the till was down are
    // applied once, and the ones applied before the stop are not replayed.
    this.subscription = this.deps.gateway.subscribe((event) => {
      this.recovery.onGatewayEvent(event);
      this.cursor.save(event.id);
    }, this.cursor.load());
    const report = this.recovery.resume();
    this.sync.start();
    return report;
  }

  /** Stops background work; every state is already journaled, so the next start resumes it. */
  async stop(): Promise<void> {
    this.subscription?.close();
    this.unhook?.();
    await Promise.all([this.resolver.stop(), this.refunds.stop(), this.sync.stop()]);
  }

  /** Journals a sale from the cashier's cart (refused while the disk is full). */
  openSale(cart: Cart): SaleRow {
    return this.sales.open(cart);
  }

  /** What is paid, in flight and due on a sale. */
  balance(saleId: string) {
    return this.sales.balance(saleId);
  }

  /** Cancels an open sale nothing was taken for. */
  abandonSale(saleId: string, reason: string): SaleRow {
    return this.sales.abandon(saleId, reason);
  }

  /** CPM: pays with the customer's scanned wallet code (refused offline). */
  payByCode(saleId: string, code: string, amount?: number): Promise<TenderOutcome> {
    return this.cpm.pay(saleId, code, amount);
  }

  /** MPM: shows a payment QR (order code online, local EMV QR offline). */
  showPaymentQr(saleId: string, amount?: number): Promise<MpmSession> {
    return this.mpm.start(saleId, amount);
  }

  /** The cashier gives up on an online payment QR. */
  abortPaymentQr(tenderId: string): void {
    this.mpm.abort(tenderId);
  }

  /** Offline QR: the cashier saw the customer's paid screen (`vouchedBy`: the staff id journaled with it), or saw them give up. */
  settleOfflineQr(tenderId: string, customerPaid: boolean, vouchedBy?: string): TenderOutcome {
    return this.offline.settle(tenderId, customerPaid, vouchedBy);
  }

  /**
   * Cash handed over: covers what is due (or `part` of it), returns the
   * change, opens the drawer; a 현금영수증 asked with it is checked first.
   */
  async takeCash(saleId: string, tendered: number, options: { part?: number; cashReceipt?: CashReceiptAsk } = {}) {
    const cashReceipt = options.cashReceipt ? this.cashReceipts.identify(options.cashReceipt) : undefined;
    return this.cash.take(saleId, tendered, { ...(options.part !== undefined ? { part: options.part } : {}), ...(cashReceipt ? { cashReceipt } : {}) });
  }

  /** A card paid on the card terminal: records its slip for `amount` (default: all that is due). */
  takeCardSlip(saleId: string, slip: CardApproval | undefined, amount?: number) {
    return this.card.take(saleId, slip, amount);
  }

  /** Float, pay-in or pay-out (pay-outs need a manager's PIN). */
  cashMovement(kind: 'float' | 'pay-in' | 'pay-out', amount: number, reason: string, pin?: string): Promise<string> {
    return this.cash.movement(kind, amount, reason, pin);
  }

  /** Attaches a 현금영수증 request to a cash tender taken (a number as typed, or the full ask). */
  requestCashReceipt(tenderId: string, ask: string | CashReceiptAsk) {
    const id = this.cashReceipts.identify(typeof ask === 'string' ? { identifier: ask } : ask);
    const tender = this.store.tender(tenderId);
    if (!tender) throw new SaleStateError('not-cash', 'A cash receipt can only be issued for cash taken.');
    this.cashReceipts.request(tender, id);
    return id;
  }

  /** Refunds or voids a payment (manager's PIN checked here). */
  refund(input: RefundInput): Promise<RefundRow> {
    return this.refunds.refund(input);
  }

  /** A sale with its payments and what is left to refund of each, by receipt number. */
  findSale(receiptNumber: string): SaleSummary | undefined {
    const sale = this.store.saleByReceipt(receiptNumber);
    if (!sale) return undefined;
    const tenders = this.store.tendersOfSale(sale.saleId).map((t) => ({ ...t, refundable: this.refunds.refundable(t) }));
    return { sale, tenders, refunds: tenders.flatMap((t) => this.store.refundsOfTender(t.tenderId)) };
  }

  /** The latest completed sales, newest first, for finding one to refund without its receipt. */
  recentSales(limit = 50): SaleRow[] {
    return this.store.recentSales(limit);
  }

  /** The owner takes a never-paid offline QR (flagged unmatched) out of the sales, with a manager's PIN. */
  writeOffOfflineQr(tenderId: string, managerPin: string | undefined, reason: string): Promise<TenderRow> {
    return this.offline.writeOff(tenderId, managerPin, reason);
  }

  /** Confirms offline QR payments the gateway has seen; flags overdue ones. */
  matchOfflinePayments() {
    return this.offline.match();
  }
}
