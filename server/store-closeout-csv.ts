import { formulaSafeCsv, type CsvRow } from '../src/closeout/csv.js';
import { CHANNEL_LABELS, PAY_METHOD_LABELS } from '../src/closeout/report-labels.js';
import { PAY_METHODS, WALLETS } from '../src/closeout/report-schema.js';
import { kstDateTime } from '../src/platform/business-time.js';
import { STORE_CLOSEOUT_LABELS } from '../src/store/store-closeout-document.js';
import type { MerchantReconciliation } from '../src/store/store-closeout-schema.js';
import type { StoreCloseout, TillFigures } from './store-closeout.js';

// The method and wallet names are the Z's and the store paper's (src/closeout/report-labels.ts).
const HEADER = ['구분', '포스', '총매출', '환불', '취소', '순매출', '영수건수', '객수', ...PAY_METHODS.map((m) => PAY_METHOD_LABELS[m]), ...WALLETS.map((w) => `간편결제 ${CHANNEL_LABELS[w]}`), '과세', '부가세', '면세', '현금 예상', '현금 실사', '과부족', '정산 대사 차이', '마감'];

function row(section: string, tillId: string, f: TillFigures | null, note: string): CsvRow {
  if (!f) return [section, tillId, ...HEADER.slice(2, -1).map(() => ''), note];
  return [
    section,
    tillId,
    f.gross.amount,
    f.refunds.amount,
    f.cancellations.amount,
    f.net,
    f.receipts,
    f.customers,
    ...PAY_METHODS.map((m) => f.byMethod[m]),
    ...WALLETS.map((w) => f.byWallet[w]),
    f.vat.taxable,
    f.vat.vat,
    f.vat.taxFree,
    f.cash.expected,
    f.cash.counted ?? '',
    f.cash.overShort ?? '',
    f.reconciliation.status === 'done' ? f.reconciliation.differences : '대사 불가',
    note,
  ];
}

/** The store against the merchant's statement: its nets, each terminal, and every line no till accounts for. */
function merchantRows(merchant: MerchantReconciliation | null): CsvRow[] {
  if (!merchant) return [];
  if (merchant.status === 'unavailable') return [['가맹점 정산 대사', '대사 불가', merchant.reason ?? '']];
  return [
    ['가맹점 정산 대사', '가맹점', '가맹점 정산액', '포스 대사 정산액', '정산 차액'],
    ['가맹점 정산 대사', merchant.merchantId ?? '', merchant.net, merchant.tillsNet, merchant.netDifference],
    ['가맹점 단말', '단말', '포스', '건수', '정산액', '포스 대사 정산액'],
    ...merchant.terminals.map((t): CsvRow => ['가맹점 단말', t.terminalId, t.tillId ?? STORE_CLOSEOUT_LABELS.unmatched['unknown-terminal'], t.lines, t.net, t.tillNet ?? '']),
    ['가맹점 대사 차이', '항목', '단말', '승인번호', '유형', '결제 요청번호', '환불 요청번호', '금액', '수수료', '정산액', '시각'],
    ...merchant.unmatched.map((l): CsvRow => ['가맹점 대사 차이', STORE_CLOSEOUT_LABELS.unmatched[l.kind], l.terminalId, l.paymentId, l.type, l.paymentRequestId, l.refundRequestId ?? '', l.amount, l.fee, l.net, kstDateTime(l.at)]),
  ];
}

/**
 * The store's close-out as CSV for the owner's accountant: one row per till
 * (마감 or 미마감) and the store total, amounts as plain integers, with the
 * till Z's formula-safe CSV conventions (src/closeout/csv.ts: BOM, CRLF).
 */
export function storeCloseoutCsv(closeout: StoreCloseout): string {
  const rows: CsvRow[] = [
    ['마감정산', closeout.storeName, closeout.businessDate, `v${closeout.version}`],
    HEADER,
    ...closeout.tills.map((t) => row('포스별', t.tillId, t.figures, t.status === 'closed' ? `마감 ${t.closedBy ?? ''}`.trim() : t.status === 'refused' ? `서명 불일치 ${t.refusal ?? ''}`.trim() : '미마감')),
    row('매장 합계', '', closeout.totals, closeout.notClosed.length > 0 ? `미마감 ${closeout.notClosed.join(' ')}` : '전체 마감'),
    ...merchantRows(closeout.merchant),
  ];
  return formulaSafeCsv(rows);
}
