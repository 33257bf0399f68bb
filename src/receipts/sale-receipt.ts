import type { ReceiptBlock, ReceiptDocument } from './receipt-document.js';
import { formatBusinessNumber, formatKstDateTime, formatWon } from './receipt-format.js';
import { CASH_RECEIPT_PURPOSE_KO } from './wallet-labels.js';

/**
 * The sale receipt (영수증) layout. It takes plain data, not payment or ledger
 * objects, so the receipt does not change when those do and a Z-report or a
 * training screen can feed it too. Amounts are integer won.
 */

/** What a Korean receipt must say about the seller. */
export interface StoreDetails {
  /** 상호: trading name. */
  name: string;
  /** 사업자등록번호: business registration number, 10 digits. */
  businessNumber: string;
  /** 대표자: representative. */
  representative: string;
  address: string;
  phone: string;
}

export interface ReceiptLine {
  name: string;
  quantity: number;
  /** Line amount in won before its own discount, VAT included (negative for a returned item). */
  amount: number;
  /** The line's own discount in won, printed under it as 할인 (the customer checks it on paper). */
  discount?: number;
  /** 면세 item: marked with * as Korean receipts do, and explained under the totals. */
  taxFree?: boolean;
}

/** The VAT split of the sale; the same shape as src/money's `splitVat` result. */
export interface ReceiptTotals {
  /** 공급가액 */
  supply: number;
  /** 부가세 */
  vat: number;
  /** 면세 */
  taxFree: number;
  /** 합계 */
  total: number;
}

/** One way the customer paid. */
export interface ReceiptTender {
  /** As printed: 현금, 제로페이, WeChat Pay, Alipay+ ... */
  label: string;
  amount: number;
  /** 받은 돈: what the customer handed over, for cash. */
  tendered?: number;
  /** 거스름돈, for cash. */
  change?: number;
  /** Approval number or a masked reference; never a full payment code. */
  reference?: string;
  /** A card slip's 할부 months (0: 일시불). */
  installmentMonths?: number;
  /** Cash with a 현금영수증: 용도, the masked number, and its 승인번호 once issued (null: asked, not yet answered). */
  cashReceipt?: { purpose: 'deduction' | 'expense-proof'; masked: string; approvalNumber: string | null };
}

export interface SaleReceiptData {
  store: StoreDetails;
  receiptNumber: string;
  /** Clock milliseconds of the sale; printed in KST. */
  issuedAt: number;
  terminalId?: string;
  lines: ReceiptLine[];
  totals: ReceiptTotals;
  tenders: ReceiptTender[];
  /** Image name resolved by the encoder's image source (assets/logo). */
  logo?: string;
  /** A QR printed under the totals (e.g. the digital receipt or a survey link). */
  qr?: { data: string; caption?: string };
  footer?: string[];
  /** True for a reprint: marked "재출력 / COPY". */
  copy?: boolean;
  /** Kick the drawer first, for cash sales, so it opens while the paper prints. */
  openDrawer?: boolean;
}

/** Builds the printer-independent document of a sale receipt. */
export function buildSaleReceipt(data: SaleReceiptData): ReceiptDocument {
  const blocks: ReceiptBlock[] = [];
  if (data.openDrawer) blocks.push({ kind: 'drawer', pin: 2 });
  if (data.logo) blocks.push({ kind: 'image', ref: data.logo, align: 'center' });
  blocks.push(
    { kind: 'text', text: data.store.name, style: { bold: true, size: 'double', align: 'center' } },
    {
      kind: 'key-value',
      key: '사업자번호',
      value: formatBusinessNumber(data.store.businessNumber),
    },
    { kind: 'key-value', key: '대표자', value: data.store.representative },
    { kind: 'text', text: data.store.address },
    { kind: 'key-value', key: '전화', value: data.store.phone },
    { kind: 'separator', char: '=' },
    { kind: 'key-value', key: '영수증번호', value: data.receiptNumber },
    { kind: 'key-value', key: '일시', value: formatKstDateTime(data.issuedAt) },
  );
  if (data.terminalId) blocks.push({ kind: 'key-value', key: '단말기', value: data.terminalId });
  blocks.push(
    { kind: 'separator' },
    { kind: 'item', name: '상품명', quantity: '수량', amount: '금액', style: { bold: true } },
    { kind: 'separator' },
    ...data.lines.flatMap((l): ReceiptBlock[] => [
      { kind: 'item', name: l.taxFree ? `*${l.name}` : l.name, quantity: String(l.quantity), amount: formatWon(l.amount) },
      ...(l.discount ? [{ kind: 'key-value', key: '  할인', value: formatWon(-l.discount) } as const] : []),
    ]),
    { kind: 'separator' },
    { kind: 'key-value', key: '공급가액', value: formatWon(data.totals.supply) },
    { kind: 'key-value', key: '부가세', value: formatWon(data.totals.vat) },
  );
  if (data.totals.taxFree !== 0)
    blocks.push({ kind: 'key-value', key: '면세', value: formatWon(data.totals.taxFree) });
  if (data.lines.some((l) => l.taxFree)) blocks.push({ kind: 'text', text: '* 표시는 면세 품목입니다' });
  blocks.push(
    {
      kind: 'key-value',
      key: '합계',
      value: `₩${formatWon(data.totals.total)}`,
      style: { bold: true, size: 'double' },
    },
    { kind: 'separator' },
  );
  for (const tender of data.tenders) {
    blocks.push({ kind: 'key-value', key: tender.label, value: formatWon(tender.amount) });
    if (tender.reference)
      blocks.push({ kind: 'key-value', key: '  승인번호', value: tender.reference });
    if (tender.installmentMonths !== undefined)
      blocks.push({ kind: 'key-value', key: '  할부', value: tender.installmentMonths === 0 ? '일시불' : `${tender.installmentMonths}개월` });
    if (tender.tendered !== undefined)
      blocks.push({ kind: 'key-value', key: '  받은 돈', value: formatWon(tender.tendered) });
    if (tender.change)
      blocks.push({ kind: 'key-value', key: '  거스름돈', value: formatWon(tender.change) });
    if (tender.cashReceipt) {
      const { purpose, masked, approvalNumber } = tender.cashReceipt;
      blocks.push(
        { kind: 'key-value', key: '  현금영수증', value: CASH_RECEIPT_PURPOSE_KO[purpose] },
        { kind: 'key-value', key: '  식별번호', value: masked },
        // Issued through the gateway after the sale: the slip with the number follows (cash-receipt-slip.ts).
        { kind: 'key-value', key: '  승인번호', value: approvalNumber ?? '발급 요청됨' },
      );
    }
  }
  blocks.push({ kind: 'separator' });
  if (data.qr) {
    blocks.push({
      kind: 'qr',
      data: data.qr.data,
      moduleSize: 5,
      errorCorrection: 'M',
      align: 'center',
    });
    if (data.qr.caption)
      blocks.push({ kind: 'text', text: data.qr.caption, style: { align: 'center' } });
  }
  for (const footer of data.footer ?? [])
    blocks.push({ kind: 'text', text: footer, style: { align: 'center' } });
  blocks.push({ kind: 'feed', lines: 2 }, { kind: 'cut', mode: 'partial' });
  return data.copy ? { blocks, copy: true } : { blocks };
}
