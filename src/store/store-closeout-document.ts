import { CHANNEL_LABELS, LABELS, PAY_METHOD_LABELS, counted } from '../closeout/report-labels.js';
import { PAY_METHODS, WALLETS } from '../closeout/report-schema.js';
import { type ReceiptBlock, type ReceiptDocument, formatKstDateTime, formatWon } from '../receipts/index.js';
import type { StoreCloseout, TillFigures } from './store-closeout-schema.js';

/** The store close-out's own words; the figures' labels are the till Z's (src/closeout/report-labels.ts). */
export const STORE_CLOSEOUT_LABELS = {
  title: '매장 마감정산',
  version: '정산 버전',
  till: '포스',
  closed: '마감',
  notClosed: '미마감',
  refused: '서명 불일치 (합계 제외)',
  total: '[매장 합계]',
  notClosedList: '[미마감 포스]',
  merchant: '[가맹점 정산 대사]',
  merchantId: '가맹점',
  statementNet: '가맹점 정산액',
  tillsNet: '포스 대사 정산액',
  netDifference: '정산 차액',
  approval: '승인번호',
  /** Why a line of the merchant's statement is no till's (UNMATCHED_KINDS). */
  unmatched: { 'unknown-terminal': '미등록 단말', duplicate: '중복 청구', fee: '수수료/정산액 오류', unreconciled: '미대사 단말' },
} as const;

/**
 * The store's 마감정산 on Korean paper, printed on any till of the store:
 * each till's Z line (or that it has not closed, or that its Z was refused)
 * and the store's totals, every figure as the server's close-out JSON holds
 * it, laid out as label and right-aligned value rows so 80 mm and 58 mm fit.
 */
export function buildStoreCloseoutDocument(closeout: StoreCloseout): ReceiptDocument {
  const L = STORE_CLOSEOUT_LABELS;
  const blocks: ReceiptBlock[] = [];
  const kv = (key: string, value: string, bold = false): void => {
    blocks.push({ kind: 'key-value', key, value, ...(bold ? { style: { bold: true } } : {}) });
  };
  const heading = (text: string): void => {
    blocks.push({ kind: 'separator' }, { kind: 'text', text, style: { bold: true } });
  };
  const figures = (f: TillFigures): void => {
    kv(`${LABELS.gross} ${counted(f.gross.count)}`, formatWon(f.gross.amount));
    kv(`${LABELS.refunds} ${counted(f.refunds.count)}`, formatWon(f.refunds.amount));
    kv(`${LABELS.cancellations} ${counted(f.cancellations.count)}`, formatWon(f.cancellations.amount));
    kv(LABELS.net, formatWon(f.net), true);
    kv(LABELS.receiptCount, counted(f.receipts));
    kv(LABELS.customers, `${f.customers}명`);
    kv(LABELS.expected, formatWon(f.cash.expected));
    kv(LABELS.counted, f.cash.counted === null ? LABELS.notCounted : formatWon(f.cash.counted));
    kv(LABELS.difference, f.cash.overShort === null ? LABELS.notCounted : formatWon(f.cash.overShort));
    kv(LABELS.reconciliation, f.reconciliation.status === 'done' ? `${LABELS.differences} ${counted(f.reconciliation.differences)}` : LABELS.unavailable);
  };

  blocks.push(
    { kind: 'text', text: L.title, style: { bold: true, size: 'double', align: 'center' } },
    { kind: 'separator', char: '=' },
  );
  kv(LABELS.storeName, closeout.storeName);
  kv(LABELS.businessDate, closeout.businessDate);
  kv(L.version, `v${closeout.version}`);
  kv(LABELS.printedAt, formatKstDateTime(closeout.generatedAt));

  for (const till of closeout.tills) {
    heading(`[${L.till} ${till.tillId}]`);
    if (till.status === 'not-closed') {
      kv(L.closed, L.notClosed, true);
      continue;
    }
    if (till.status === 'refused' || !till.figures) {
      kv(L.closed, L.refused, true);
      continue;
    }
    if (till.closedAt !== null) kv(L.closed, formatKstDateTime(till.closedAt));
    if (till.closedBy) kv(LABELS.closedBy, till.closedBy);
    figures(till.figures);
  }

  const t = closeout.totals;
  heading(L.total);
  figures(t);
  heading(LABELS.methods);
  for (const method of PAY_METHODS) kv(PAY_METHOD_LABELS[method], formatWon(t.byMethod[method]));
  heading(LABELS.wallets);
  for (const wallet of WALLETS) kv(CHANNEL_LABELS[wallet], formatWon(t.byWallet[wallet]));
  heading(LABELS.vatSection);
  kv(LABELS.supply, formatWon(t.vat.supply));
  kv(LABELS.vat, formatWon(t.vat.vat));
  kv(LABELS.taxFree, formatWon(t.vat.taxFree));
  kv(LABELS.vatTotal, formatWon(t.vat.total));
  if (closeout.notClosed.length > 0 || closeout.refused.length > 0) {
    heading(L.notClosedList);
    for (const tillId of closeout.notClosed) kv(tillId, L.notClosed);
    for (const tillId of closeout.refused) kv(tillId, L.refused);
  }
  const merchant = closeout.merchant;
  if (merchant) {
    heading(L.merchant);
    if (merchant.status === 'unavailable') kv(L.merchantId, LABELS.unavailable, true);
    else {
      kv(L.merchantId, merchant.merchantId ?? '');
      kv(L.statementNet, formatWon(merchant.net));
      kv(L.tillsNet, formatWon(merchant.tillsNet));
      kv(L.netDifference, formatWon(merchant.netDifference), true);
      for (const line of merchant.unmatched) {
        kv(`${L.unmatched[line.kind]} ${line.terminalId}`, formatWon(line.net));
        blocks.push({ kind: 'text', text: `${L.approval} ${line.paymentId}` });
      }
    }
  }
  blocks.push({ kind: 'separator', char: '=' }, { kind: 'feed', lines: 3 }, { kind: 'cut', mode: 'partial' });
  return { blocks };
}
