import { describe, expect, it } from 'vitest';
import type { LedgerEntryView, LedgerPaymentSummary } from '../../../sandbox/index.js';
import { auditLedger } from '../../../bench/reliability/ledger-audit.js';

const payment = (id: string, over: Partial<LedgerPaymentSummary> = {}): LedgerPaymentSummary => ({
  terminalId: 'T01',
  paymentId: `SB-${id}`,
  paymentRequestId: id,
  status: 'SUCCESS',
  amount: 4500,
  charges: 1,
  reversals: 0,
  refunded: 0,
  netCharged: 4500,
  ...over,
});
const refund = (refundRequestId: string, paymentId: string): LedgerEntryView => ({
  entryId: 1,
  terminalId: 'T01',
  kind: 'REFUND',
  paymentId,
  paymentRequestId: 'x',
  refundRequestId,
  wallet: 'zeropay',
  amount: 1000,
  currency: 'KRW',
  customerAmount: null,
  customerCurrency: null,
  fee: 0,
  net: -1000,
  at: '2026-01-05T01:00:00.000Z',
  businessDate: '2026-01-05',
});

describe('ledger audit', () => {
  it('passes clean books: paid once, cancelled with nothing kept, refunded once', () => {
    const audit = auditLedger({
      payments: [
        payment('P1'),
        payment('P2', { status: 'CANCELLED', charges: 1, reversals: 1, netCharged: 0 }),
        payment('P3', { refunded: 1000, netCharged: 3500 }),
        payment('P4', { status: 'FAIL', charges: 0, netCharged: 0 }),
      ],
      entries: [refund('R1', 'SB-P3')],
    });
    expect(audit).toMatchObject({
      payments: 4,
      charges: 3,
      doubleCharges: 0,
      doubleRefunds: 0,
      problems: [],
    });
  });

  it('finds planted double charges, double refunds, kept money and payments left unknown', () => {
    const audit = auditLedger({
      payments: [
        payment('P1', { charges: 2, netCharged: 9000 }),
        payment('P2', { status: 'CANCELLED', netCharged: 4500 }),
        payment('P3', { status: 'PROCESSING', charges: 0, netCharged: 0 }),
        payment('P4', { refunded: 5000, netCharged: -500 }),
      ],
      entries: [refund('R1', 'SB-P4'), refund('R1', 'SB-P4')],
    });
    expect(audit).toMatchObject({
      doubleCharges: 1,
      doubleRefunds: 2,
      chargedWithoutSale: 1,
      unresolved: 1,
    });
    expect(audit.problems).toEqual(
      expect.arrayContaining([
        'T01/P1: charged 2 times',
        'refund R1: booked 2 times',
        'T01/P3: still PROCESSING after recovery',
      ]),
    );
  });
});
