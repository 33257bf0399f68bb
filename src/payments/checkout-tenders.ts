import type { CardApproval } from '../devices/card-terminal.js';
import type { Logger } from '../platform/logger.js';
import type { CashReceiptAsk } from './cash-receipts.js';
import { type CheckoutOutcome, type TenderInFlight, outcomeOf, tenderInFlight } from './checkout-outcome.js';
import type { TenderOutcome } from './cpm-flow.js';
import { InvalidInputError, SaleStateError } from './errors.js';
import { requireRole } from './roles.js';
import type { PaymentEngine } from './payment-engine.js';
import type { TenderMethod } from './payment-states.js';

/** The parts of the engine the tenders drive. */
export type TenderEngine = Pick<
  PaymentEngine,
  'payByCode' | 'showPaymentQr' | 'abortPaymentQr' | 'settleOfflineQr' | 'takeCash' | 'takeCardSlip' | 'requestCashReceipt' | 'store' | 'staff'
>;

/** The cashier's word on an offline QR; "paid" needs a manager's PIN (issue 14 point 3). */
export type OfflineQrSettlement = { customerPaid: true; managerPin?: string } | { customerPaid: false };

/** What the tenders need of the checkout session they serve. */
export interface TenderHost {
  /** The journaled sale of the cart, opened from it if needed (refused when there is nothing to pay). */
  saleToPay(): string;
  /** What the next tender may take at most. */
  due(): number;
  /** The sale a 현금영수증 right after payment is for: the cart's, or the last receipt's. */
  lastSaleId(): string | null;
  /** A sale was paid in full by a tender (its receipt number is set). */
  completed(saleId: string, receiptNumber: string): void;
  /** The session publishes its state. */
  publish(): void;
}

type Active = { method: TenderMethod; tenderId: string | null; qr?: { offline: boolean; qrPayload: string | null; expiresAt: number | null } };

/**
 * The tender side of the checkout session (checkout-session.ts): one tender
 * command at a time, the part of what is due the next one takes, and how the
 * last one ended. Each command opens the sale from the cart if needed, and
 * the tender in flight keeps the cart's lines locked until its outcome.
 */
export class CheckoutTenders {
  /** The tender command being carried out (from its start until its outcome). */
  private active: Active | null = null;
  private part: number | null = null;
  private outcome: CheckoutOutcome | null = null;

  constructor(private readonly deps: { engine: TenderEngine; host: TenderHost; logger: Logger }) {}

  /** Whether a tender command is under way (the lines are locked meanwhile). */
  busy(): boolean {
    return this.active !== null;
  }

  /** The tender side of the published state. */
  view(): { part: number | null; tender: TenderInFlight | null; outcome: CheckoutOutcome | null } {
    return { part: this.part, tender: this.active ? tenderInFlight(this.deps.engine.store, this.active) : null, outcome: this.outcome };
  }

  /** A tender of the running command was journaled: the screens follow its states from now on (a CPM password wait). */
  journaled(tenderId: string): void {
    if (this.active && this.active.tenderId === null) this.active.tenderId = tenderId;
  }

  /** Forgets the last outcome (dismissed, or the cart changed). */
  clearOutcome(): void {
    this.outcome = null;
  }

  /** Forgets the part asked for (the cart is done with). */
  clearPart(): void {
    this.part = null;
  }

  /** Refuses anything else while a tender command is under way. */
  refuseWhileActive(): void {
    if (this.active) {
      throw new SaleStateError('tender-in-flight', 'A payment is still in progress: wait for its outcome before anything else.');
    }
  }

  /** Split tender: the next tender takes only `amount` (null: all that is due). */
  setPart(amount: number | null): void {
    if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0)) {
      throw new InvalidInputError('bad-amount', `A part payment must be a whole positive amount, not ${amount}.`);
    }
    const due = this.deps.host.due();
    if (amount !== null && amount > due) throw new InvalidInputError('part-over-due', `Only ${due} is due: a part payment cannot be ${amount}.`);
    this.part = amount;
  }

  /** CPM: the customer's wallet code; settles once its outcome is. */
  payByCode(code: string): Promise<void> {
    return this.take('cpm', (saleId, amount) => this.deps.engine.payByCode(saleId, code, amount));
  }

  /** MPM: shows a payment QR on the customer display; its outcome comes later, published. */
  async showQr(): Promise<void> {
    const saleId = this.begin('mpm');
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
          this.end();
        },
      );
      this.deps.host.publish();
    } catch (error) {
      this.end();
      throw error;
    }
  }

  /** Takes an online payment QR down (the gateway cancels its order); offline, the customer did not pay. */
  cancelQr(): void {
    const active = this.requireQr();
    if (active.qr.offline) return this.settle(active.tenderId, false);
    this.deps.engine.abortPaymentQr(active.tenderId);
  }

  /**
   * Offline QR: the cashier saw the customer's paid screen, or saw them give
   * up. "Paid" completes the sale before the gateway has seen a won, so it
   * takes a manager's PIN, checked here whatever the screen did.
   */
  async settleOfflineQr(settlement: OfflineQrSettlement): Promise<void> {
    const { tenderId } = this.requireQr();
    if (!settlement.customerPaid) return this.settle(tenderId, false);
    const member = await requireRole(this.deps.engine.staff, settlement.managerPin, 'manager');
    // A QR taken down meanwhile is no longer `created`: the engine refuses it (tender-settled).
    this.settle(tenderId, true, member.staffId);
  }

  private settle(tenderId: string, customerPaid: boolean, vouchedBy?: string): void {
    // The MPM outcome promise settles too; finishing twice is harmless.
    this.finish(this.deps.engine.settleOfflineQr(tenderId, customerPaid, vouchedBy));
  }

  /** Cash handed over, for what is due or the part asked for; the change is in the outcome. */
  cash(tendered: number, cashReceipt?: CashReceiptAsk): Promise<void> {
    return this.take('cash', async (saleId, part) => {
      const taken = await this.deps.engine.takeCash(saleId, tendered, { ...(part !== undefined ? { part } : {}), ...(cashReceipt ? { cashReceipt } : {}) });
      return { tender: taken.tender, change: taken.change };
    });
  }

  /**
   * 현금영수증 right after the sale: for the cash tender the last outcome
   * shows, or else the last cash taken on the sale of the last receipt.
   */
  cashReceipt(ask: CashReceiptAsk): void {
    const { store } = this.deps.engine;
    const outcome = this.outcome;
    const saleId = this.deps.host.lastSaleId();
    const tenderId =
      outcome?.kind === 'approved' && outcome.method === 'cash'
        ? outcome.tenderId
        : saleId
          ? store.tendersOfSale(saleId).findLast((t) => t.method === 'cash' && t.state === 'approved')?.tenderId
          : undefined;
    if (!tenderId) throw new SaleStateError('not-cash', 'A cash receipt can only be issued for cash taken.');
    this.deps.engine.requestCashReceipt(tenderId, ask);
  }

  /** A card slip of the card terminal, for `amount`, the part asked for, or all that is due. */
  cardSlip(slip: CardApproval, amount?: number): Promise<void> {
    return this.take('card', (saleId, part) => this.deps.engine.takeCardSlip(saleId, slip, amount ?? part));
  }

  /**
   * The door for every kind of tender that answers at once (CPM, cash, card
   * slip): opens the sale, locks the lines while `start` runs and keeps its
   * outcome. `start` gets the sale id and the part asked for.
   */
  private async take(method: TenderMethod, start: (saleId: string, amount: number | undefined) => Promise<TenderOutcome & { change?: number }>): Promise<void> {
    const saleId = this.begin(method);
    try {
      const outcome = await start(saleId, this.takePart());
      this.finish(outcome, outcome.change ?? null);
    } finally {
      this.end();
    }
  }

  /** Opens the sale of the cart if needed, and marks a tender under way. */
  private begin(method: TenderMethod): string {
    this.refuseWhileActive();
    const saleId = this.deps.host.saleToPay();
    this.active = { method, tenderId: null };
    this.outcome = null;
    this.deps.host.publish();
    return saleId;
  }

  private end(): void {
    if (!this.active) return;
    this.active = null;
    this.deps.host.publish();
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
    if (sale?.state === 'completed' && sale.receiptNumber) this.deps.host.completed(sale.saleId, sale.receiptNumber);
    else this.deps.host.publish();
  }

  private requireQr(): { tenderId: string; qr: NonNullable<Active['qr']> } {
    const active = this.active;
    if (!active?.qr || !active.tenderId) throw new SaleStateError('no-qr', 'No payment QR is shown.');
    return { tenderId: active.tenderId, qr: active.qr };
  }
}
