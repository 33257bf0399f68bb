import { expect } from 'vitest';
import { CHANNELS, CHANNEL_LABELS, type CloseoutReport, LABELS, buildCloseoutDocument } from '../../src/closeout/index.js';
import { formatWon } from '../../src/receipts/index.js';
import { EscPosReceiptEncoder, decodeEscPos, decodedText, printerProfile } from '../../native/printer/index.js';

/** The report's lines as the virtual printer reads them back from the ESC/POS bytes for a printer profile. */
export function printedLines(report: CloseoutReport, profileId: 'korean-80' | 'korean-58'): { lines: string[]; columns: number } {
  const profile = printerProfile(profileId);
  const bytes = new EscPosReceiptEncoder(profile).encode(buildCloseoutDocument(report));
  const decoded = decodeEscPos(bytes);
  expect(decoded.warnings).toEqual([]);
  return { lines: decodedText(decoded, profile.columns.fontA), columns: profile.columns.fontA };
}

/** Printed rows as section → label → value; a section is a `[…]` heading or a `<wallet>` line. */
export function printedRows(lines: readonly string[]): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>([['', new Map()]]);
  let section = '';
  for (const line of lines) {
    const heading = /^\s*(\[.+\]|<.+>)\s*$/.exec(line);
    if (heading) {
      section = heading[1]!;
      sections.set(section, new Map());
      continue;
    }
    const row = /^(.*?\S)\s{2,}(\S+)$/.exec(line);
    if (row) sections.get(section)!.set(row[1]!.trim(), row[2]!);
  }
  return sections;
}

/** Checks every figure of the paper against the JSON report. */
export function expectPrintedToMatch(report: CloseoutReport, rows: Map<string, Map<string, string>>): void {
  const won = formatWon;
  const at = (section: string) => rows.get(section) ?? new Map<string, string>();
  const fig = (f: { count: number; amount: number }, label: string, section: string) =>
    expect(at(section).get(`${label} ${f.count}${LABELS.count}`), `${section} ${label}`).toBe(won(f.amount));

  expect(at('').get(LABELS.businessDate)).toBe(report.businessDate);
  expect(at('').get(LABELS.receiptCount)).toBe(`${report.receipts.count}${LABELS.count}`);
  if (report.receipts.last) expect(at('').get(LABELS.lastReceipt)).toBe(report.receipts.last);
  fig(report.gross, LABELS.gross, LABELS.summary);
  fig(report.refunds, LABELS.refunds, LABELS.summary);
  fig(report.cancellations, LABELS.cancellations, LABELS.summary);
  fig(report.networkCancellations, LABELS.networkCancellations, LABELS.summary);
  expect(at(LABELS.summary).get(LABELS.net)).toBe(won(report.net));
  expect(at(LABELS.vatSection).get(LABELS.supply)).toBe(won(report.vat.supply));
  expect(at(LABELS.vatSection).get(LABELS.vat)).toBe(won(report.vat.vat));
  expect(at(LABELS.vatSection).get(LABELS.taxFree)).toBe(won(report.vat.taxFree));
  expect(at(LABELS.vatSection).get(LABELS.vatTotal)).toBe(won(report.vat.total));
  for (const channel of CHANNELS) {
    const t = report.byChannel[channel];
    const section = `<${CHANNEL_LABELS[channel]}>`;
    if (t.sales.count + t.refunds.count + t.cancellations.count + t.networkCancellations.count === 0) {
      expect(rows.has(section), `${channel} has nothing to print`).toBe(false);
      continue;
    }
    fig(t.sales, LABELS.sales, section);
    fig(t.refunds, LABELS.refunds, section);
    fig(t.cancellations, LABELS.cancellations, section);
    fig(t.networkCancellations, LABELS.networkCancellations, section);
    expect(at(section).get(LABELS.net)).toBe(won(t.net));
  }
  for (const h of report.salesByHour) {
    expect(at(LABELS.hours).get(`${String(h.hour).padStart(2, '0')}시 ${h.count}${LABELS.count}`)).toBe(won(h.amount));
  }
  const cash = at(LABELS.cashSection);
  expect(cash.get(LABELS.float)).toBe(won(report.cash.float));
  expect(cash.get(LABELS.payOuts)).toBe(won(report.cash.payOuts));
  expect(cash.get(LABELS.cashSales)).toBe(won(report.cash.sales));
  expect(cash.get(LABELS.cashRefunds)).toBe(won(report.cash.refunds));
  expect(cash.get(LABELS.expected)).toBe(won(report.cash.expected));
  expect(cash.get(LABELS.counted)).toBe(report.cash.counted === null ? LABELS.notCounted : won(report.cash.counted));
  if (report.cash.difference !== null) expect(cash.get(LABELS.difference)).toBe(won(report.cash.difference));
  const rec = report.reconciliation;
  if (rec.status === 'done') {
    const r = at(LABELS.reconciliation);
    expect(r.get(LABELS.matched)).toBe(`${rec.matched}${LABELS.count}`);
    expect(r.get(LABELS.missingAtGateway)).toBe(`${rec.missingAtGateway.length}${LABELS.count}`);
    expect(r.get(LABELS.missingInPos)).toBe(`${rec.missingInPos.length}${LABELS.count}`);
    expect(r.get(LABELS.mismatched)).toBe(`${rec.mismatched.length}${LABELS.count}`);
    for (const w of rec.perWallet) {
      expect(r.get(`${CHANNEL_LABELS[w.channel]} ${LABELS.fee}`)).toBe(won(w.fee));
      expect(r.get(`${CHANNEL_LABELS[w.channel]} ${LABELS.settlementNet}`)).toBe(won(w.net));
    }
  }
  expect(at(LABELS.openItems).get(LABELS.unsynced)).toBe(`${report.openItems.unsyncedCount}${LABELS.count}`);
}
