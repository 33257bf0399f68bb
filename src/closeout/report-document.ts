import { formatChainHead } from '../ledger/chain-head.js';
import { UnknownCurrencyError, money, toDecimalString } from '../money/index.js';
import { type ReceiptBlock, type ReceiptDocument, formatBusinessNumber, formatKstDateTime, formatWon } from '../receipts/index.js';
import { CHANNEL_LABELS, CORRECTION_LABELS, LABELS, PAY_METHOD_LABELS, RESOLUTION_LABELS, STATE_LABELS, counted } from './report-labels.js';
import { CHANNELS, PAY_METHODS, type CloseoutReport, type Figure, type Reconciliation, type ReconciliationItem } from './report-schema.js';

/**
 * The printed X/Z report (Korean) as a receipt document. It is built from
 * the report JSON alone and prints every figure with the same value the
 * JSON holds (refunds as positive amounts, as in the JSON), so the virtual
 * printer's decoding can be checked against it. The printer's profile lays
 * it out for 80 mm (42 columns) or 58 mm (32): every row is a label and a
 * right-aligned value, which both widths fit.
 */
export function buildCloseoutDocument(report: CloseoutReport): ReceiptDocument {
  const blocks: ReceiptBlock[] = [];
  const kv = (key: string, value: string, bold = false): void => {
    blocks.push({ kind: 'key-value', key, value, ...(bold ? { style: { bold: true } } : {}) });
  };
  const heading = (text: string): void => {
    blocks.push({ kind: 'separator' }, { kind: 'text', text, style: { bold: true } });
  };
  const figure = (label: string, f: Figure): void => kv(`${label} ${counted(f.count)}`, formatWon(f.amount));

  blocks.push(
    { kind: 'text', text: report.kind === 'Z' ? LABELS.titleZ : LABELS.titleX, style: { bold: true, size: 'double', align: 'center' } },
    { kind: 'separator', char: '=' },
  );
  if (report.store.name) kv(LABELS.storeName, report.store.name);
  if (report.store.businessNumber) kv(LABELS.businessNumber, formatBusinessNumber(report.store.businessNumber));
  if (report.store.representative) kv(LABELS.representative, report.store.representative);
  kv(LABELS.businessDate, report.businessDate);
  kv(LABELS.terminal, report.terminalId);
  kv(LABELS.printedAt, formatKstDateTime(report.generatedAt));
  if (report.period.from !== null && report.period.to !== null) {
    kv(LABELS.periodFrom, formatKstDateTime(report.period.from));
    kv(LABELS.periodTo, formatKstDateTime(report.period.to));
  }
  kv(LABELS.receiptCount, counted(report.receipts.count));
  if (report.receipts.first) kv(LABELS.firstReceipt, report.receipts.first);
  if (report.receipts.last) kv(LABELS.lastReceipt, report.receipts.last);

  heading(LABELS.summary);
  figure(LABELS.gross, report.gross);
  kv(LABELS.discounts, formatWon(report.totals.discounts));
  figure(LABELS.refunds, report.refunds);
  figure(LABELS.cancellations, report.cancellations);
  figure(LABELS.networkCancellations, report.networkCancellations);
  kv(LABELS.net, formatWon(report.net), true);
  kv(LABELS.receiptCount, counted(report.totals.receipts));
  kv(LABELS.paymentCount, counted(report.totals.payments));
  kv(LABELS.customers, `${report.totals.customers}명`);
  kv(LABELS.averagePerCustomer, formatWon(report.totals.averagePerCustomer));

  heading(LABELS.vatSection);
  kv(LABELS.supply, formatWon(report.vat.supply));
  kv(LABELS.vat, formatWon(report.vat.vat));
  kv(LABELS.taxFree, formatWon(report.vat.taxFree));
  kv(LABELS.vatTotal, formatWon(report.vat.total));

  if (report.vat.byCalendarDate.length > 1) {
    heading(LABELS.byCalendarDate);
    for (const d of report.vat.byCalendarDate) {
      kv(`${d.date} ${LABELS.net}`, formatWon(d.sales));
      kv(` ${LABELS.supply}`, formatWon(d.taxable));
      kv(` ${LABELS.vat}`, formatWon(d.vat));
      kv(` ${LABELS.taxFree}`, formatWon(d.taxFree));
    }
  }

  heading(LABELS.methods);
  for (const method of PAY_METHODS) kv(PAY_METHOD_LABELS[method], formatWon(report.byMethod[method].net));

  heading(LABELS.cashReceipts);
  figure(LABELS.incomeDeduction, report.cashReceipts.incomeDeduction);
  figure(LABELS.expenseProof, report.cashReceipts.expenseProof);

  heading(LABELS.channels);
  for (const channel of CHANNELS) {
    const t = report.byChannel[channel];
    if (t.sales.count + t.refunds.count + t.cancellations.count + t.networkCancellations.count === 0) continue;
    blocks.push({ kind: 'text', text: `<${CHANNEL_LABELS[channel]}>` });
    figure(` ${LABELS.sales}`, t.sales);
    figure(` ${LABELS.refunds}`, t.refunds);
    figure(` ${LABELS.cancellations}`, t.cancellations);
    figure(` ${LABELS.networkCancellations}`, t.networkCancellations);
    kv(` ${LABELS.net}`, formatWon(t.net));
    for (const c of report.customerCurrency.filter((x) => x.channel === channel)) kv(` ${LABELS.customerCurrency}`, foreignAmount(c.amount, c.currency));
  }

  heading(LABELS.items);
  for (const item of report.byItem.top) kv(`${item.name} x${item.quantity}`, formatWon(item.amount));
  if (report.byItem.rest.items > 0) kv(`${LABELS.otherItems} ${report.byItem.rest.items}품목`, formatWon(report.byItem.rest.amount));
  heading(LABELS.categories);
  for (const c of report.byCategory.top) kv(`${c.name || LABELS.uncategorised} x${c.quantity}`, formatWon(c.amount));
  if (report.byCategory.rest.items > 0) kv(`${LABELS.otherItems} ${report.byCategory.rest.items}분류`, formatWon(report.byCategory.rest.amount));

  heading(LABELS.hours);
  for (const h of report.salesByHour) kv(`${String(h.hour).padStart(2, '0')}시 ${counted(h.count)}`, formatWon(h.amount));

  cashBlocks(report, kv, heading);
  reconciliationBlocks(report, kv, heading);
  correctionBlocks(report, kv, heading);

  heading(LABELS.openItems);
  kv(LABELS.unresolved, counted(report.openItems.unresolved.length));
  for (const item of report.openItems.unresolved) kv(` ${item.ref}`, STATE_LABELS[item.state] ?? item.state);
  kv(LABELS.pendingConfirmation, counted(report.openItems.pendingConfirmation.length));
  for (const item of report.openItems.pendingConfirmation) kv(` ${item.ref}`, formatWon(item.amount ?? 0));
  kv(LABELS.unsynced, counted(report.openItems.unsyncedCount));

  if (report.chainHead) kv(LABELS.chainHead, formatChainHead(report.chainHead));
  if (report.chainHead?.signature && report.chainHead.keyId) {
    // The whole signature, so the paper Z can be checked against the terminal's key (z-signature.ts).
    kv(LABELS.terminalSignature, report.chainHead.keyId);
    for (const line of report.chainHead.signature.match(/.{1,30}/g) ?? []) blocks.push({ kind: 'text', text: line });
  }
  if (report.closing) {
    heading(LABELS.closing);
    kv(LABELS.closedBy, report.closing.closedByName || report.closing.closedBy);
    if (report.closing.recordedOpen) kv(LABELS.recordedOpen, 'Y');
    kv(LABELS.nextDay, report.closing.nextBusinessDate);
    kv(LABELS.record, `#${report.closing.seq} ${report.closing.hash.slice(0, 12)}`);
  }
  if (report.alerts.length > 0) {
    heading(LABELS.lateDays);
    for (const alert of report.alerts) kv(alert.businessDate, 'Z 미실행');
  }
  blocks.push({ kind: 'feed', lines: 3 }, { kind: 'cut', mode: 'partial' });
  return { blocks };
}

type KeyValue = (key: string, value: string, bold?: boolean) => void;

function cashBlocks(report: CloseoutReport, kv: KeyValue, heading: (text: string) => void): void {
  const cash = report.cash;
  heading(LABELS.cashSection);
  kv(LABELS.float, formatWon(cash.float));
  kv(LABELS.payIns, formatWon(cash.payIns));
  kv(LABELS.payOuts, formatWon(cash.payOuts));
  kv(LABELS.cashSales, formatWon(cash.sales));
  kv(LABELS.cashRefunds, formatWon(cash.refunds));
  kv(LABELS.expected, formatWon(cash.expected), true);
  if (cash.counted === null || cash.difference === null) {
    kv(LABELS.counted, LABELS.notCounted);
    return;
  }
  for (const [face, pieces] of Object.entries(cash.denominations ?? {}).sort(([a], [b]) => Number(b) - Number(a))) {
    if (pieces > 0) kv(` ${formatWon(Number(face))}원 x ${pieces}`, formatWon(Number(face) * pieces));
  }
  kv(LABELS.counted, formatWon(cash.counted), true);
  kv(LABELS.difference, formatWon(cash.difference), true);
  if (cash.reason) kv(LABELS.reason, cash.reason);
}

function reconciliationBlocks(report: CloseoutReport, kv: KeyValue, heading: (text: string) => void): void {
  differenceBlocks(report.reconciliation, LABELS.reconciliation, kv, heading);
  if (report.amendment) {
    // A day closed offline, reconciled later: printed under the Z's own (unavailable) reconciliation.
    differenceBlocks(report.amendment.reconciliation, LABELS.amendment, kv, heading);
    kv(LABELS.record, `${report.amendment.bookedOn} ${formatKstDateTime(report.amendment.at).slice(11, 16)}`);
  }
  if (report.resolutions.length > 0) {
    heading(LABELS.resolutions);
    for (const r of report.resolutions) {
      kv(` ${r.receiptNumber ?? r.approvalNumber ?? r.key.split(':')[2]}`, `${RESOLUTION_LABELS[r.action]}${r.action === 'write-off' ? ` ${formatWon(r.amount)}` : ''}`);
      if (r.note) kv(`  ${LABELS.reason}`, r.note);
    }
  }
}

function differenceBlocks(rec: Reconciliation, title: string, kv: KeyValue, heading: (text: string) => void): void {
  heading(title);
  if (rec.statementDates.length > 0) kv(LABELS.statement, rec.statementDates.join(','));
  if (rec.status === 'unavailable') {
    // The reason is the core's English diagnostic: the paper says it in Korean.
    kv(LABELS.unavailable, LABELS.gatewayOffline);
    return;
  }
  kv(LABELS.matched, counted(rec.matched));
  // A difference is named as the owner finds it: receipt number (or request id), time, and 승인번호.
  const items = (label: string, list: readonly ReconciliationItem[], value: (i: ReconciliationItem) => string): void => {
    kv(label, counted(list.length), list.length > 0);
    for (const i of list) {
      const time = i.at === null ? '' : ` ${formatKstDateTime(i.at).slice(11, 16)}`;
      kv(` ${i.type[0]} ${i.receiptNumber ?? i.refundRequestId ?? i.paymentRequestId}${time}`, value(i));
      if (i.approvalNumber) kv(`  ${LABELS.approvalNumber}`, i.approvalNumber);
    }
  };
  items(LABELS.missingAtGateway, rec.missingAtGateway, (i) => formatWon(i.posAmount ?? 0));
  items(LABELS.missingInPos, rec.missingInPos, (i) => formatWon(i.gatewayAmount ?? 0));
  items(LABELS.mismatched, rec.mismatched, (i) => `${formatWon(i.posAmount ?? 0)}/${formatWon(i.gatewayAmount ?? 0)}`);
  items(LABELS.duplicates, rec.duplicates, (i) => formatWon(i.gatewayAmount ?? 0));
  items(LABELS.walletMismatched, rec.walletMismatched, (i) => formatWon(i.gatewayAmount ?? 0));
  items(LABELS.feeMismatched, rec.feeMismatched, (i) => formatWon(i.gatewayAmount ?? 0));
  for (const w of rec.perWallet) {
    kv(`${CHANNEL_LABELS[w.channel]} ${LABELS.fee}`, formatWon(w.fee));
    kv(`${CHANNEL_LABELS[w.channel]} ${LABELS.settlementNet}`, formatWon(w.net));
  }
  kv(LABELS.customerMismatched, counted(rec.customerMismatched.length), rec.customerMismatched.length > 0);
  for (const i of rec.customerMismatched) {
    kv(` ${i.type[0]} ${i.refundRequestId ?? i.paymentRequestId}`, `${foreignAmount(i.posAmount ?? 0, i.currency)}/${foreignAmount(i.gatewayAmount ?? 0, i.currency)}`);
  }
}

/** Corrections booked on the day: offline QRs and reconciliation differences written off, each named by its day and receipt. */
function correctionBlocks(report: CloseoutReport, kv: KeyValue, heading: (text: string) => void): void {
  if (report.corrections.length === 0) return;
  heading(LABELS.corrections);
  for (const c of report.corrections) {
    kv(` ${CORRECTION_LABELS[c.kind]} ${c.businessDate}`, formatWon(-c.amount));
    kv(`  ${c.receiptNumber ?? c.approvalNumber ?? ''}`, c.note);
  }
  kv(LABELS.vatTotal, formatWon(-report.corrections.reduce((n, c) => n + c.amount, 0)));
}

/** "CNY 123.45"; a currency the till has no table entry for is printed in its minor units. */
function foreignAmount(minor: number, code: string): string {
  try {
    return `${code} ${toDecimalString(money(minor, code))}`;
  } catch (error) {
    if (!(error instanceof UnknownCurrencyError)) throw error;
    return `${code} ${minor} (minor units)`;
  }
}
