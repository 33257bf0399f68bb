import { afterEach, describe, expect, it } from 'vitest';
import { CloseOut, reportCsv } from '../../src/closeout/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, staff, startClosingTill } from './closing-till.js';
import { printedLines } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-category-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

// The catalog's categories (src/catalog items carry one): what the compose passes as `categoryOf`.
const CATEGORIES: Record<string, string> = { coffee: '음료', latte: '음료', bread: '베이커리', bag: '' };

describe('sales by category (issue 15, Deliver 3)', () => {
  it('sums the lines by their catalog category after discounts, top N and the rest; open-price lines are 미분류', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    const { engine, clock } = till;
    const closeout = new CloseOut({
      ledger: till.ledger, payments: engine.store, gateway: till.gateway, staff, clock, logger: silentLogger,
      categoryOf: (id) => CATEGORIES[id], config: { terminalId: 'T01', cutoffHour: 4, topItems: 2 },
    });
    // 2 × 커피 4,500, 1 × 라떼 5,000, 1 × 빵 3,000 with 1,250 off the sale; then an open-price 2,000 and a bag without a category.
    const s1 = engine.openSale({
      lines: [
        { itemId: 'coffee', name: '커피', unitPrice: 4_500, quantity: 2, tax: 'taxable' },
        { itemId: 'latte', name: '라떼', unitPrice: 5_000, quantity: 1, tax: 'taxable' },
        { itemId: 'bread', name: '빵', unitPrice: 3_000, quantity: 1, tax: 'tax-free' },
      ],
      saleDiscount: 1_700,
    });
    await engine.takeCash(s1.saleId, 17_000 - 1_700);
    const s2 = engine.openSale({ lines: [{ name: '기타', unitPrice: 2_000, quantity: 1, tax: 'taxable' }, { itemId: 'bag', name: '봉투', unitPrice: 100, quantity: 3, tax: 'taxable' }] });
    await engine.payByCode(s2.saleId, walletCode(1));
    clock.set(kst('2026-03-10T22:00:00'));
    const z = await closeout.z({ ownerPin: OWNER_PIN });

    // The sale discount by value over 9,000, 5,000 and 3,000: 900, 500, 300.
    expect(z.byCategory.top).toEqual([
      { name: '음료', quantity: 3, amount: 9_000 - 900 + 5_000 - 500 },
      { name: '베이커리', quantity: 1, amount: 3_000 - 300 },
    ]);
    expect(z.byCategory.rest).toEqual({ items: 1, quantity: 4, amount: 2_000 + 300 });
    const paper = printedLines(z, 'korean-80').lines.join('\n');
    expect(paper).toContain('[분류별 매출]');
    expect(paper).toMatch(/음료 x3\s+12,600/);
    expect(reportCsv(z)).toMatch(/\[분류별 매출\],베이커리,1,2700/);
  });
});
