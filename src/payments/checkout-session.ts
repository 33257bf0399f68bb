import type { CardApproval } from '../devices/card-terminal.js';
import { DeviceEvents } from '../devices/device-status.js';
import type { Logger } from '../platform/logger.js';
import { CartJournal } from './cart-journal.js';
import {
  type CartBody,
  type CheckoutLine,
  type CartTotals,
  type DiscountRequest,
  type NewLine,
  cartTotals,
  emptyCart,
  lineAmount,
  withDiscount,
  withLine,
  withQuantity,
  withoutLine,
} from './checkout-cart.js';
import type { CheckoutOutcome, TenderInFlight } from './checkout-outcome.js';
import type { CashReceiptAsk } from './cash-receipts.js';
import { CheckoutTenders, type OfflineQrSettlement, type TenderEngine, type TenderHost } from './checkout-tenders.js';
import { InvalidInputError, PaymentError, SaleStateError } from './errors.js';
import type { IdFactory } from './ids.js';
import type { PaymentEngine } from './payment-engine.js';
import type { SaleBalance } from './sale-service.js';

/** Where the sale the cart is paying stands. */
export interface CheckoutSale {
  saleId: string;
  state: 'open' | 'completed' | 'abandoned';
  receiptNumber: string | null;
  balance: SaleBalance;
}

/** What every screen of the till shows of the sale: the session publishes it after each change. */
export interface CheckoutState {
  cartId: string;
  /** Bumped on every publication, so a screen can drop a stale one. */
  version: number;
  lines: Array<CheckoutLine & { amount: number }>;
  saleDiscount: number;
  totals: CartTotals;
  sale: CheckoutSale | null;
  /** Why the lines cannot change now (a payment in flight or taken), or null. */
  locked: { code: string; message: string } | null;
  /** The part of what is due the next tender takes (split tender), or null for all of it. */
  part: number | null;
  tender: TenderInFlight | null;
  outcome: CheckoutOutcome | null;
  /** The last refusal of a scan that reached the session without a caller to answer (a hardware scan). */
  refusal: { code: string; message: string; seq: number } | null;
  lastReceipt: { saleId: string; receiptNumber: string } | null;
}

/** The parts of the engine the session drives. */
export type CheckoutEngine = TenderEngine & Pick<PaymentEngine, 'openSale' | 'abandonSale' | 'balance' | 'events'>;

/** The open-price amount above which a line asks the cashier to confirm it (issue 13 point 8), unless the till says otherwise. */
export const DEFAULT_OPEN_PRICE_LIMIT = 1_000_000;

const LOCKED_MESSAGE =
  'A payment for this sale is in progress or taken: its lines cannot change now. Finish the payment, or void it in the history first.';

/**
 * One till's checkout session: it owns the cart and the sale being paid,
 * takes the cashier's commands (and the scanners' codes) and publishes its
 * state. The rule that keeps a customer from leaving with goods nobody paid
 * for lives here, not in a screen: once a sale has any tender in flight or
 * approved, every change to its lines is refused (issue 13: a quantity raised
 * during a CPM password wait closed a ₩9,000 basket at ₩3,000). Every change
 * of the cart is journaled (cart-journal.ts), so a till restarted mid-sale
 * shows the same cart; its last change is journaled before a sale opens on it.
 */
export class CheckoutSession {
  private cart: CartBody;
  private version = 0;
  private readonly tenders: CheckoutTenders;
  private refusal: CheckoutState['refusal'] = null;
  private lastReceipt: CheckoutState['lastReceipt'] = null;
  private readonly changes: DeviceEvents<{ changed: CheckoutState }>;
  private readonly journal: CartJournal;
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly deps: {
      engine: CheckoutEngine;
      ids: Pick<IdFactory, 'next'>;
      logger: Logger;
      openPriceLimit?: number;
      /** The store details the receipt still lacks (live mode: a till sells only once there are none; training may). */
      missingDetails?: () => readonly string[];
    },
  ) {
    this.changes = new DeviceEvents(deps.logger);
    this.journal = new CartJournal(deps.engine.store, deps.logger);
    this.cart = this.journal.restore() ?? emptyCart(deps.ids.next('C'));
    this.tenders = new CheckoutTenders({ engine: deps.engine, logger: deps.logger, host: this.tenderHost() });
    const { events } = deps.engine;
    this.unsubscribe = [
      events.on('tender', (e) => {
        if (e.saleId !== this.cart.saleId) return;
        // The tender the running command opened: the screens follow its states (a CPM password wait).
        if (e.from === null) this.tenders.journaled(e.tenderId);
        this.publish();
      }),
      events.on('sale', (e) => {
        if (e.saleId !== this.cart.saleId || e.state !== 'completed' || !e.receiptNumber) return;
        this.lastReceipt = { saleId: e.saleId, receiptNumber: e.receiptNumber };
        this.closeCart();
      }),
    ];
  }

  /** Listens to every published state; returns the function that stops listening. */
  onChange(listener: (state: CheckoutState) => void): () => void {
    return this.changes.on('changed', listener);
  }

  /** Stops following the engine's events, and journals the cart's last change if it is not yet. */
  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.journal.flush();
  }

  /** The state as the screens show it. */
  state(): CheckoutState {
    const { cart } = this;
    const sale = cart.saleId ? this.saleOf(cart.saleId) : null;
    return {
      cartId: cart.cartId,
      version: this.version,
      lines: cart.lines.map((l) => ({ ...l, amount: lineAmount(l) })),
      saleDiscount: cart.saleDiscount,
      totals: cartTotals(cart),
      sale,
      locked: this.lockReason(sale),
      ...this.tenders.view(),
      refusal: this.refusal,
      lastReceipt: this.lastReceipt,
    };
  }

  /**
   * Adds an item or an open-price line. An open-price line over the limit
   * needs `confirmed`: a mis-framed scan typed into the amount field once
   * became a ₩1,347,289,539 line.
   */
  addLine(line: NewLine, options: { confirmed?: boolean } = {}): CheckoutState {
    const limit = this.deps.openPriceLimit ?? DEFAULT_OPEN_PRICE_LIMIT;
    const amount = line.unitPrice * line.quantity;
    if (line.itemId === undefined && amount > limit && !options.confirmed) {
      throw new InvalidInputError('open-price-over-limit', `An open-price line of ${amount} is over the ${limit} the till allows without a confirmation: confirm the amount.`);
    }
    return this.changeLines((cart) => withLine(cart, line));
  }

  /** Sets a line's quantity. */
  setQuantity(lineId: string, quantity: number): CheckoutState {
    return this.changeLines((cart) => withQuantity(cart, lineId, quantity));
  }

  /** A discount on one line, or on the sale when no line is named. */
  discount(request: DiscountRequest): CheckoutState {
    return this.changeLines((cart) => withDiscount(cart, request));
  }

  /** Takes a line out of the sale. */
  removeLine(lineId: string): CheckoutState {
    return this.changeLines((cart) => withoutLine(cart, lineId));
  }

  /** Split tender: the next tender takes only `amount` (null: all that is due). */
  setPart(amount: number | null): CheckoutState {
    this.tenders.setPart(amount);
    return this.publish();
  }

  /** CPM: the customer's wallet code (typed, pasted or scanned); answers once its outcome is settled. */
  async payByCode(code: string): Promise<CheckoutState> {
    await this.tenders.payByCode(code);
    return this.state();
  }

  /**
   * A scanner's code that reached the session without a caller (the scanner
   * hub): it pays like `payByCode`, and a refusal is published in the state
   * for the screen to show, since nobody awaits it.
   */
  async scan(code: string): Promise<void> {
    try {
      await this.payByCode(code);
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error;
      this.refusal = { code: error.code, message: error.message, seq: (this.refusal?.seq ?? 0) + 1 };
      this.publish();
    }
  }

  /** MPM: shows a payment QR on the customer display; its outcome arrives as published state. */
  async showQr(): Promise<CheckoutState> {
    await this.tenders.showQr();
    return this.state();
  }

  /** Takes an online payment QR down (the gateway cancels its order); offline, the customer did not pay. */
  cancelQr(): CheckoutState {
    this.tenders.cancelQr();
    return this.state();
  }

  /** Offline QR: the cashier saw the customer's paid screen (a manager's PIN vouches for it), or saw them give up. */
  async settleOfflineQr(settlement: OfflineQrSettlement): Promise<CheckoutState> {
    await this.tenders.settleOfflineQr(settlement);
    return this.state();
  }

  /**
   * Cash handed over: covers what is due (or the part asked for: never more
   * than is due, and only the last tender gives change) and returns the
   * change. A 현금영수증 asked with it is checked before the cash is taken.
   */
  async cash(tendered: number, cashReceipt?: CashReceiptAsk): Promise<CheckoutState> {
    await this.tenders.cash(tendered, cashReceipt);
    return this.state();
  }

  /** 현금영수증 right after the sale, for its cash tender. */
  cashReceipt(ask: CashReceiptAsk): CheckoutState {
    this.tenders.cashReceipt(ask);
    return this.publish();
  }

  /**
   * A card paid on the card terminal: records its slip for `amount`, or the
   * part asked for, or all that is due. Never more than is due (no change on a card).
   */
  async cardSlip(slip: CardApproval, amount?: number): Promise<CheckoutState> {
    await this.tenders.cardSlip(slip, amount);
    return this.state();
  }

  /** Cancels the sale (refused once money was taken: void it first) and empties the cart. */
  cancelSale(): CheckoutState {
    this.tenders.refuseWhileActive();
    const { saleId } = this.cart;
    if (saleId && this.deps.engine.store.sale(saleId)?.state === 'open') this.deps.engine.abandonSale(saleId, 'cancelled at the counter');
    this.tenders.clearOutcome();
    this.closeCart();
    return this.state();
  }

  /** Clears the last outcome (the cashier dismissed it). */
  dismiss(): CheckoutState {
    this.tenders.clearOutcome();
    this.refusal = null;
    return this.publish();
  }

  private changeLines(change: (cart: CartBody) => CartBody): CheckoutState {
    const sale = this.cart.saleId ? this.saleOf(this.cart.saleId) : null;
    const locked = this.lockReason(sale);
    if (locked) throw new SaleStateError(locked.code, locked.message);
    const next = change(this.cart);
    this.tenders.clearOutcome();
    this.refusal = null;
    // A sale journaled for a payment that did not go through (declined) is given up when its lines change;
    // the next payment journals the cart as it is then.
    if (sale?.state === 'open') {
      this.deps.engine.abandonSale(sale.saleId, 'cart changed');
      this.save({ ...next, saleId: null });
      return this.publish();
    }
    // The screens first, then the journal: the line a scan adds is painted without waiting for the disk.
    this.cart = next;
    const state = this.publish();
    this.journal.saveSoon(next);
    return state;
  }

  private lockReason(sale: CheckoutSale | null): CheckoutState['locked'] {
    if (this.tenders.busy()) return { code: 'sale-locked', message: LOCKED_MESSAGE };
    if (sale?.state === 'open' && (sale.balance.paid > 0 || sale.balance.inFlight > 0)) return { code: 'sale-locked', message: LOCKED_MESSAGE };
    return null;
  }

  /** What the tenders ask of the session: the sale to pay, what is due, and a sale paid in full. */
  private tenderHost(): TenderHost {
    return {
      saleToPay: () => this.saleToPay(),
      due: () => {
        const sale = this.cart.saleId ? this.saleOf(this.cart.saleId) : null;
        return sale?.state === 'open' ? sale.balance.due : cartTotals(this.cart).total;
      },
      lastSaleId: () => this.cart.saleId ?? this.lastReceipt?.saleId ?? null,
      completed: (saleId, receiptNumber) => {
        this.lastReceipt = { saleId, receiptNumber };
        if (this.cart.saleId === saleId) this.closeCart();
        else this.publish();
      },
      publish: () => void this.publish(),
    };
  }

  /** The cart's journaled sale, opened from its lines if it has none open yet. */
  private saleToPay(): string {
    const { cart } = this;
    if (cart.lines.length === 0) throw new SaleStateError('nothing-to-pay', 'There is nothing in the sale to pay for.');
    // A receipt must name the seller (상호, 사업자등록번호, 대표자): a live till takes no money until it can (issue 13 point 8).
    const missing = this.deps.missingDetails?.() ?? [];
    if (missing.length > 0) {
      throw new SaleStateError('store-details-missing', `The receipt lacks the store's ${missing.join(', ')}: set them in Settings before taking a payment.`);
    }
    this.refusal = null;
    if (cart.saleId && this.deps.engine.store.sale(cart.saleId)?.state === 'open') return cart.saleId;
    const { saleId } = this.deps.engine.openSale({
      lines: cart.lines.map((l) => ({ ...(l.itemId ? { itemId: l.itemId } : {}), name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, tax: l.tax, ...(l.discount ? { discount: l.discount } : {}) })),
      saleDiscount: cart.saleDiscount,
    });
    this.save({ ...cart, saleId });
    return saleId;
  }

  /** The sale is done (or given up): the next customer starts with an empty cart. */
  private closeCart(): void {
    this.save(emptyCart(this.deps.ids.next('C')));
    this.tenders.clearPart();
    this.publish();
  }

  private saleOf(saleId: string): CheckoutSale | null {
    const row = this.deps.engine.store.sale(saleId);
    if (!row) return null;
    return { saleId, state: row.state, receiptNumber: row.receiptNumber, balance: this.deps.engine.balance(saleId) };
  }

  /** Journals the cart now (with any change not yet journaled): a sale is being opened or closed on it. */
  private save(cart: CartBody): void {
    this.journal.save(cart);
    this.cart = cart;
  }

  private publish(): CheckoutState {
    this.version += 1;
    const state = this.state();
    this.changes.emit('changed', state);
    return state;
  }
}
