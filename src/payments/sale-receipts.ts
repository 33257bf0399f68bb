import type { PrintJobResult, ReceiptPrinter } from '../devices/printer.js';
import type { Logger } from '../platform/logger.js';
import { type ReceiptContext, type ReceiptDocument, cashReceiptSlipDocument, refundSlipDocument, saleReceiptDocument } from '../receipts/index.js';
import { countsAsPaid } from './payment-states.js';
import type { PaymentStore } from './payment-store.js';
import type { ReceiptPrintRequest, ReceiptPrintRequests } from './ports.js';
import { refundSlipFacts } from './returns.js';

/** What came of a print request: printed, queued until the printer is back, or no printer. */
export type ReceiptOutcome = { state: PrintJobResult['state'] | 'not-configured'; reason?: string };

/** What the sale receipts need besides the payment records. */
export interface SaleReceiptsDeps {
  /** The receipt printer port (native/printer); none configured: nothing prints. */
  printer: ReceiptPrinter | undefined;
  /** The seller, the till and training or live, as the settings hold them when the receipt prints. */
  context: () => ReceiptContext;
  logger: Logger;
}

/**
 * Prints the receipts of sales and refunds: gathers the facts from the
 * payment records, has src/receipts build the document and hands it to the
 * receipt-printer port. Printing never blocks a sale: a printer that is off
 * leaves the job queued (native/printer) and says so.
 */
export class SaleReceipts implements ReceiptPrintRequests {
  constructor(
    private readonly store: PaymentStore,
    private readonly deps: SaleReceiptsDeps,
  ) {}

  /** The engine's request once a sale completes or a refund is recorded. */
  requestReceipt(request: ReceiptPrintRequest): void {
    this.print(this.documentFor(request, false)).catch((err: unknown) =>
      this.deps.logger.error({ err, receiptNumber: request.receiptNumber }, 'receipt could not be queued'),
    );
  }

  /** Prints a completed sale's receipt again, marked "재출력 / COPY". */
  reprint(saleId: string): Promise<ReceiptOutcome> {
    const sale = this.store.sale(saleId);
    if (!sale?.receiptNumber) return Promise.resolve({ state: 'not-configured', reason: 'no receipt for this sale' });
    return this.print(this.documentFor({ kind: 'sale', saleId, receiptNumber: sale.receiptNumber }, true));
  }

  /** The sale receipt's document (a copy when `copy`). */
  saleReceipt(saleId: string, receiptNumber: string, copy: boolean): ReceiptDocument {
    const { store } = this;
    const sale = store.sale(saleId);
    if (!sale) throw new RangeError(`no sale ${saleId}`);
    const opened = store.saleOpened(saleId);
    const tenders = store
      .tendersOfSale(saleId)
      .filter((t) => countsAsPaid(t.state))
      .map((t) => {
        const card = store.cardSlip(t.tenderId);
        const asked = t.method === 'cash' ? store.cashReceipt(t.tenderId) : undefined;
        const cashReceipt = asked && asked.state !== 'failed' ? { purpose: asked.purpose, masked: asked.masked, approvalNumber: asked.approvalNumber } : undefined;
        const cash = t.method === 'cash' ? store.cashHandling(t.tenderId) : undefined;
        return { ...t, change: cash?.change ?? 0, ...(cash && cash.tendered > 0 ? { tendered: cash.tendered } : {}), ...(card ? { card } : {}), ...(cashReceipt ? { cashReceipt } : {}) };
      });
    return saleReceiptDocument(this.deps.context(), {
      receiptNumber,
      issuedAt: sale.closedAt ?? sale.openedAt,
      lines: opened.lines,
      saleDiscount: opened.saleDiscount,
      vat: opened.vat,
      tenders,
      copy,
    });
  }

  /** The refund or cancellation slip's document. */
  refundSlip(refundId: string, receiptNumber: string): ReceiptDocument {
    const { store } = this;
    const refund = store.refund(refundId);
    const tender = refund && store.tender(refund.tenderId);
    if (!refund || !tender) throw new RangeError(`no refund ${refundId}`);
    const facts = refundSlipFacts(store, refundId);
    const card = store.cardSlip(tender.tenderId);
    return refundSlipDocument(this.deps.context(), {
      kind: refund.kind,
      receiptNumber,
      issuedAt: refund.requestedAt,
      tender: { ...tender, ...(card ? { card } : {}) },
      amount: refund.amount,
      soldLines: store.saleOpened(refund.saleId).lines,
      ...(facts.lines ? { lines: facts.lines } : {}),
      ...(facts.vat ? { vat: facts.vat } : {}),
      ...(facts.gatewayRefundId ? { refundApproval: facts.gatewayRefundId } : {}),
    });
  }

  /** The 현금영수증 slip of a cash tender, once issued. */
  cashReceiptSlip(tenderId: string, receiptNumber: string): ReceiptDocument {
    const { store } = this;
    const receipt = store.cashReceipt(tenderId);
    const tender = store.tender(tenderId);
    if (!receipt?.approvalNumber || !tender) throw new RangeError(`no issued cash receipt for ${tenderId}`);
    return cashReceiptSlipDocument(this.deps.context(), {
      receiptNumber,
      issuedAt: tender.createdAt,
      amount: tender.amount,
      purpose: receipt.purpose,
      masked: receipt.masked,
      approvalNumber: receipt.approvalNumber,
    });
  }

  private documentFor(request: ReceiptPrintRequest, copy: boolean): ReceiptDocument {
    if (request.kind === 'refund' && request.refundId) return this.refundSlip(request.refundId, request.receiptNumber);
    if (request.kind === 'cash-receipt' && request.tenderId) return this.cashReceiptSlip(request.tenderId, request.receiptNumber);
    return this.saleReceipt(request.saleId, request.receiptNumber, copy);
  }

  private async print(document: ReceiptDocument): Promise<ReceiptOutcome> {
    const { printer } = this.deps;
    if (!printer) return { state: 'not-configured' };
    const result = await printer.print(document);
    return result.reason ? { state: result.state, reason: result.reason } : { state: result.state };
  }
}
