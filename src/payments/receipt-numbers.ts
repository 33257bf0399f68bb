import type { Clock } from '../platform/clock.js';
import { businessDateOf } from './business-date.js';
import type { PaymentStore } from './payment-store.js';

/**
 * Business days and the numbers printed on receipts and in offline QR codes.
 * A business day opens with its first sale and is dated by the clock and the
 * store's cut-off hour; it stays open until its close-out (Z report). Receipt
 * numbers restart each business day; bill numbers never repeat on a terminal,
 * because the gateway matches offline MPM payments by them.
 */
export class ReceiptNumbers {
  constructor(
    private readonly store: PaymentStore,
    private readonly clock: Clock,
    private readonly terminalId: string,
    /** The store's cut-off hour (KST): a 02:00 first sale with cut-off 4 opens the previous date. */
    private readonly cutoffHour: number,
  ) {}

  /**
   * The business date of now (the clock and the cut-off, see
   * businessDateOf), opening that day if this is its first event. An older
   * day nobody closed stays open for its late Z. Call inside a transaction.
   */
  currentBusinessDate(): string {
    const businessDate = businessDateOf(this.clock.now(), this.cutoffHour, (date) => this.store.businessDay(date)?.closed === true);
    if (!this.store.businessDay(businessDate)) this.store.writeInTransaction('business-day.opened', `day:${businessDate}`, { businessDate });
    return businessDate;
  }

  /** The next receipt number of a business day: `20260105-T01-0001`. Call inside a transaction. */
  nextReceipt(businessDate: string): { receiptNumber: string; receiptSeq: number } {
    const receiptSeq = this.store.counter(`receipt:${businessDate}`) + 1;
    const receiptNumber = `${businessDate.replaceAll('-', '')}-${this.terminalId}-${String(receiptSeq).padStart(4, '0')}`;
    return { receiptNumber, receiptSeq };
  }

  /**
   * The next bill number (EMV tag 62-01, at most 25 characters): the terminal
   * id and a counter that never restarts. Call inside a transaction.
   */
  nextBill(): { billNumber: string; billSeq: number } {
    const billSeq = this.store.counter('bill') + 1;
    const billNumber = `${this.terminalId}B${String(billSeq).padStart(8, '0')}`.slice(-25);
    return { billNumber, billSeq };
  }
}
