import { kstDateTime as formatKstDateTime } from '../platform/business-time.js';
import { formulaSafeCsv } from './csv.js';
import { CHANNEL_LABELS, CORRECTION_LABELS, LABELS, RESOLUTION_LABELS } from './report-labels.js';
import { CHANNELS, type CloseoutReport, type Figure, type Reconciliation } from './report-schema.js';

type Row =
  | [section: string, item: string, count: number | '', amount: number | '', note: string]
  | [section: string, item: string, count: number | '', amount: '', note: string, currency: string, customerAmount: number];

const HEADER = ['구분', '항목', '건수', '금액', '비고', '고객통화', '고객통화금액'];

/**
 * The report as CSV for the owner's accountant: one row per figure
 * (section, item, count, amount, note), amounts as plain integers so a
 * spreadsheet sums them. The 금액 column is won only: what a cross-border
 * customer paid in their currency (CNY fen) goes in its own two columns,
 * so a column sum never adds fen to won. Formula-safe (csv.ts).
 */
export function reportCsv(report: CloseoutReport): string {
  const rows: Row[] = [];
  const fig = (section: string, item: string, f: Figure): void => void rows.push([section, item, f.count, f.amount, '']);
  const sum = (section: string, item: string, amount: number | null, note = ''): void =>
    void rows.push([section, item, '', amount ?? '', note]);

  rows.push([report.kind === 'Z' ? LABELS.titleZ : LABELS.titleX, LABELS.businessDate, '', '', report.businessDate]);
  rows.push(['', LABELS.terminal, '', '', report.terminalId]);
  rows.push(['', LABELS.receiptCount, report.receipts.count, '', `${report.receipts.first ?? ''} ~ ${report.receipts.last ?? ''}`]);
  fig(LABELS.summary, LABELS.gross, report.gross);
  fig(LABELS.summary, LABELS.refunds, report.refunds);
  fig(LABELS.summary, LABELS.cancellations, report.cancellations);
  fig(LABELS.summary, LABELS.networkCancellations, report.networkCancellations);
  sum(LABELS.summary, LABELS.net, report.net);
  sum(LABELS.vatSection, LABELS.supply, report.vat.supply);
  sum(LABELS.vatSection, LABELS.vat, report.vat.vat);
  sum(LABELS.vatSection, LABELS.taxFree, report.vat.taxFree);
  sum(LABELS.vatSection, LABELS.vatTotal, report.vat.total);
  for (const channel of CHANNELS) {
    const t = report.byChannel[channel];
    const section = `${LABELS.channels} ${CHANNEL_LABELS[channel]}`;
    fig(section, LABELS.sales, t.sales);
    fig(section, LABELS.refunds, t.refunds);
    fig(section, LABELS.cancellations, t.cancellations);
    fig(section, LABELS.networkCancellations, t.networkCancellations);
    sum(section, LABELS.net, t.net);
    for (const c of report.customerCurrency.filter((x) => x.channel === channel)) {
      rows.push([section, LABELS.customerCurrency, c.lines, '', `${c.currency} minor units`, c.currency, c.amount]);
    }
  }
  for (const [section, list, blank] of [[LABELS.items, report.byItem, ''], [LABELS.categories, report.byCategory, LABELS.uncategorised]] as const) {
    for (const i of list.top) rows.push([section, i.name || blank, i.quantity, i.amount, '']);
    if (list.rest.items > 0) rows.push([section, LABELS.otherItems, list.rest.quantity, list.rest.amount, `${list.rest.items}`]);
  }
  for (const h of report.salesByHour) rows.push([LABELS.hours, `${String(h.hour).padStart(2, '0')}시`, h.count, h.amount, '']);
  const cash = report.cash;
  sum(LABELS.cashSection, LABELS.float, cash.float);
  sum(LABELS.cashSection, LABELS.payIns, cash.payIns);
  sum(LABELS.cashSection, LABELS.payOuts, cash.payOuts);
  sum(LABELS.cashSection, LABELS.cashSales, cash.sales);
  sum(LABELS.cashSection, LABELS.cashRefunds, cash.refunds);
  sum(LABELS.cashSection, LABELS.expected, cash.expected);
  sum(LABELS.cashSection, LABELS.counted, cash.counted, cash.counted === null ? LABELS.notCounted : '');
  sum(LABELS.cashSection, LABELS.difference, cash.difference, cash.reason ?? '');
  rows.push(...reconciliationRows(LABELS.reconciliation, report.reconciliation));
  // A day closed offline and reconciled later: its amendment's rows follow the Z's own.
  if (report.amendment) rows.push(...reconciliationRows(LABELS.amendment, report.amendment.reconciliation));
  for (const r of report.resolutions) {
    rows.push([LABELS.resolutions, RESOLUTION_LABELS[r.action], 1, r.action === 'write-off' ? r.amount : '', [r.receiptNumber, r.approvalNumber, r.note].filter(Boolean).join(' ')]);
  }
  for (const c of report.corrections) {
    rows.push([LABELS.corrections, CORRECTION_LABELS[c.kind], 1, -c.amount, [c.businessDate, c.receiptNumber, c.approvalNumber, c.note].filter(Boolean).join(' ')]);
  }
  for (const [label, list] of [
    [LABELS.unresolved, report.openItems.unresolved],
    [LABELS.pendingConfirmation, report.openItems.pendingConfirmation],
    [LABELS.unsynced, report.openItems.unsynced],
  ] as const) {
    for (const i of list) rows.push([LABELS.openItems, label, 1, i.amount ?? '', `${i.kind} ${i.ref} ${i.state}`]);
  }
  if (report.chainHead) rows.push(['', LABELS.chainHead, '', '', `${report.chainHead.seq} ${report.chainHead.hash}`]);
  return formulaSafeCsv([HEADER, ...rows]);
}

/** The rows of one reconciliation under `section`: the statement dates, the matches, each difference named, fees and customer currency. */
function reconciliationRows(section: string, rec: Reconciliation): Row[] {
  const rows: Row[] = [];
  rows.push([section, LABELS.statement, '', '', rec.status === 'done' ? rec.statementDates.join(' ') : `${LABELS.unavailable}: ${rec.reason ?? ''}`]);
  rows.push([section, LABELS.matched, rec.matched, '', '']);
  for (const [label, list] of [
    [LABELS.missingAtGateway, rec.missingAtGateway],
    [LABELS.missingInPos, rec.missingInPos],
    [LABELS.mismatched, rec.mismatched],
    [LABELS.duplicates, rec.duplicates],
    [LABELS.walletMismatched, rec.walletMismatched],
    [LABELS.feeMismatched, rec.feeMismatched],
  ] as const) {
    for (const i of list) {
      const named = [i.receiptNumber, i.at === null ? null : formatKstDateTime(i.at), i.approvalNumber && `${LABELS.approvalNumber} ${i.approvalNumber}`].filter(Boolean).join(' ');
      const note = `${i.type} ${i.refundRequestId ?? i.paymentRequestId} POS=${i.posAmount ?? '-'} GW=${i.gatewayAmount ?? '-'} ${named}`.trim();
      rows.push([section, label, 1, i.posAmount ?? i.gatewayAmount ?? '', note]);
    }
  }
  for (const w of rec.perWallet) {
    rows.push([section, `${CHANNEL_LABELS[w.channel]} ${LABELS.fee}`, w.lines, w.fee, '']);
    rows.push([section, `${CHANNEL_LABELS[w.channel]} ${LABELS.settlementNet}`, w.lines, w.net, '']);
  }
  for (const c of rec.customerCurrency) {
    rows.push([section, `${CHANNEL_LABELS[c.channel]} ${LABELS.customerCurrency}`, c.lines, '', `${c.currency} minor units`, c.currency, c.amount]);
  }
  for (const i of rec.customerMismatched) {
    const note = `${i.type} ${i.refundRequestId ?? i.paymentRequestId} POS=${i.posAmount ?? '-'} GW=${i.gatewayAmount ?? '-'} ${i.currency} minor units`;
    rows.push([section, LABELS.customerMismatched, 1, '', note, i.currency, i.posAmount ?? i.gatewayAmount ?? 0]);
  }
  return rows;
}

/** The file name an export is saved under: closeout-Z-T01-2026-01-05.csv. */
export function reportCsvName(report: CloseoutReport): string {
  return `closeout-${report.kind}-${report.terminalId}-${report.businessDate}.csv`;
}
