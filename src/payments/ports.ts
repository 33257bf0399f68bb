/**
 * What the payment engine needs from the counter's hardware and timers,
 * kept minimal so the engine runs under plain Node in tests. The cash drawer
 * port is src/devices/drawer.ts (CashDrawer); these are the others.
 */

/** A merchant-presented QR for the customer display (second screen or pole display). */
export interface PaymentQrPresentation {
  tenderId: string;
  qrPayload: string;
  currency: string;
  amount: number;
  /** Wall-clock ms when the code stops being payable. */
  expiresAt: number;
  /** True for the locally built QR shown while the gateway is unreachable. */
  offline: boolean;
}

/** The customer display as far as payments are concerned. */
export interface PaymentQrDisplay {
  showPaymentQr(presentation: PaymentQrPresentation): void;
  /** Takes the QR down (paid, expired or aborted). */
  clearPaymentQr(tenderId: string): void;
}

/** What to print, named; the receipt layout (src/receipts) fetches the sale itself. */
export interface ReceiptPrintRequest {
  /** A sale receipt, a refund slip, or the 현금영수증 slip once the cash receipt is issued. */
  kind: 'sale' | 'refund' | 'cash-receipt';
  saleId: string;
  receiptNumber: string;
  refundId?: string;
  tenderId?: string;
}

/** The receipt printer as far as payments are concerned: asks for a receipt, never waits for paper. */
export interface ReceiptPrintRequests {
  requestReceipt(request: ReceiptPrintRequest): void;
}

/** Waiting between inquiries and retries; tests pass one that moves a ManualClock. */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

/** Real timers. */
export const realSleeper: Sleeper = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
