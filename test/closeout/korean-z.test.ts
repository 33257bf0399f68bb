import { afterEach, describe, expect, it } from 'vitest';
import { CloseOut } from '../../src/closeout/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, staff, startClosingTill, until } from './closing-till.js';
import { printedLines } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-korean-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const store = { name: '행복상회', businessNumber: '1248100998', representative: '김행복' };

describe('a Z a Korean owner recognises (issue 15, defect 4)', () => {
  it('prints the store, discounts, 객수 and 객단가, items, 현금영수증 and 과부족, in Korean, closed by name', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    const { engine, clock } = till;
    const closeout = new CloseOut({
      ledger: till.ledger, payments: engine.store, gateway: till.gateway, staff, clock, logger: silentLogger,
      store: () => store, config: { terminalId: 'T01', cutoffHour: 4, topItems: 2 },
    });
    await engine.cashMovement('float', 100_000, '준비금', MANAGER_PIN);
    // Sale 1: 2 × 커피 4,500 less 500 on the line, 1 × 빵 3,000 (tax-free); 1,000 off the sale. Cash.
    const s1 = engine.openSale({
      lines: [{ name: '커피', unitPrice: 4_500, quantity: 2, tax: 'taxable', discount: 500 }, { name: '빵', unitPrice: 3_000, quantity: 1, tax: 'tax-free' }],
      saleDiscount: 1_000,
    });
    const cash1 = await engine.takeCash(s1.saleId, 10_500);
    engine.requestCashReceipt(cash1.tender.tenderId, '010-9876-5432');
    // Sale 2 at 14:xx: 1 × 우유 2,500, by a wallet.
    clock.set(kst('2026-03-10T14:10:00'));
    await engine.payByCode(engine.openSale({ lines: [{ name: '우유', unitPrice: 2_500, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(3));
    // Sale 3: 1 × 커피 4,500, cash with 지출증빙.
    const s3 = engine.openSale({ lines: [{ name: '커피', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] });
    const cash3 = await engine.takeCash(s3.saleId, 4_500);
    engine.requestCashReceipt(cash3.tender.tenderId, '1248100998');
    await until(() => till!.ledger.outbox.depth() === 0, 'synced');

    // Cart arithmetic: sale 1 = 9,000 − 500 + 3,000 − 1,000 = 10,500; the drawer should hold 100,000 + 10,500 + 4,500.
    const sale1 = 9_000 - 500 + 3_000 - 1_000;
    const net = sale1 + 2_500 + 4_500;
    await closeout.cashCount({ pin: MANAGER_PIN, denominations: { '50000': 2, '10000': 1, '1000': 4 }, reason: '거스름돈 착오' });
    clock.set(kst('2026-03-10T22:00:00'));
    const z = await closeout.z({ ownerPin: OWNER_PIN });

    expect(z.store).toEqual(store);
    expect(z.totals).toEqual({
      gross: net, discounts: 1_500, refunds: 0, voids: 0, net, receipts: 3, payments: 3, customers: 3, averagePerCustomer: Math.round(net / 3),
    });
    expect(z.byMethod.cash.net).toBe(sale1 + 4_500);
    expect(z.byMethod.easyPay.net).toBe(2_500);
    expect(z.byWallet['wechat-pay'].sales).toEqual({ count: 1, amount: 2_500 });
    expect(z.byHour).toHaveLength(24);
    expect(z.byHour[0]!.hour).toBe(4);
    expect(z.byHour.find((h) => h.hour === 9)).toEqual({ hour: 9, count: 1, amount: sale1 });
    expect(z.byHour.find((h) => h.hour === 12)).toEqual({ hour: 12, count: 0, amount: 0 });
    // The 1,000 sale discount spread by value over 8,500 and 3,000: 739 and 261.
    expect(z.byItem.top).toEqual([
      { name: '커피', quantity: 3, amount: 8_500 - 739 + 4_500 },
      { name: '빵', quantity: 1, amount: 3_000 - 261 },
    ]);
    expect(z.byItem.rest).toEqual({ items: 1, quantity: 1, amount: 2_500 });
    expect(z.cashReceipts).toEqual({ incomeDeduction: { count: 1, amount: sale1 }, expenseProof: { count: 1, amount: 4_500 } });
    expect(z.cash).toMatchObject({ float: 100_000, sales: sale1 + 4_500, expected: 100_000 + sale1 + 4_500, counted: 114_000, overShort: 114_000 - (100_000 + sale1 + 4_500) });
    expect(z.closing).toMatchObject({ closedBy: 'o1', closedByName: 'Owner Park' });

    const { lines } = printedLines(z, 'korean-80');
    const text = lines.join('\n');
    for (const word of ['상호', '행복상회', '124-81-00998', '대표자', '할인', '객수', '객단가', '현금영수증', '소득공제', '지출증빙', '과부족', '간편결제', '품목별']) {
      expect(text).toContain(word);
    }
    expect(text).toContain('Owner Park');
    // Korean paper: no English words besides names and identifiers.
    expect(lines.filter((l) => /\b(open|reversing|offline|gateway|unreachable)\b/i.test(l))).toEqual([]);
  });

  it('prints a zero Z for a day without sales', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T21:00:00'));
    const z = await till.closeout.z({ ownerPin: OWNER_PIN });
    expect(z.totals).toMatchObject({ gross: 0, net: 0, receipts: 0, customers: 0, averagePerCustomer: 0 });
    expect(printedLines(z, 'korean-58').lines.join('\n')).toContain('Z 리포트');
  });
});
