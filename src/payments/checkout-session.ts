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
import { type CheckoutOutcome, type TenderInFlight, outcomeOf, tenderInFlight } from './checkout-outcome.js';
import type { CashReceiptAsk } from './cash-receipts.js';
import type { TenderOutcome } from './cpm-flow.js';
import { InvalidInputError, PaymentError, SaleStateError } from './errors.js';
import type { IdFactory } from './ids.js';
import type { PaymentEngine } from './payment-engine.js';
import type { TenderMethod } from './payment-states.js';
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
export type CheckoutEngine = Pick<
  PaymentEngine,
  'openSale' | 'abandonSale' | 'balance' | 'payByCode' | 'showPaymentQr' | 'abortPaymentQr' | 'settleOfflineQr' | 'takeCash' | 'takeCardSlip' | 'requestCashReceipt' | 'store' | 'events'
>;

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
  private part: number | null = null;
  /** The tender command being carried out (from its start until its outcome). */
  private active: { method: TenderMethod; tenderId: string | null; qr?: { offline: boolean; qrPayload: string | null; expiresAt: number | null } } | null =
    null;
  private outcome: CheckoutOutcome | null = null;
  private refusal: CheckoutState['refusal'] = null;
  private lastReceipt: CheckoutState['lastReceipt'] = null;
  private readonly changes: DeviceEvents<{ changed: CheckoutState }>;
  private readonly journal: CartJournal;
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly deps: { engine: CheckoutEngine; ids: Pick<IdFactory, 'next'>; logger: Logger },
  ) {
    this.changes = new DeviceEvents(deps.logger);
    this.journal = new CartJournal(deps.engine.store, deps.logger);
    this.cart = this.journal.restore() ?? emptyCart(deps.ids.next('C'));
    const { events } = deps.engine;
    this.unsubscribe = [
      events.on('tender', (e) => {
        if (e.saleId !== this.cart.saleId) return;
        // The tender the running command opened: the screens follow its states (a CPM password wait).
        if (this.active && this.active.tenderId === null && e.from === null) this.active.tenderId = e.tenderId;
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
      part: this.part,
      tender: this.active ? tenderInFlight(this.deps.engine.store, this.active) : null,
      outcome: this.outcome,
      refusal: this.refusal,
      lastReceipt: this.lastReceipt,
    };
  }

  /** Adds an item or an open-price line. */
  addLine(line: NewLine): CheckoutState {
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
    if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0)) {
      throw new InvalidInputError('bad-amount', `A part payment must be a whole positive amount, not ${amount}.`);
    }
    const sale = this.cart.saleId ? this.saleOf(this.cart.saleId) : null;
    const due = sale?.state === 'open' ? sale.balance.due : cartTotals(this.cart).total;
    if (amount !== null && amount > due) throw new InvalidInputError('part-over-due', `Only ${due} is due: a part payment cannot be ${amount}.`);
    this.part = amount;
    return this.publish();
  }

  /** CPM: the customer's wallet code (typed, pasted or scanned); answers once its outcome is settled. */
  payByCode(code: string): Promise<CheckoutState> {
    return this.takeTender('cpm', (saleId, amount) => this.deps.engine.payByCode(saleId, code, amount));
  }

  /**
   * A scanner's code that reached the session without a caller (the scanner
   * hub): it pays like `payByCode`, and a refusal is published in the state
   * for the screen to show, since nobody awaits it.
   */
  async scanned(code: string): Promise<void> {
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
    const saleId = this.beginTender('mpm');
    try {
      const session = await this.deps.engine.showPaymentQr(saleId, this.takePart());
      this.active = {
        method: session.offline ? 'mpm-offline' : 'mpm',
        tenderId: session.tenderId,
        qr: { offline: session.offline, qrPayload: session.qrPayload ?? null, expiresAt: session.expiresAt ?? null },
      };
      session.outcome.then(
        (outcome) => this.finish(outcome),
        (err: unknown) => {
          this.deps.logger.error({ err, tenderId: session.tenderId }, 'payment QR outcome failed');
          this.endTender();
        },
      );
      return this.publish();
    } catch (error) {
      this.endTender();
      throw error;
    }
  }

  /** Takes an online payment QR down (the gateway cancels its order); offline, the customer did not pay. */
  cancelQr(): CheckoutState {
    const active = this.requireQr();
    if (active.qr.offline) return this.settleOfflineQr(false);
    this.deps.engine.abortPaymentQr(active.tenderId);
    return this.state();
  }

  /** Offline QR: the cashier saw the customer's paid screen, or saw them give up. */
  settleOfflineQr(customerPaid: boolean): CheckoutState {
    const active = this.requireQr();
    // The MPM outcome promise settles too; finishing twice is harmless.
    this.finish(this.deps.engine.settleOfflineQr(active.tenderId, customerPaid));
    return this.state();
  }

  /**
   * Cash handed over: covers what is due (or the part asked for: never more
   * than is due, and only the last tender gives change) and returns the
   * change. A 현금영수증 asked with it is checked before the cash is taken.
   */
  cash(tendered: number, cashReceipt?: CashReceiptAsk): Promise<CheckoutState> {
    return this.takeTender('cash', async (saleId, part) => {
      const taken = await this.deps.engine.takeCash(saleId, tendered, { ...(part !== undefined ? { part } : {}), ...(cashReceipt ? { cashReceipt } : {}) });
      return { tender: taken.tender, change: taken.change };
    });
  }

  /**
   * 현금영수증 right after the sale: for the cash tender the last outcome
   * shows, or else the last cash taken on the sale of the last receipt.
   */
  cashReceipt(ask: CashReceiptAsk): CheckoutState {
    const { store } = this.deps.engine;
    const outcome = this.outcome;
    const saleId = this.cart.saleId ?? this.lastReceipt?.saleId;
    const tenderId =
      outcome?.kind === 'approved' && outcome.method === 'cash'
        ? outcome.tenderId
        : saleId
          ? store.tendersOfSale(saleId).findLast((t) => t.method === 'cash' && t.state === 'approved')?.tenderId
          : undefined;
    if (!tenderId) throw new SaleStateError('not-cash', 'A cash receipt can only be issued for cash taken.');
    this.deps.engine.requestCashReceipt(tenderId, ask);
    return this.publish();
  }

  /**
   * A card paid on the card terminal: records its slip for `amount`, or the
   * part asked for, or all that is due. Never more than is due (no change on a card).
   */
  cardSlip(slip: CardApproval, amount?: number): Promise<CheckoutState> {
    return this.takeTender('card', (saleId, part) => this.deps.engine.takeCardSlip(saleId, slip, amount ?? part));
  }

  /**
   * The door for every kind of tender (card slip and any later one): opens
   * the sale from the cart if needed, locks the lines while `start` runs and
   * publishes its outcome. `start` gets the sale id and the part asked for.
   */
  async takeTender(method: TenderMethod, start: (saleId: string, amount: number | undefined) => Promise<TenderOutcome & { change?: number }>): Promise<CheckoutState> {
    const saleId = this.beginTender(method);
    try {
      const outcome = await start(saleId, this.takePart());
      this.finish(outcome, outcome.change ?? null);
      return this.state();
    } finally {
      this.endTender();
    }
  }

  /** Cancels the sale (refused once money was taken: void it first) and empties the cart. */
  cancelSale(): CheckoutState {
    this.refuseWhileActive();
    const { saleId } = this.cart;
    if (saleId && this.deps.engine.store.sale(saleId)?.state === 'open') this.deps.engine.abandonSale(saleId, 'cancelled at the counter');
    this.outcome = null;
    this.closeCart();
    return this.state();
  }

  /** Clears the last outcome (the cashier dismissed it). */
  dismiss(): CheckoutState {
    this.outcome = null;
    this.refusal = null;
    return this.publish();
  }

  private changeLines(change: (cart: CartBody) => CartBody): CheckoutState {
    const sale = this.cart.saleId ? this.saleOf(this.cart.saleId) : null;
    const locked = this.lockReason(sale);
    if (locked) throw new SaleStateError(locked.code, locked.message);
    const next = change(this.cart);
    this.outcome = null;
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
    if (this.active) return { code: 'sale-locked', message: LOCKED_MESSAGE };
    if (sale?.state === 'open' && (sale.balance.paid > 0 || sale.balance.inFlight > 0)) return { code: 'sale-locked', message: LOCKED_MESSAGE };
    return null;
  }

  private refuseWhileActive(): void {
    if (this.active) {
      throw new SaleStateError('tender-in-flight', 'A payment is still in progress: wait for its outcome before anything else.');
    }
  }

  /** Journals the cart as a sale if it is not yet, and marks a tender under way. */
  private beginTender(method: TenderMethod): string {
    this.refuseWhileActive();
    const { cart } = this;
    if (cart.lines.length === 0) throw new SaleStateError('nothing-to-pay', 'There is nothing in the sale to pay for.');
    let saleId = cart.saleId;
    if (!saleId || this.deps.engine.store.sale(saleId)?.state !== 'open') {
      saleId = this.deps.engine.openSale({
        lines: cart.lines.map((l) => ({ ...(l.itemId ? { itemId: l.itemId } : {}), name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, tax: l.tax, ...(l.discount ? { discount: l.discount } : {}) })),
        saleDiscount: cart.saleDiscount,
      }).saleId;
      this.save({ ...cart, saleId });
    }
    this.active = { method, tenderId: null };
    this.outcome = null;
    this.refusal = null;
    this.publish();
    return saleId;
  }

  private endTender(): void {
    if (!this.active) return;
    this.active = null;
    this.publish();
  }

  private takePart(): number | undefined {
    const part = this.part;
    this.part = null;
    return part ?? undefined;
  }

  private finish(outcome: TenderOutcome, change: number | null = null): void {
    if (this.active?.tenderId === outcome.tender.tenderId || this.active?.tenderId === null) this.active = null;
    const sale = this.deps.engine.store.sale(outcome.tender.saleId);
    this.outcome = outcomeOf(outcome, sale, change);
    if (sale?.state === 'completed' && sale.receiptNumber) {
      this.lastReceipt = { saleId: sale.saleId, receiptNumber: sale.receiptNumber };
      if (this.cart.saleId === sale.saleId) return this.closeCart();
    }
    this.publish();
  }

  private requireQr(): { tenderId: string; qr: NonNullable<NonNullable<CheckoutSession['active']>['qr']> } {
    const active = this.active;
    if (!active?.qr || !active.tenderId) throw new SaleStateError('no-qr', 'No payment QR is shown.');
    return { tenderId: active.tenderId, qr: active.qr };
  }

  /** The sale is done (or given up): the next customer starts with an empty cart. */
  private closeCart(): void {
    this.save(emptyCart(this.deps.ids.next('C')));
    this.part = null;
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
