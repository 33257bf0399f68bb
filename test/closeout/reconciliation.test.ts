import { describe, expect, it } from 'vitest';
import { customerCurrencyTotals } from '../../src/closeout/customer-currency.js';
import type { PosLine } from '../../src/closeout/day-figures.js';
import { type PosKnowledge, reconcile } from '../../src/closeout/reconciliation.js';
import type { Channel } from '../../src/closeout/report-schema.js';
import type { SettlementLine } from '../../src/relay/protocol.js';

const day = { from: Date.parse('2026-01-05T00:00:00Z'), to: Date.parse('2026-01-05T12:00:00Z') };
const nobody: PosKnowledge = { bookedElsewhere: () => false };

function line(type: SettlementLine['type'], paymentRequestId: string, amount: number, extra: Partial<SettlementLine> = {}): SettlementLine {
  const fee = type === 'REFUND' ? 0 : Math.round(amount / 100);
  const net = type === 'PAYMENT' ? amount - fee : -(amount - (type === 'CANCEL' ? fee : 0));
  return {
    type,
    paymentId: `G-${paymentRequestId}`,
    paymentRequestId,
    wallet: 'wechat-pay',
    amount: { currency: 'KRW', value: String(amount) },
    fee: { currency: 'KRW', value: String(fee) },
    net: { currency: 'KRW', value: String(net) },
    at: '2026-01-05T03:00:00.000Z',
    ...extra,
  };
}

const pos = (type: PosLine['type'], paymentRequestId: string, amount: number, refundRequestId: string | null = null): PosLine => ({
  type, paymentRequestId, refundRequestId, channel: 'wechat-pay', amount,
});

describe('reconcile', () => {
  it('matches by request id and amount, and sorts the rest into the three kinds of difference', () => {
    const result = reconcile(
      { posLines: [pos('PAYMENT', 'P1', 1_000), pos('PAYMENT', 'P2', 2_000), pos('PAYMENT', 'P3', 3_000), pos('REFUND', 'P1', 400, 'R1')], reversed: new Map() },
      day,
      { dates: ['2026-01-05'], lines: [line('PAYMENT', 'P1', 1_000), line('PAYMENT', 'P2', 2_500), line('REFUND', 'P1', 400, { refundRequestId: 'R1' }), line('PAYMENT', 'X9', 700)] },
      nobody,
    );
    expect(result.matched).toBe(2);
    expect(result.mismatched).toEqual([
      { type: 'PAYMENT', paymentRequestId: 'P2', refundRequestId: null, channel: 'wechat-pay', posAmount: 2_000, gatewayAmount: 2_500, receiptNumber: null, at: Date.parse('2026-01-05T03:00:00.000Z'), approvalNumber: 'G-P2' },
    ]);
    expect(result.missingAtGateway.map((i) => i.paymentRequestId)).toEqual(['P3']);
    expect(result.missingInPos.map((i) => [i.paymentRequestId, i.gatewayAmount])).toEqual([['X9', 700]]);
    expect(result.perWallet).toEqual([{ channel: 'wechat-pay', lines: 4, amount: 1_000 + 2_500 - 400 + 700, fee: 10 + 25 + 7, net: 990 + 2_475 - 400 + 693 }]);
  });

  it('accepts a reversed payment’s PAYMENT and CANCEL as a pair, and flags a charge that was never cancelled', () => {
    const reversed = new Map<string, { channel: Channel; tenderId: string }>([
      ['NET1', { channel: 'wechat-pay', tenderId: 'T-NET1' }],
      ['NET2', { channel: 'wechat-pay', tenderId: 'T-NET2' }],
    ]);
    const result = reconcile(
      { posLines: [], reversed },
      day,
      { dates: ['2026-01-05'], lines: [line('PAYMENT', 'NET1', 5_000), line('CANCEL', 'NET1', 5_000), line('PAYMENT', 'NET2', 6_000)] },
      nobody,
    );
    expect(result.matched).toBe(2);
    expect(result.missingInPos.map((i) => [i.type, i.paymentRequestId])).toEqual([['PAYMENT', 'NET2']]);
    // The pair gives its fee back and nets to nothing.
    expect(result.perWallet[0]).toMatchObject({ amount: 6_000, fee: 60, net: 5_940 });
  });

  it('leaves other days’ lines to those days: ones the journal books elsewhere, and unknown ones outside the window', () => {
    const result = reconcile(
      { posLines: [], reversed: new Map() },
      day,
      {
        dates: ['2026-01-05'],
        lines: [line('PAYMENT', 'YESTERDAY', 1_000), line('PAYMENT', 'TONIGHT', 2_000, { at: '2026-01-05T13:00:00.000Z' })],
      },
      { bookedElsewhere: (l) => l.paymentRequestId === 'YESTERDAY' },
    );
    expect(result).toMatchObject({ matched: 0, missingInPos: [], missingAtGateway: [], perWallet: [] });
  });

  it('totals what cross-border customers paid in their own currency, refunds taken off', () => {
    const cny = (value: string) => ({ customerAmount: { currency: 'CNY', value } });
    const result = reconcile(
      { posLines: [pos('PAYMENT', 'P1', 10_000), pos('REFUND', 'P1', 2_000, 'R1')], reversed: new Map() },
      day,
      { dates: ['2026-01-05'], lines: [line('PAYMENT', 'P1', 10_000, cny('5100')), line('REFUND', 'P1', 2_000, { refundRequestId: 'R1', ...cny('1020') })] },
      nobody,
    );
    expect(result.customerCurrency).toEqual([{ channel: 'wechat-pay', currency: 'CNY', lines: 2, amount: 4_080 }]);
  });

  it('takes customer-currency amounts from the journal, the statement filling lines the journal lacks, and lists disagreements', () => {
    const cny = (value: string) => ({ customerAmount: { currency: 'CNY', value } });
    const paid = (id: string, amount: number, customer?: number): PosLine => ({
      ...pos('PAYMENT', id, amount),
      ...(customer === undefined ? {} : { customer: { currency: 'CNY', amount: customer } }),
    });
    const journal = [paid('P1', 10_000, 5_100), paid('P2', 4_000), paid('P3', 2_000, 1_020), { ...pos('REFUND', 'P1', 2_000, 'R1'), customer: { currency: 'CNY', amount: 1_020 } }];
    const statement = [
      line('PAYMENT', 'P1', 10_000, cny('5100')),
      line('PAYMENT', 'P2', 4_000, cny('2040')),
      line('PAYMENT', 'P3', 2_000, cny('1021')),
      line('REFUND', 'P1', 2_000, { refundRequestId: 'R1', ...cny('1020') }),
    ];
    // Offline: the journal alone (P2's amount unknown to it).
    expect(customerCurrencyTotals(journal, undefined, 'KRW')).toEqual([{ channel: 'wechat-pay', currency: 'CNY', lines: 3, amount: 5_100 + 1_020 - 1_020 }]);
    // With the statement: P2 filled in from it; P3 stays as the journal has it and is listed as a disagreement.
    expect(customerCurrencyTotals(journal, statement, 'KRW')).toEqual([{ channel: 'wechat-pay', currency: 'CNY', lines: 4, amount: 5_100 + 2_040 + 1_020 - 1_020 }]);
    const result = reconcile({ posLines: journal, reversed: new Map() }, day, { dates: ['2026-01-05'], lines: statement }, nobody);
    expect(result).toMatchObject({ matched: 4, mismatched: [] });
    expect(result.customerMismatched).toEqual([
      { type: 'PAYMENT', paymentRequestId: 'P3', refundRequestId: null, channel: 'wechat-pay', currency: 'CNY', posAmount: 1_020, gatewayAmount: 1_021, receiptNumber: null, at: Date.parse('2026-01-05T03:00:00.000Z'), approvalNumber: 'G-P3' },
    ]);
    // Won is the report's own currency, not a customer currency.
    expect(customerCurrencyTotals([{ ...paid('P4', 1_000), customer: { currency: 'KRW', amount: 1_000 } }], undefined, 'KRW')).toEqual([]);
  });
});
