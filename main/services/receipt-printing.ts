import type { PrintOutcome, Settings } from '../../src/api/index.js';
import type { ReceiptPrinter } from '../../src/devices/printer.js';
import { countsAsPaid } from '../../src/payments/payment-states.js';
import type { PaymentStore, TenderRow } from '../../src/payments/payment-store.js';
import type { ReceiptPrintRequest, ReceiptPrintRequests } from '../../src/payments/ports.js';
import type { Logger } from '../../src/platform/logger.js';
import type { CardApproval } from '../../src/devices/card-terminal.js';
import {
  type ReceiptDocument,
  type ReceiptLine,
  type ReceiptTender,
  buildRefundSlip,
  buildSaleReceipt,
  walletLabelKo,
} from '../../src/receipts/index.js';
import { refundSlipFacts } from '../../src/payments/returns.js';
import { sampleReceipt } from '../../native/printer/index.js';

// Receipts are printed in Korean whatever the screen's language: they are tax documents,
// and they name the wallet the gateway reported (one table: src/receipts/wallet-labels.ts).
function tenderLabel(t: TenderRow, card: CardApproval | undefined): string {
  if (t.method === 'cash') return '현금';
  if (t.method === 'card') return card?.cardCompany ? `카드(${card.cardCompany})` : '카드';
  const wallet = walletLabelKo(t.wallet);
  return t.method === 'mpm-offline' ? `${wallet} (확인 대기)` : wallet;
}

/**
 * Turns the payment engine's receipt requests into printed receipts: sale
 * receipts (with the store details of the settings), refund slips, reprints
 * marked as copies, and the test page. Printing never blocks a sale: a
 * printer that is off leaves the job queued (native/printer) and says so.
 */
export class ReceiptPrinting implements ReceiptPrintRequests {
  private store: PaymentStore | undefined;

  constructor(
    private readonly deps: {
      printer: ReceiptPrinter | undefined;
      settings: () => Settings;
      terminalId: string;
      training: boolean;
      logger: Logger;
    },
  ) {}

  /** The engine's store, once it exists (the engine is built with this object as its printer port). */
  attach(store: PaymentStore): void {
    this.store = store;
  }

  requestReceipt(request: ReceiptPrintRequest): void {
    this.print(this.documentFor(request, false)).catch((err: unknown) =>
      this.deps.logger.error({ err, receiptNumber: request.receiptNumber }, 'receipt could not be queued'),
    );
  }

  /** Prints a completed sale's receipt again, marked "재출력 / COPY". */
  reprint(saleId: string): Promise<PrintOutcome> {
    const sale = this.requireStore().sale(saleId);
    if (!sale?.receiptNumber) return Promise.resolve({ state: 'not-configured', reason: 'no receipt for this sale' });
    return this.print(this.documentFor({ kind: 'sale', saleId, receiptNumber: sale.receiptNumber }, true));
  }

  testPrint(): Promise<PrintOutcome> {
    return this.print(sampleReceipt(4));
  }

  private async print(document: ReceiptDocument): Promise<PrintOutcome> {
    const { printer } = this.deps;
    if (!printer) return { state: 'not-configured' };
    const result = await printer.print(document);
    return result.reason ? { state: result.state, reason: result.reason } : { state: result.state };
  }

  private requireStore(): PaymentStore {
    if (!this.store) throw new Error('ReceiptPrinting used before attach()');
    return this.store;
  }

  private documentFor(request: ReceiptPrintRequest, copy: boolean): ReceiptDocument {
    return request.kind === 'refund' && request.refundId ? this.refundSlip(request, request.refundId) : this.saleReceipt(request, copy);
  }

  private footer(): string[] {
    return this.deps.training ? ['*** 교육용 영수증 / TRAINING ***'] : ['감사합니다'];
  }

  private saleReceipt(request: ReceiptPrintRequest, copy: boolean): ReceiptDocument {
    const store = this.requireStore();
    const sale = store.sale(request.saleId)!;
    const opened = store.saleOpened(request.saleId);
    const lines: ReceiptLine[] = opened.lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      amount: l.unitPrice * l.quantity - (l.discount ?? 0),
      ...(l.tax === 'tax-free' ? { taxFree: true } : {}),
    }));
    if (opened.saleDiscount > 0) lines.push({ name: '할인', quantity: 1, amount: -opened.saleDiscount });
    const tenders: ReceiptTender[] = store
      .tendersOfSale(request.saleId)
      .filter((t) => countsAsPaid(t.state))
      .map((t) => {
        const { change } = store.cashHandling(t.tenderId);
        const card = store.cardSlip(t.tenderId);
        const reference = card?.approvalNumber ?? t.gatewayPaymentId ?? t.maskedCode ?? undefined;
        return {
          label: tenderLabel(t, card),
          amount: t.amount,
          ...(change ? { change } : {}),
          ...(reference ? { reference } : {}),
          ...(card ? { installmentMonths: card.installmentMonths } : {}),
        };
      });
    return buildSaleReceipt({
      store: this.deps.settings().store,
      receiptNumber: request.receiptNumber,
      issuedAt: sale.closedAt ?? sale.openedAt,
      terminalId: this.deps.terminalId,
      lines,
      totals: opened.vat,
      tenders,
      footer: this.footer(),
      copy,
    });
  }

  private refundSlip(request: ReceiptPrintRequest, refundId: string): ReceiptDocument {
    const store = this.requireStore();
    const refund = store.refund(refundId)!;
    const tender = store.tender(refund.tenderId)!;
    const sold = store.saleOpened(refund.saleId).lines;
    const facts = refundSlipFacts(store, refundId);
    const card = store.cardSlip(tender.tenderId);
    const originalApproval = card?.approvalNumber ?? tender.gatewayPaymentId;
    return buildRefundSlip({
      store: this.deps.settings().store,
      kind: refund.kind,
      receiptNumber: request.receiptNumber,
      issuedAt: refund.requestedAt,
      terminalId: this.deps.terminalId,
      tenderLabel: tenderLabel(tender, card),
      amount: refund.amount,
      ...(facts.lines
        ? { lines: facts.lines.map((l) => ({ name: sold[l.line]?.name ?? `#${l.line + 1}`, quantity: l.quantity, amount: l.amount, ...(sold[l.line]?.tax === 'tax-free' ? { taxFree: true } : {}) })) }
        : {}),
      ...(facts.vat ? { vat: facts.vat } : {}),
      ...(originalApproval ? { originalApproval } : {}),
      ...(facts.gatewayRefundId ? { refundApproval: facts.gatewayRefundId } : {}),
      footer: this.footer(),
    });
  }
}
