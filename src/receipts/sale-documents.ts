import type { ReceiptDocument } from './receipt-document.js';
import { buildCashReceiptSlip } from './cash-receipt-slip.js';
import { buildRefundSlip } from './refund-slip.js';
import { type ReceiptLine, type ReceiptTender, type ReceiptTotals, type StoreDetails, buildSaleReceipt } from './sale-receipt.js';
import { walletLabelKo } from './wallet-labels.js';

/**
 * The sale receipt and the refund slip from the facts of a sale, as plain
 * data: the payments module gathers them from its records and hands the
 * document to the printer port, the way close-out prints its Z. Receipts are
 * Korean whatever the screen's language (they are tax documents), and name
 * the wallet the gateway reported (one table: wallet-labels.ts).
 */

/** A line as the sale was opened: VAT-inclusive unit price, quantity, its own discount. */
export interface SoldLine {
  name: string;
  unitPrice: number;
  quantity: number;
  tax: 'taxable' | 'tax-free';
  discount?: number;
}

/** A card terminal's slip: 승인번호, 카드사, 할부. */
export interface CardSlipFacts {
  approvalNumber: string;
  cardCompany: string | null;
  installmentMonths: number;
}

/** A tender as the receipt names it. */
export interface TenderFacts {
  method: string;
  wallet: string | null;
  card?: CardSlipFacts;
}

/** A tender that took money: what the receipt prints of it. */
export interface PaidTenderFacts extends TenderFacts {
  amount: number;
  /** 받은 돈: what the customer handed over (cash only). */
  tendered?: number;
  /** 거스름돈 handed back (cash), 0 otherwise. */
  change: number;
  gatewayPaymentId: string | null;
  maskedCode: string | null;
  /** Cash with a 현금영수증: 용도, the masked number, its 승인번호 once issued. */
  cashReceipt?: { purpose: 'deduction' | 'expense-proof'; masked: string; approvalNumber: string | null };
}

/** Who prints, and how: the seller, the till, training paper or live. */
export interface ReceiptContext {
  store: StoreDetails;
  terminalId: string;
  /** Training receipts say so in the footer: they are not tax documents. */
  training: boolean;
}

/** The tender's name on paper: 현금, 카드(신한), 위챗페이, and an offline QR marked as awaiting confirmation. */
export function tenderLabelKo(t: TenderFacts): string {
  if (t.method === 'cash') return '현금';
  if (t.method === 'card') return t.card?.cardCompany ? `카드(${t.card.cardCompany})` : '카드';
  const wallet = walletLabelKo(t.wallet);
  return t.method === 'mpm-offline' ? `${wallet} (확인 대기)` : wallet;
}

function footer(context: ReceiptContext): string[] {
  return context.training ? ['*** 교육용 영수증 / TRAINING ***'] : ['감사합니다'];
}

/** The sale receipt: each line with its own discount under it (면세 lines marked), the sale discount, the VAT split, the tenders. */
export function saleReceiptDocument(
  context: ReceiptContext,
  sale: { receiptNumber: string; issuedAt: number; lines: readonly SoldLine[]; saleDiscount: number; vat: ReceiptTotals; tenders: readonly PaidTenderFacts[]; copy: boolean },
): ReceiptDocument {
  const lines: ReceiptLine[] = sale.lines.map((l) => ({
    name: l.name,
    quantity: l.quantity,
    amount: l.unitPrice * l.quantity,
    ...(l.discount ? { discount: l.discount } : {}),
    ...(l.tax === 'tax-free' ? { taxFree: true } : {}),
  }));
  if (sale.saleDiscount > 0) lines.push({ name: '할인', quantity: 1, amount: -sale.saleDiscount });
  const tenders: ReceiptTender[] = sale.tenders.map((t) => {
    const reference = t.card?.approvalNumber ?? t.gatewayPaymentId ?? t.maskedCode ?? undefined;
    return {
      label: tenderLabelKo(t),
      amount: t.amount,
      ...(t.tendered !== undefined ? { tendered: t.tendered } : {}),
      ...(t.change ? { change: t.change } : {}),
      ...(reference ? { reference } : {}),
      ...(t.card ? { installmentMonths: t.card.installmentMonths } : {}),
      ...(t.cashReceipt ? { cashReceipt: t.cashReceipt } : {}),
    };
  });
  return buildSaleReceipt({
    store: context.store,
    receiptNumber: sale.receiptNumber,
    issuedAt: sale.issuedAt,
    terminalId: context.terminalId,
    lines,
    totals: sale.vat,
    tenders,
    footer: footer(context),
    copy: sale.copy,
  });
}

/** The 현금영수증 slip of a sale's cash, once the gateway issued it. */
export function cashReceiptSlipDocument(
  context: ReceiptContext,
  slip: { receiptNumber: string; issuedAt: number; amount: number; purpose: 'deduction' | 'expense-proof'; masked: string; approvalNumber: string },
): ReceiptDocument {
  return buildCashReceiptSlip({ store: context.store, terminalId: context.terminalId, ...slip, footer: footer(context) });
}

/** The refund or cancellation slip: the returned lines (by their index in the sale), the VAT given back, both approval numbers. */
export function refundSlipDocument(
  context: ReceiptContext,
  refund: {
    kind: 'refund' | 'void';
    receiptNumber: string;
    issuedAt: number;
    tender: TenderFacts & { gatewayPaymentId: string | null };
    amount: number;
    soldLines: readonly SoldLine[];
    lines?: ReadonlyArray<{ line: number; quantity: number; amount: number }>;
    vat?: ReceiptTotals;
    refundApproval?: string;
  },
): ReceiptDocument {
  const sold = refund.soldLines;
  const originalApproval = refund.tender.card?.approvalNumber ?? refund.tender.gatewayPaymentId;
  return buildRefundSlip({
    store: context.store,
    kind: refund.kind,
    receiptNumber: refund.receiptNumber,
    issuedAt: refund.issuedAt,
    terminalId: context.terminalId,
    tenderLabel: tenderLabelKo(refund.tender),
    amount: refund.amount,
    ...(refund.lines
      ? {
          lines: refund.lines.map((l) => ({
            name: sold[l.line]?.name ?? `#${l.line + 1}`,
            quantity: l.quantity,
            amount: l.amount,
            ...(sold[l.line]?.tax === 'tax-free' ? { taxFree: true } : {}),
          })),
        }
      : {}),
    ...(refund.vat ? { vat: refund.vat } : {}),
    ...(originalApproval ? { originalApproval } : {}),
    ...(refund.refundApproval ? { refundApproval: refund.refundApproval } : {}),
    footer: footer(context),
  });
}
