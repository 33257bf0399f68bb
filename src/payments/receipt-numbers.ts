import type { Clock } from '../platform/clock.js';
import { businessDateAt } from '../platform/business-time.js';
import type { PaymentStore } from './payment-store.js';

/**
 * Business days and the numbers printed on receipts and in offline QR codes.
 * A business day opens with its first sale and lasts until the close-out
 * (Z report) closes it, so a shop open past midnight keeps one day. Receipt
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
   * The open business day's date, opening one if none is open (only the
   * very first day: after that every Z opens the next). Call inside a transaction.
   */
  currentBusinessDate(): string {
    const open = this.store.openBusinessDate();
    if (open) return open;
    const businessDate = businessDateAt(this.clock.now(), this.cutoffHour);
    this.store.writeInTransaction('business-day.opened', `day:${businessDate}`, { businessDate });
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

  /** Closes the open business day (the close-out calls this with its Z report). */
  closeBusinessDay(): string | undefined {
    return this.store.atomically(() => {
      const open = this.store.openBusinessDate();
      if (open) this.store.writeInTransaction('business-day.closed', `day:${open}`, { businessDate: open });
      return open;
    });
  }
}
