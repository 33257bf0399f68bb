/**
 * Receipts: the printer-independent receipt document, its layout for a paper
 * width, and the sale receipt. Printers (native/printer) encode documents;
 * nothing here knows about ESC/POS.
 */
export {
  type Align,
  type TextSize,
  type TextStyle,
  type ReceiptBlock,
  type ReceiptDocument,
  receiptDocumentSchema,
  receiptBlockSchema,
  parseReceiptDocument,
  InvalidReceiptDocumentError,
} from './receipt-document.js';
export {
  type LaidOutBlock,
  type LaidOutLine,
  COPY_MARKER,
  layoutReceipt,
  receiptPlainText,
  alignedText,
  placeholderLine,
  type PlaceholderBlock,
  sizeScale,
} from './receipt-layout.js';
export {
  charColumns,
  displayWidth,
  normalizeForPrint,
  wrapText,
  takeColumns,
  padEnd,
  padStart,
  alignOffset,
} from './text-width.js';
export { formatWon, formatBusinessNumber, formatKstDateTime } from './receipt-format.js';
export {
  type StoreDetails,
  type ReceiptLine,
  type ReceiptTotals,
  type ReceiptTender,
  type SaleReceiptData,
  buildSaleReceipt,
} from './sale-receipt.js';
export { type RefundSlipData, buildRefundSlip } from './refund-slip.js';
export { WALLET_LABELS_KO, UNNAMED_WALLET_KO, CASH_RECEIPT_PURPOSE_KO, walletLabelKo } from './wallet-labels.js';
export { type CashReceiptSlipData, buildCashReceiptSlip } from './cash-receipt-slip.js';
export {
  type CardSlipFacts,
  type PaidTenderFacts,
  type ReceiptContext,
  type SoldLine,
  type TenderFacts,
  cashReceiptSlipDocument,
  refundSlipDocument,
  saleReceiptDocument,
  tenderLabelKo,
} from './sale-documents.js';
export { isValidBusinessNumber, missingStoreDetails, storeDetailsSchema } from './store-details-schema.js';
