import type { DiskReserve } from './disk-reserve.js';
import type { ProjectionHold } from './projection-hold.js';
import { SaleStateError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import { countsAsPaid, holdsDue, isInFlight } from './payment-states.js';
import type { PaymentStore, SaleRow, TenderRow } from './payment-store.js';
import type { ReceiptPrintRequests } from './ports.js';
import type { ReceiptNumbers } from './receipt-numbers.js';
import { type Cart, priceSale } from './sale.js';

/** Where a sale's money stands. */
export interface SaleBalance {
  total: number;
  /** Covered by approved (or offline-pending) tenders, less what was refunded or voided. */
  paid: number;
  /** Reserved by tenders whose outcome is still open. */
  inFlight: number;
  /** What the cashier still has to take. */
  due: number;
}

/**
 * Opens, completes and abandons sales. A sale is journaled when payment
 * starts (its lines and VAT split are fixed from then on), completes with a
 * receipt number once its tenders cover the total, and is uploaded to the
 * gateway then (outbox). Sales cannot be abandoned while money is taken or
 * in flight: those tenders must be voided first.
 */
export class SaleService {
  constructor(
    private readonly deps: {
      store: PaymentStore;
      ids: IdFactory;
      numbers: ReceiptNumbers;
      events: PaymentEvents;
      reserve: DiskReserve;
      hold: ProjectionHold;
      printer?: ReceiptPrintRequests;
    },
  ) {}

  /** Prices the cart and journals the sale; refused while new sales are suspended (disk full, payment tables drifted from the journal). */
  open(cart: Cart): SaleRow {
    const { store, ids, numbers, reserve, hold, events } = this.deps;
    reserve.assertSalesAllowed();
    hold.assertMoneyMayMove();
    const priced = priceSale(cart);
    const saleId = ids.next('S');
    store.atomically(() => {
      const businessDate = numbers.currentBusinessDate();
      store.writeInTransaction('sale.opened', saleId, {
        saleId,
        businessDate,
        currency: priced.currency,
        lines: priced.lines,
        saleDiscount: priced.saleDiscount,
        total: priced.total,
        vat: priced.vat,
        ...(priced.cashierId ? { cashierId: priced.cashierId } : {}),
      });
    });
    events.emit('sale', { saleId, state: 'open' });
    return store.sale(saleId)!;
  }

  /** The open sale, or SaleStateError. */
  requireOpen(saleId: string): SaleRow {
    const sale = this.deps.store.sale(saleId);
    if (!sale) throw new SaleStateError('sale-not-found', `There is no sale ${saleId}.`);
    if (sale.state !== 'open') throw new SaleStateError('sale-closed', `Sale ${saleId} is already ${sale.state}.`);
    return sale;
  }

  /** What is paid, in flight and still due on a sale. */
  balance(saleId: string): SaleBalance {
    const sale = this.deps.store.sale(saleId);
    if (!sale) throw new SaleStateError('sale-not-found', `There is no sale ${saleId}.`);
    const tenders = this.deps.store.tendersOfSale(saleId);
    const paid = tenders.filter((t) => countsAsPaid(t.state)).reduce((a, t) => a + t.amount - t.refunded, 0);
    const inFlight = sumOf(tenders.filter((t) => holdsDue(t.state)));
    return { total: sale.total, paid, inFlight, due: sale.total - paid - inFlight };
  }

  /**
   * Completes the sale if its tenders cover the total and none is still in
   * flight: receipt number, journal row (queued for the gateway), receipt.
   * Returns the sale either way.
   *
   * The receipt is numbered in the business date of now, which is the
   * sale's own day except for a sale the Z carried over as open ("record as
   * open"): its receipt is issued today, so it takes today's next number and
   * counts in today's receipts, and the closed day's numbering stays as its
   * Z printed it (docs/closeout.md, "Sales carried over").
   */
  completeIfPaid(saleId: string): SaleRow {
    const receiptNumber = this.deps.store.atomically(() => this.completeInTransaction(saleId));
    if (receiptNumber) this.announceCompleted(saleId, receiptNumber);
    return this.deps.store.sale(saleId)!;
  }

  /**
   * `completeIfPaid` for a caller that commits the payment that settles the
   * sale in the same transaction (inside `store.atomically`): returns the
   * receipt number if the sale completed; the caller then calls
   * `announceCompleted`, once committed.
   */
  completeInTransaction(saleId: string): string | undefined {
    const { store, numbers } = this.deps;
    const sale = store.sale(saleId);
    if (!sale || sale.state !== 'open') return undefined;
    const balance = this.balance(saleId);
    if (balance.inFlight > 0 || balance.paid < sale.total) return undefined;
    const businessDate = numbers.currentBusinessDate();
    const { receiptNumber, receiptSeq } = numbers.nextReceipt(businessDate);
    store.writeInTransaction(
      'sale.completed',
      saleId,
      {
        saleId,
        receiptNumber,
        receiptSeq,
        businessDate,
        total: sale.total,
        currency: sale.currency,
        vat: store.saleOpened(saleId).vat,
        tenders: store
          .tendersOfSale(saleId)
          .filter((t) => countsAsPaid(t.state))
          .map((t) => ({ tenderId: t.tenderId, method: t.method, amount: t.amount })),
      },
      { sync: true },
    );
    return receiptNumber;
  }

  /** Tells listeners a sale completed (committed) and asks for its receipt. */
  announceCompleted(saleId: string, receiptNumber: string): void {
    const { events, printer } = this.deps;
    events.emit('sale', { saleId, state: 'completed', receiptNumber });
    printer?.requestReceipt({ kind: 'sale', saleId, receiptNumber });
  }

  /** Gives up on an open sale nothing was taken for. */
  abandon(saleId: string, reason: string): SaleRow {
    const { store, events } = this.deps;
    this.requireOpen(saleId);
    const balance = this.balance(saleId);
    // A reversal still waiting for its acknowledgement does not keep the sale open: it goes on by
    // itself, on the tender, whatever becomes of the sale.
    const open = store.tendersOfSale(saleId).some((t) => isInFlight(t.state));
    if (balance.paid > 0 || open) {
      throw new SaleStateError('sale-has-payments', 'This sale has payments: void them before cancelling the sale.');
    }
    store.write('sale.abandoned', saleId, { saleId, reason });
    events.emit('sale', { saleId, state: 'abandoned' });
    return store.sale(saleId)!;
  }

  /** The tenders of a sale. */
  tenders(saleId: string): TenderRow[] {
    return this.deps.store.tendersOfSale(saleId);
  }
}

function sumOf(tenders: readonly TenderRow[]): number {
  return tenders.reduce((a, t) => a + t.amount, 0);
}
