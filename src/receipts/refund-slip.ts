import type { ReceiptBlock, ReceiptDocument } from './receipt-document.js';
import { formatBusinessNumber, formatKstDateTime, formatWon } from './receipt-format.js';
import type { ReceiptLine, ReceiptTotals, StoreDetails } from './sale-receipt.js';

/** What a refund or cancellation slip (환불 / 결제 취소 영수증) prints. Plain data, amounts in won. */
export interface RefundSlipData {
  store: StoreDetails;
  kind: 'refund' | 'void';
  /** The sale's receipt number (원 영수증번호). */
  receiptNumber: string;
  issuedAt: number;
  terminalId?: string;
  /** As printed: 현금, 카드, 제로페이 ... */
  tenderLabel: string;
  amount: number;
  /** A return by line: the lines that came back, amounts positive as sold. */
  lines?: ReceiptLine[];
  /** The VAT split taken back (positive amounts). */
  vat?: ReceiptTotals;
  /** The original payment's approval number (원 승인번호). */
  originalApproval?: string;
  /** The refund's own approval number from the gateway or terminal (환불 승인번호). */
  refundApproval?: string;
  footer?: string[];
}

/**
 * The slip handed over with a refund: the seller (상호, 사업자번호), the
 * original receipt and approval, the returned lines, the VAT split given back
 * and the refund's approval number, so the customer and the tax return both
 * see what was undone.
 */
export function buildRefundSlip(data: RefundSlipData): ReceiptDocument {
  const minus = (won: number) => (won === 0 ? '0' : `-${formatWon(won)}`);
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: data.store.name, style: { bold: true, size: 'double', align: 'center' } },
    { kind: 'key-value', key: '사업자번호', value: formatBusinessNumber(data.store.businessNumber) },
    { kind: 'key-value', key: '대표자', value: data.store.representative },
    { kind: 'text', text: data.kind === 'void' ? '결제 취소' : '환불', style: { bold: true, align: 'center' } },
    { kind: 'separator', char: '=' },
    { kind: 'key-value', key: '원 영수증번호', value: data.receiptNumber },
    { kind: 'key-value', key: '일시', value: formatKstDateTime(data.issuedAt) },
  ];
  if (data.terminalId) blocks.push({ kind: 'key-value', key: '단말기', value: data.terminalId });
  if (data.lines?.length) {
    blocks.push(
      { kind: 'separator' },
      { kind: 'item', name: '반품 상품', quantity: '수량', amount: '금액', style: { bold: true } },
      ...data.lines.map((l): ReceiptBlock => ({ kind: 'item', name: l.taxFree ? `*${l.name}` : l.name, quantity: String(l.quantity), amount: minus(l.amount) })),
    );
  }
  blocks.push({ kind: 'separator' });
  if (data.vat) {
    blocks.push(
      { kind: 'key-value', key: '공급가액', value: minus(data.vat.supply) },
      { kind: 'key-value', key: '부가세', value: minus(data.vat.vat) },
      { kind: 'key-value', key: '면세', value: minus(data.vat.taxFree) },
    );
  }
  blocks.push(
    { kind: 'key-value', key: '환불 합계', value: `-₩${formatWon(data.amount)}`, style: { bold: true } },
    { kind: 'key-value', key: '결제수단', value: data.tenderLabel },
  );
  if (data.originalApproval) blocks.push({ kind: 'key-value', key: '원 승인번호', value: data.originalApproval });
  if (data.refundApproval) blocks.push({ kind: 'key-value', key: '환불 승인번호', value: data.refundApproval });
  if (data.lines?.some((l) => l.taxFree)) blocks.push({ kind: 'text', text: '* 표시는 면세 상품' });
  blocks.push({ kind: 'separator' });
  for (const text of data.footer ?? []) blocks.push({ kind: 'text', text, style: { align: 'center' } });
  blocks.push({ kind: 'feed', lines: 2 }, { kind: 'cut', mode: 'partial' });
  return { blocks };
}
