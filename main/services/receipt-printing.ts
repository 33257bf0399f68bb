import type { PrintOutcome } from '../../src/api/index.js';
import type { ReceiptPrinter } from '../../src/devices/printer.js';
import type { SaleReceipts } from '../../src/payments/sale-receipts.js';
import { sampleReceipt } from '../../native/printer/index.js';

/** What the screens ask of the receipt printer: a sale's receipt again, and the test page. */
export interface TillReceipts {
  reprint(saleId: string): Promise<PrintOutcome>;
  testPrint(): Promise<PrintOutcome>;
}

/**
 * Wires the screens' print buttons: reprints go to the payment engine's sale
 * receipts (src/payments/sale-receipts.ts builds them), the test page straight
 * to the printer port.
 */
export function tillReceipts(receipts: SaleReceipts | undefined, printer: ReceiptPrinter | undefined): TillReceipts {
  return {
    reprint: (saleId) => receipts?.reprint(saleId) ?? Promise.resolve({ state: 'not-configured' }),
    testPrint: async () => {
      if (!printer) return { state: 'not-configured' };
      const result = await printer.print(sampleReceipt(4));
      return result.reason ? { state: result.state, reason: result.reason } : { state: result.state };
    },
  };
}
