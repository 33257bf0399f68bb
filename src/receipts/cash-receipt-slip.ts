import type { ReceiptBlock, ReceiptDocument } from './receipt-document.js';
import { formatBusinessNumber, formatKstDateTime, formatWon } from './receipt-format.js';
import type { StoreDetails } from './sale-receipt.js';
import { CASH_RECEIPT_PURPOSE_KO } from './wallet-labels.js';

/** The 현금영수증 of a sale's cash, once the gateway issued it. Plain data, amounts in won. */
export interface CashReceiptSlipData {
  store: StoreDetails;
  receiptNumber: string;
  issuedAt: number;
  terminalId?: string;
  purpose: keyof typeof CASH_RECEIPT_PURPOSE_KO;
  /** The customer's number, masked (010-****-5678); never in full on paper. */
  masked: string;
  approvalNumber: string;
  amount: number;
  footer?: string[];
}

/**
 * The 현금영수증 slip: the seller, 용도, the masked identifier, 승인번호 and
 * the amount, printed when the gateway answers (the request rides the
 * journal upload, so offline it prints once the till is back online).
 */
export function buildCashReceiptSlip(data: CashReceiptSlipData): ReceiptDocument {
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: data.store.name, style: { bold: true, size: 'double', align: 'center' } },
    { kind: 'key-value', key: '사업자번호', value: formatBusinessNumber(data.store.businessNumber) },
    { kind: 'key-value', key: '대표자', value: data.store.representative },
    { kind: 'text', text: '현금영수증', style: { bold: true, align: 'center' } },
    { kind: 'separator', char: '=' },
    { kind: 'key-value', key: '영수증번호', value: data.receiptNumber },
    { kind: 'key-value', key: '일시', value: formatKstDateTime(data.issuedAt) },
  ];
  if (data.terminalId) blocks.push({ kind: 'key-value', key: '단말기', value: data.terminalId });
  blocks.push(
    { kind: 'separator' },
    { kind: 'key-value', key: '용도', value: CASH_RECEIPT_PURPOSE_KO[data.purpose] },
    { kind: 'key-value', key: '식별번호', value: data.masked },
    { kind: 'key-value', key: '승인번호', value: data.approvalNumber },
    { kind: 'key-value', key: '금액', value: `₩${formatWon(data.amount)}`, style: { bold: true } },
  );
  blocks.push({ kind: 'separator' });
  for (const text of data.footer ?? []) blocks.push({ kind: 'text', text, style: { align: 'center' } });
  blocks.push({ kind: 'feed', lines: 2 }, { kind: 'cut', mode: 'partial' });
  return { blocks };
}
