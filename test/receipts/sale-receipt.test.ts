import { describe, expect, it } from 'vitest';
import { layoutReceipt, receiptPlainText } from '../../src/receipts/receipt-layout.js';
import {
  formatBusinessNumber,
  formatKstDateTime,
  formatWon,
} from '../../src/receipts/receipt-format.js';
import { buildSaleReceipt, type SaleReceiptData } from '../../src/receipts/sale-receipt.js';

const sale: SaleReceiptData = {
  store: {
    name: '카운터 커피',
    businessNumber: '1234567890',
    representative: '김하나',
    address: '서울 성동구',
    phone: '02-555-0123',
  },
  receiptNumber: 'R-1',
  issuedAt: Date.UTC(2026, 0, 4, 15, 30, 0),
  lines: [
    { name: '아메리카노', quantity: 2, amount: 9000, discount: 1000 },
    { name: '바나나', quantity: 1, amount: 3000, taxFree: true },
  ],
  totals: { supply: 7273, vat: 727, taxFree: 3000, total: 11000 },
  tenders: [{ label: '현금', amount: 11000, tendered: 20000, change: 9000 }],
  openDrawer: true,
};

describe('sale receipt', () => {
  it('formats won, business numbers and KST times the way Korean receipts print them', () => {
    expect(formatWon(1234567)).toBe('1,234,567');
    expect(formatWon(-500)).toBe('-500');
    expect(() => formatWon(1.5)).toThrow(RangeError);
    expect(formatBusinessNumber('1234567890')).toBe('123-45-67890');
    // 15:30 UTC is 00:30 the next day in Seoul.
    expect(formatKstDateTime(Date.UTC(2026, 0, 4, 15, 30, 0))).toBe('2026-01-05 00:30:00');
  });

  it('prints the seller details, line discounts, VAT split, tax-free marker and its legend, cash handed over and change, and kicks the drawer first', () => {
    const doc = buildSaleReceipt(sale);
    expect(doc.blocks[0]).toEqual({ kind: 'drawer', pin: 2 });
    const lines = receiptPlainText(layoutReceipt(doc, 42), 42);
    expect(lines).toContain('사업자번호                    123-45-67890');
    expect(lines).toContain('일시                   2026-01-05 00:30:00');
    // Issue 13 point 8: the discount is on paper, not only netted into the line; 받은 돈 and 거스름돈 for cash; what * means.
    const cafe = lines.indexOf('아메리카노                   2       9,000');
    expect(cafe).toBeGreaterThan(0);
    expect(lines[cafe + 1]).toBe('  할인                              -1,000');
    expect(lines).toContain('*바나나                      1       3,000');
    expect(lines).toContain('공급가액                             7,273');
    expect(lines).toContain('부가세                                 727');
    expect(lines).toContain('면세                                 3,000');
    expect(lines).toContain('* 표시는 면세 품목입니다');
    expect(lines).toContain('현금                                11,000');
    expect(lines.indexOf('  받은 돈                           20,000')).toBe(lines.indexOf('현금                                11,000') + 1);
    expect(lines).toContain('  거스름돈                           9,000');
    expect(lines.at(-1)).toBe('[CUT]');
  });

  it('leaves out the tax-free row when there is none, and marks copies', () => {
    const doc = buildSaleReceipt({ ...sale, totals: { ...sale.totals, taxFree: 0 }, copy: true });
    expect(doc.copy).toBe(true);
    expect(doc.blocks.some((b) => b.kind === 'key-value' && b.key === '면세')).toBe(false);
    const plain = buildSaleReceipt({ ...sale, lines: [{ name: '아메리카노', quantity: 2, amount: 9000 }], totals: { ...sale.totals, taxFree: 0 } });
    const text = receiptPlainText(layoutReceipt(plain, 42), 42);
    expect(text.some((l) => l.includes('표시는 면세'))).toBe(false); // no legend without a 면세 line
    expect(text.some((l) => l.includes('할인'))).toBe(false);
  });
});
