import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNELS,
  type CloseoutReport,
  DayClosedError,
  InvalidCashCountError,
  UnresolvedPaymentsError,
  Z_REPORT_KIND,
  closeoutReportSchema,
  reportCsv,
} from '../../src/closeout/index.js';
import { PermissionDeniedError } from '../../src/payments/errors.js';
import { ringUpDay } from './business-day.js';
import { CASHIER_PIN, type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';
import { oracle } from './journal-oracle.js';
import { expectPrintedToMatch, printedLines, printedRows } from './printed-report.js';

let dir: string;
let till: ClosingTill;
let ids: Record<string, string>;
let duringOutage: CloseoutReport;
let z: CloseoutReport;
const refusals: Record<string, unknown> = {};

const refusal = (work: () => unknown): Promise<unknown> => Promise.resolve().then(work).then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pos-closeout-day-'));
  till = await startClosingTill(dir, kst('2026-01-05T08:55:00'));
  ({ ids, duringOutage } = await ringUpDay(till));

  till.clock.set(kst('2026-01-06T01:50:00'));
  refusals.cashier = await refusal(() => till.closeout.z({ ownerPin: CASHIER_PIN }));
  refusals.manager = await refusal(() => till.closeout.z({ ownerPin: MANAGER_PIN }));
  const open = till.engine.openSale({ lines: [{ name: '보류', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] });
  refusals.openSale = await refusal(() => till.closeout.z({ ownerPin: OWNER_PIN }));
  till.engine.abandonSale(open.saleId, '고객 이탈');
  // Expected 120,000 in the drawer; the owner counts 119,000.
  const count = { '50000': 2, '10000': 1, '5000': 1, '1000': 4 };
  refusals.noReason = await refusal(() => till.closeout.cashCount({ pin: MANAGER_PIN, denominations: count }));
  await till.closeout.cashCount({ pin: MANAGER_PIN, denominations: count, reason: '거스름돈 착오' });
  // The count is a record for the gateway too; let it sync so the Z below has nothing unsynced to list.
  await until(() => till.ledger.outbox.depth() === 0, 'the cash count synced');

  // The gateway's books lose B, charge D 100 more, and hold a payment the till never made.
  await till.plant({
    drop: [{ paymentRequestId: ids.B! }],
    amend: [{ paymentRequestId: ids.D!, amount: 23_100 }],
    add: [{ paymentRequestId: 'T01-P-PLANTED-0001', wallet: 'zeropay', amount: 5_000, at: new Date(kst('2026-01-05T20:30:00')).toISOString() }],
  });
  till.clock.set(kst('2026-01-06T02:00:00'));
  z = await till.closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-01-05' });
}, 60_000);

afterAll(async () => {
  await till?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a business day closed with a Z report (real payment engine, sandbox gateway)', () => {
  it('counts what an independent reading of the raw journal counts', () => {
    expect(closeoutReportSchema.parse(z)).toEqual(z);
    const o = oracle(till.ledger.db, z.period.lastSeq);
    for (const channel of CHANNELS) {
      const zero = { count: 0, amount: 0 };
      expect(z.byChannel[channel].sales, channel).toEqual(o.sales[channel] ?? zero);
      expect(z.byChannel[channel].refunds, channel).toEqual(o.refunds[channel] ?? zero);
      expect(z.byChannel[channel].cancellations, channel).toEqual(o.cancellations[channel] ?? zero);
      expect(z.byChannel[channel].networkCancellations, channel).toEqual(o.networkCancellations[channel] ?? zero);
    }
    const { byCalendarDate, taxable, ...split } = z.vat;
    expect(taxable).toBe(split.supply);
    expect(split).toEqual({ ...o.vat, total: o.vat.supply + o.vat.vat + o.vat.taxFree });
    // The day ran past midnight: its two calendar dates add up to the whole.
    expect(byCalendarDate.map((d) => d.date)).toEqual(['2026-01-05', '2026-01-06']);
    expect(byCalendarDate.reduce((n, d) => n + d.taxable, 0)).toBe(o.vat.supply);
    expect(byCalendarDate.reduce((n, d) => n + d.vat, 0)).toBe(o.vat.vat);
    expect(byCalendarDate.reduce((n, d) => n + d.sales, 0)).toBe(z.net);
    expect(z.vat.total).toBe(z.net);
    expect(Object.fromEntries(z.salesByHour.map((h) => [h.hour, h.amount]))).toEqual(o.hours);
    expect(z.salesByHour.map((h) => h.hour)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 0]);
    expect(z.receipts).toEqual({ count: o.receipts.length, first: o.receipts[0], last: o.receipts.at(-1) });
    expect(z.cash).toMatchObject({ ...o.cash, expected: o.cash.float + o.cash.sales - o.cash.refunds - o.cash.payOuts });
    // The scenario's own arithmetic, for a reader: a wallet payment partly refunded, a wallet payment and
    // a cash sale cancelled the same day (voids: 취소), one payment reversed twice over.
    expect(z).toMatchObject({
      gross: { count: 16, amount: 162_100 },
      refunds: { count: 1, amount: 7_000 },
      cancellations: { count: 2, amount: 12_900 },
      networkCancellations: { count: 2, amount: 11_500 },
      net: 142_200,
      receipts: { first: '20260105-T01-0001', last: '20260105-T01-0015' },
    });
    expect(z.byChannel.other.sales).toEqual({ count: 1, amount: 8_000 });
  });

  it('records the cash count with its difference and reason, refusing a difference without one', () => {
    expect(refusals.noReason).toBeInstanceOf(InvalidCashCountError);
    expect(z.cash).toMatchObject({ expected: 120_000, counted: 119_000, difference: -1_000, reason: '거스름돈 착오' });
    expect(z.cash.denominations).toEqual({ '50000': 2, '10000': 1, '5000': 1, '1000': 4, '500': 0, '100': 0, '50': 0, '10': 0 });
    const counts = till.ledger.journal.forAggregate('day:2026-01-05').filter((r) => r.kind === 'closeout.cash-count');
    expect(counts.map((r) => r.body)).toEqual([expect.objectContaining({ counted: 119_000, expected: 120_000, difference: -1_000, staffId: 'm1' })]);
  });

  it('finds exactly the differences planted in the gateway statement, over both calendar dates the day touched', () => {
    const rec = z.reconciliation;
    expect(rec.status).toBe('done');
    expect(rec.statementDates).toEqual(['2026-01-05', '2026-01-06']);
    expect(rec.missingAtGateway).toEqual([
      expect.objectContaining({ type: 'PAYMENT', paymentRequestId: ids.B, refundRequestId: null, channel: 'wechat-pay', posAmount: 12_000, gatewayAmount: null }),
    ]);
    expect(rec.mismatched).toEqual([
      expect.objectContaining({ type: 'PAYMENT', paymentRequestId: ids.D, refundRequestId: null, channel: 'alipay', posAmount: 23_000, gatewayAmount: 23_100 }),
    ]);
    expect(rec.missingInPos).toEqual([
      expect.objectContaining({ type: 'PAYMENT', paymentRequestId: 'T01-P-PLANTED-0001', refundRequestId: null, channel: 'zeropay', posAmount: null, gatewayAmount: 5_000 }),
    ]);
    // Each difference is named: the missing B by its receipt and 승인번호, the planted line by its time.
    expect(rec.missingAtGateway[0]).toMatchObject({ receiptNumber: expect.stringMatching(/^20260105-T01-/), approvalNumber: expect.any(String) });
    expect(rec.missingInPos[0]).toMatchObject({ receiptNumber: null, at: Date.parse('2026-01-05T20:30:00+09:00'), approvalNumber: 'PLANTED-T01-P-PLANTED-0001' });
    expect([rec.duplicates, rec.walletMismatched]).toEqual([[], []]);
    // D's amount was raised by 100 but its fee stayed that of 23,000 (2 % is 462 on 23,100): flagged too.
    expect(rec.feeMismatched).toEqual([expect.objectContaining({ paymentRequestId: ids.D, fee: 460, expectedFee: 462 })]);
    // C, E2, F, G, K, M (confirmed after the outage), Q (after midnight), F's void and G's refund.
    expect(rec.matched).toBe(9);
  });

  it('sums fees, net settlement and customer-currency amounts per wallet as the gateway booked them', () => {
    const entries = till.sandbox.ledger('T01').entries;
    const channel = (w: string) => (['zeropay', 'wechat-pay', 'alipay'].includes(w) ? w : 'other');
    for (const w of z.reconciliation.perWallet) {
      const mine = entries.filter((e) => channel(e.wallet) === w.channel);
      expect(w.net, w.channel).toBe(mine.reduce((a, e) => a + e.net, 0));
      expect(w.lines, w.channel).toBe(mine.length);
    }
    const cny = (w: string) =>
      entries.filter((e) => e.wallet === w).reduce((a, e) => a + (e.kind === 'CHARGE' ? 1 : -1) * (e.customerAmount ?? 0), 0);
    expect(z.reconciliation.customerCurrency).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'wechat-pay', currency: 'CNY', amount: cny('wechat-pay') }),
        expect.objectContaining({ channel: 'alipay', currency: 'CNY', amount: cny('alipay') }),
      ]),
    );
  });

  it('listed, during the outage, the offline QR awaiting confirmation, the reversal in flight and the unsynced records', () => {
    expect(duringOutage.openItems.pendingConfirmation).toEqual([expect.objectContaining({ ref: ids.M, state: 'pending-confirmation', amount: 18_000 })]);
    // L's sale stays open until its reversal is acknowledged and the customer pays cash.
    expect(duringOutage.openItems.unresolved).toEqual([
      expect.objectContaining({ ref: ids.L, state: 'reversing' }),
      expect.objectContaining({ kind: 'sale', state: 'open', amount: 5_500 }),
    ]);
    expect(duringOutage.openItems.unsyncedCount).toBeGreaterThan(0);
    expect(duringOutage.openItems.unsynced.length).toBe(duringOutage.openItems.unsyncedCount);
    expect(duringOutage.reconciliation).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/unreachable/) });
    expect(z.openItems).toEqual({ unresolved: [], pendingConfirmation: [], unsynced: [], unsyncedCount: 0 });
  });

  it('needs the owner, refuses open payments and a second Z for the day', async () => {
    expect(refusals.cashier).toBeInstanceOf(PermissionDeniedError);
    expect(refusals.manager).toMatchObject({ code: 'role-too-low' });
    expect(refusals.openSale).toBeInstanceOf(UnresolvedPaymentsError);
    expect((refusals.openSale as UnresolvedPaymentsError).items).toEqual([expect.objectContaining({ kind: 'sale', state: 'open', amount: 1_000 })]);
    await expect(till.closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-01-05' })).rejects.toBeInstanceOf(DayClosedError);
  });

  it('keeps the Z as a hash-chained journal record and uploads it to the gateway', async () => {
    const record = till.ledger.journal.get(z.closing!.seq)!;
    expect(record).toMatchObject({ kind: Z_REPORT_KIND, aggregateId: 'day:2026-01-05', hash: z.closing!.hash });
    expect(till.ledger.journal.verify()).toMatchObject({ ok: true });
    expect(z.closing).toMatchObject({ closedBy: 'o1', recordedOpen: false, nextBusinessDate: '2026-01-06' });
    await until(() => till.ledger.outbox.isAcknowledged(record.seq), 'the Z acknowledged by the gateway');
  });

  it('lets nothing join the closed day; the next sale opens the next business day', async () => {
    const tail = till.ledger.journal.tail().seq;
    expect(() =>
      till.engine.store.write('sale.opened', 'S-LATE', {
        saleId: 'S-LATE', businessDate: '2026-01-05', currency: 'KRW', lines: [], saleDiscount: 0, total: 0,
        vat: { supply: 0, vat: 0, taxFree: 0, total: 0 },
      }),
    ).toThrow(/business day is closed/);
    expect(till.ledger.journal.tail().seq).toBe(tail);
    const next = till.engine.openSale({ lines: [{ name: '아침', unitPrice: 2_000, quantity: 1, tax: 'taxable' }] });
    expect(next.businessDate).toBe('2026-01-06');
    await till.engine.takeCash(next.saleId, 2_000);
    expect(await till.closeout.x({ businessDate: '2026-01-05' })).toEqual(z);
    const today = await till.closeout.x();
    expect(today).toMatchObject({ kind: 'X', businessDate: '2026-01-06', gross: { count: 1, amount: 2_000 }, cash: { float: 0, expected: 2_000 } });
  });

  it('prints a Z that the virtual printer decodes to the same figures, on 80 mm and 58 mm paper', () => {
    for (const profile of ['korean-80', 'korean-58'] as const) {
      const { lines, columns } = printedLines(z, profile);
      expect(lines.every((line) => line.length <= columns * 2)).toBe(true);
      expectPrintedToMatch(z, printedRows(lines));
    }
  });

  it('exports the Z as UTF-8 CSV with a byte-order mark', () => {
    const csv = reportCsv(z);
    expect(csv.startsWith('\ufeff구분,항목,건수,금액,비고,고객통화,고객통화금액\r\n')).toBe(true);
    expect(csv).toContain(`[매출 합계],총매출,${z.gross.count},${z.gross.amount},`);
    expect(csv).toContain(`[정산 대사],게이트웨이 누락,1,12000,PAYMENT ${ids.B} POS=12000 GW=-`);
  });
});
