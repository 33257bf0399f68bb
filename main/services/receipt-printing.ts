import type { PrintOutcome } from '../../src/api/index.js';
import type { ReceiptPrinter } from '../../src/devices/printer.js';
import type { ReceiptDocument } from '../../src/receipts/index.js';
import type { SaleReceipts } from '../../src/payments/sale-receipts.js';
import { sampleReceipt } from '../../native/printer/index.js';

/** What the screens ask of the receipt printer: a sale's receipt again, the test page, any other paper. */
export interface TillReceipts {
  reprint(saleId: string): Promise<PrintOutcome>;
  testPrint(): Promise<PrintOutcome>;
  /** A document built elsewhere (the store's close-out), through the durable print queue. */
  print(document: ReceiptDocument): Promise<PrintOutcome>;
}

/**
 * Wires the screens' print buttons: reprints go to the payment engine's sale
 * receipts (src/payments/sale-receipts.ts builds them), the test page and
 * other documents straight to the printer port.
 */
export function tillReceipts(receipts: SaleReceipts | undefined, printer: ReceiptPrinter | undefined): TillReceipts {
  const print = async (document: ReceiptDocument): Promise<PrintOutcome> => {
    if (!printer) return { state: 'not-configured' };
    const result = await printer.print(document);
    return result.reason ? { state: result.state, reason: result.reason } : { state: result.state };
  };
  return {
    reprint: (saleId) => receipts?.reprint(saleId) ?? Promise.resolve({ state: 'not-configured' }),
    testPrint: () => print(sampleReceipt(4)),
    print,
  };
}
