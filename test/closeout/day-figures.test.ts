import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDay } from '../../src/closeout/day-figures.js';
import type { DayRow, JournalLookups } from '../../src/closeout/day-rows.js';
import { type VatSplit, splitVat } from '../../src/money/index.js';
import type { TenderMethod, TenderState } from '../../src/payments/payment-states.js';

const lastSeq = 1_000;
const at = Date.parse('2026-01-05T10:00:00+09:00');

function lookups(vats: Record<string, VatSplit>, history: JournalLookups['tenderHistory'] = () => ({ wallet: null, gatewayRequestId: null, customer: null })): JournalLookups {
  return { saleVat: (saleId) => vats[saleId]!, tenderHistory: history, cashReceiptIssued: () => false, saleLines: () => ({ lines: [], saleDiscount: 0 }) };
}

let seq = 0;
function tender(tenderId: string, saleId: string, method: TenderMethod, from: TenderState | null, to: TenderState, amount: number, extra: Record<string, unknown> = {}): DayRow {
  return { seq: ++seq, at, kind: 'tender.state', body: { tenderId, saleId, method, from, to, currency: 'KRW', amount, ...extra } };
}

function refund(refundId: string, tenderId: string, saleId: string, method: TenderMethod, kind: 'refund' | 'void', amount: number, extra: Record<string, unknown> = {}): DayRow {
  return { seq: ++seq, at, kind: 'refund.state', body: { refundId, tenderId, saleId, method, kind, from: 'requested', to: 'completed', currency: 'KRW', amount, ...extra } };
}

describe('foldDay', () => {
  it('splits the VAT of a sale paid in parts so the parts add up to the receipt, for any split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.integer({ min: 0, max: 500_000 }), taxFree: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 4 }),
        (lines, weights) => {
          const vat = splitVat(lines.map((l) => ({ tax: l.taxFree ? 'tax-free' : 'taxable', amount: l.amount })));
          fc.pre(vat.total > 0);
          const total = weights.reduce((a, b) => a + b, 0);
          const parts = weights.map((w) => Math.floor((vat.total * w) / total));
          parts[0]! += vat.total - parts.reduce((a, b) => a + b, 0);
          const rows = parts.filter((p) => p > 0).map((p, i) => tender(`P${i}`, 'S1', 'cash', null, 'approved', p));
          const figures = foldDay(lastSeq, rows, lookups({ S1: vat }), 4);
          expect(figures.vat).toEqual(vat);
          // Refunding everything, in the same parts, gives it all back.
          const back = rows.map((r, i) => refund(`R${i}`, `P${i}`, 'S1', 'cash', 'refund', (r.body as { amount: number }).amount));
          expect(foldDay(lastSeq, [...rows, ...back], lookups({ S1: vat }), 4).vat).toEqual({ supply: 0, vat: 0, taxFree: 0, total: 0 });
        },
      ),
    );
  });

  it('counts a payment once however many rows it takes, and tells network cancellations from aborted QRs', () => {
    const vat = splitVat([{ tax: 'taxable', amount: 10_000 }]);
    const rows = [
      tender('OFF', 'S1', 'mpm-offline', null, 'created', 10_000),
      tender('OFF', 'S1', 'mpm-offline', 'created', 'pending-confirmation', 10_000),
      tender('OFF', 'S1', 'mpm-offline', 'pending-confirmation', 'approved', 10_000, { wallet: 'alipay', gatewayRequestId: 'W-REQ-1' }),
      tender('NET', 'S2', 'cpm', null, 'created', 4_000, { wallet: 'wechat-pay' }),
      tender('NET', 'S2', 'cpm', 'created', 'requested', 4_000),
      tender('NET', 'S2', 'cpm', 'requested', 'unknown', 4_000),
      tender('NET', 'S2', 'cpm', 'unknown', 'inquiring', 4_000),
      tender('NET', 'S2', 'cpm', 'inquiring', 'reversing', 4_000),
      tender('ABORT', 'S2', 'mpm', null, 'created', 4_000),
      tender('ABORT', 'S2', 'mpm', 'created', 'requested', 4_000),
      tender('ABORT', 'S2', 'mpm', 'requested', 'awaiting-customer', 4_000),
      tender('ABORT', 'S2', 'mpm', 'awaiting-customer', 'reversing', 4_000),
    ];
    const figures = foldDay(lastSeq, rows, lookups({ S1: vat }), 4);
    expect(figures.totals.alipay.sales).toEqual({ count: 1, amount: 10_000 });
    expect(figures.byMethod['mpm-offline'].sales).toEqual({ count: 1, amount: 10_000 });
    expect(figures.networkCancellations).toEqual({ count: 1, amount: 4_000 });
    expect(figures.totals['wechat-pay'].networkCancellations.count).toBe(1);
    expect(figures.posLines).toEqual([{ type: 'PAYMENT', paymentRequestId: 'W-REQ-1', refundRequestId: null, channel: 'alipay', amount: 10_000 }]);
    expect([...figures.reversed.keys()]).toEqual(['NET', 'ABORT']);
  });

  it('takes a written-off offline QR out of sales and VAT on the day it is written off (issue 12, defect 6)', () => {
    const vat = splitVat([{ tax: 'taxable', amount: 11_000 }]);
    const sold = [
      tender('OFF', 'S1', 'mpm-offline', null, 'created', 11_000),
      tender('OFF', 'S1', 'mpm-offline', 'created', 'pending-confirmation', 11_000),
    ];
    const writtenOff = [tender('OFF', 'S1', 'mpm-offline', 'pending-confirmation', 'unmatched', 11_000), tender('OFF', 'S1', 'mpm-offline', 'unmatched', 'written-off', 11_000, { staffId: 'm1' })];
    const sameDay = foldDay(lastSeq, [...sold, ...writtenOff], lookups({ S1: vat }), 4);
    expect(sameDay.net).toBe(0);
    expect(sameDay.vat).toEqual({ supply: 0, vat: 0, taxFree: 0, total: 0 });
    expect(sameDay.posLines).toEqual([]);
    // Written off on a later day: that day carries the minus, the day of the sale keeps its figures.
    const later = foldDay(lastSeq, writtenOff, lookups({ S1: vat }), 4);
    expect(later.net).toBe(-11_000);
    expect(later.byMethod['mpm-offline'].cancellations).toEqual({ count: 1, amount: 11_000 });
    expect(later.vat).toEqual({ supply: -10_000, vat: -1_000, taxFree: 0, total: -11_000 });
  });

  it('books a refund of an earlier day’s payment under the wallet that payment had', () => {
    const vat = splitVat([{ tax: 'taxable', amount: 8_000 }, { tax: 'tax-free', amount: 2_000 }]);
    const asked: Array<[string, number]> = [];
    const rows = [refund('R1', 'OLD', 'S9', 'cpm', 'refund', 5_000), tender('OLD', 'S9', 'cpm', 'approved', 'refunded-partially', 10_000)];
    const figures = foldDay(lastSeq, rows, lookups({ S9: vat }, (id, upto) => (asked.push([id, upto]), { wallet: 'zeropay', gatewayRequestId: null, customer: null })), 4);
    expect(asked).toEqual([['OLD', 1_000]]);
    expect(figures.totals.zeropay).toMatchObject({ sales: { count: 0, amount: 0 }, refunds: { count: 1, amount: 5_000 }, net: -5_000 });
    // Half of 7,273 / 727 / 2,000: the odd won goes to the first largest remainder, the supply value.
    expect(figures.vat).toEqual({ supply: -3_637, vat: -363, taxFree: -1_000, total: -5_000 });
    expect(figures.posLines).toEqual([{ type: 'REFUND', paymentRequestId: 'OLD', refundRequestId: 'R1', channel: 'zeropay', amount: 5_000 }]);
  });

  it('carries what cross-border customers paid in their currency, and keeps a reversal refunded past the cancel window out of sales and refunds', () => {
    const vat = splitVat([{ tax: 'taxable', amount: 10_000 }]);
    const cny = (amount: number) => ({ customerCurrency: 'CNY', customerAmount: amount });
    const rows = [
      tender('PAID', 'S1', 'cpm', null, 'created', 10_000),
      tender('PAID', 'S1', 'cpm', 'created', 'requested', 10_000),
      tender('PAID', 'S1', 'cpm', 'requested', 'approved', 10_000, { wallet: 'alipay', ...cny(5_100) }),
      refund('R1', 'PAID', 'S1', 'cpm', 'refund', 2_000, cny(1_020)),
      tender('PAID', 'S1', 'cpm', 'approved', 'refunded-partially', 10_000),
      tender('LATE', 'S2', 'cpm', null, 'created', 10_000, { wallet: 'wechat-pay' }),
      tender('LATE', 'S2', 'cpm', 'created', 'requested', 10_000),
      tender('LATE', 'S2', 'cpm', 'requested', 'unknown', 10_000),
      tender('LATE', 'S2', 'cpm', 'unknown', 'inquiring', 10_000),
      tender('LATE', 'S2', 'cpm', 'inquiring', 'reversing', 10_000),
      refund('LATE.rev', 'LATE', 'S2', 'cpm', 'refund', 10_000, { reversal: true, ...cny(5_100) }),
      tender('LATE', 'S2', 'cpm', 'reversing', 'reversed', 10_000, cny(5_100)),
    ];
    const figures = foldDay(lastSeq, rows, lookups({ S1: vat, S2: vat }), 4);
    expect(figures).toMatchObject({ gross: { count: 1, amount: 10_000 }, refunds: { count: 1, amount: 2_000 }, networkCancellations: { count: 1, amount: 10_000 }, net: 8_000 });
    expect(figures.vat.total).toBe(8_000);
    const customer = (amount: number) => ({ customer: { currency: 'CNY', amount } });
    expect(figures.posLines).toEqual([
      { type: 'PAYMENT', paymentRequestId: 'PAID', refundRequestId: null, channel: 'alipay', amount: 10_000, ...customer(5_100) },
      { type: 'REFUND', paymentRequestId: 'PAID', refundRequestId: 'R1', channel: 'alipay', amount: 2_000, ...customer(1_020) },
      { type: 'PAYMENT', paymentRequestId: 'LATE', refundRequestId: null, channel: 'wechat-pay', amount: 10_000, ...customer(5_100) },
      { type: 'REFUND', paymentRequestId: 'LATE', refundRequestId: 'LATE.rev', channel: 'wechat-pay', amount: 10_000, ...customer(5_100) },
    ]);
  });

  it('orders sales by hour from the cut-off, so a bar’s 01:00 comes after its 23:00', () => {
    const vat = splitVat([{ tax: 'taxable', amount: 1_000 }]);
    const hour = (h: number) => ({ ...tender(`T${h}`, 'S1', 'cash', null, 'approved', 1_000), at: Date.parse(`2026-01-0${h < 4 ? 6 : 5}T${String(h).padStart(2, '0')}:30:00+09:00`) });
    const figures = foldDay(lastSeq, [hour(1), hour(23), hour(5), hour(3)], lookups({ S1: vat }), 4);
    expect(figures.salesByHour.map((h) => h.hour)).toEqual([5, 23, 1, 3]);
  });
});
