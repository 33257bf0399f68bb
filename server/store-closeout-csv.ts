import { formulaSafeCsv, type CsvRow } from '../src/closeout/csv.js';
import { CHANNEL_LABELS, PAY_METHOD_LABELS } from '../src/closeout/report-labels.js';
import { PAY_METHODS, WALLETS } from '../src/closeout/report-schema.js';
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
  ];
  return formulaSafeCsv(rows);
}
