import { CHANNELS, METHODS, PAY_METHODS, WALLETS, type CloseoutReport, closeoutReportSchema } from '../../src/closeout/report-schema.js';

const figure = (count: number, amount: number) => ({ count, amount });
const totals = (amount: number) => ({ sales: figure(10, amount), refunds: figure(0, 0), cancellations: figure(0, 0), networkCancellations: figure(0, 0), net: amount });
const each = <K extends string>(keys: readonly K[], amount: number) => Object.fromEntries(keys.map((k) => [k, totals(amount)]));

/** A Z report of a plausible day (10 sales of `amount` per channel), valid against the till's own schema. */
export function benchZReport(terminalId: string, businessDate: string, amount: number): CloseoutReport {
  return closeoutReportSchema.parse({
    kind: 'Z',
    terminalId,
    businessDate,
    currency: 'KRW',
    generatedAt: Date.parse(`${businessDate}T15:00:00Z`),
    period: { firstSeq: 1, lastSeq: 10, from: null, to: null },
    totals: { gross: amount * 5, discounts: 0, refunds: 0, voids: 0, net: amount * 5, receipts: 50, payments: 50, customers: 50, averagePerCustomer: amount / 10 },
    byChannel: each(CHANNELS, amount),
    byMethod: each(PAY_METHODS, amount),
    byWallet: each(WALLETS, amount),
    byTender: each(METHODS, amount),
    gross: figure(50, amount * 5),
    refunds: figure(0, 0),
    cancellations: figure(0, 0),
    networkCancellations: figure(0, 0),
    net: amount * 5,
    vat: { supply: Math.round((amount * 5) / 1.1), taxable: Math.round((amount * 5) / 1.1), vat: amount * 5 - Math.round((amount * 5) / 1.1), taxFree: 0, total: amount * 5, byCalendarDate: [] },
    salesByHour: [],
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, amount: 0 })),
    byItem: { top: [], rest: { items: 0, quantity: 0, amount: 0 } },
    cashReceipts: { incomeDeduction: figure(0, 0), expenseProof: figure(0, 0) },
    receipts: { count: 50, first: null, last: null },
    cash: { float: 0, payIns: 0, payOuts: 0, sales: amount, refunds: 0, expected: amount, counted: amount, difference: 0, overShort: 0, reason: null, denominations: null, countedAt: null },
    reconciliation: { status: 'unavailable', reason: 'bench', statementDates: [], matched: 0, missingAtGateway: [], missingInPos: [], mismatched: [], perWallet: [], customerCurrency: [] },
    openItems: { unresolved: [], pendingConfirmation: [], unsynced: [], unsyncedCount: 0 },
    chainHead: { seq: 10, hash: 'a'.repeat(64) },
    closing: null,
  });
}
