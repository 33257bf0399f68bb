import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceSale } from '../../src/payments/sale.js';

describe('sale pricing', () => {
  it('splits VAT on a mixed basket after discounts (공급가액 + 부가세 + 면세 = 합계)', () => {
    const priced = priceSale({
      lines: [
        { name: 'Ramyeon', unitPrice: 1_100, quantity: 10, tax: 'taxable', discount: 1_000 },
        { name: 'Apples', unitPrice: 5_000, quantity: 1, tax: 'tax-free' },
      ],
      saleDiscount: 1_500,
    });
    expect(priced.lineTotals).toEqual([9_000, 4_500]);
    expect(priced.total).toBe(13_500);
    expect(priced.vat).toEqual({ supply: 8_182, vat: 818, taxFree: 4_500, total: 13_500 });
  });

  it('refuses discounts larger than what they discount', () => {
    expect(() => priceSale({ lines: [{ name: 'x', unitPrice: 100, quantity: 1, tax: 'taxable', discount: 101 }] })).toThrow(/discount/);
    expect(() => priceSale({ lines: [{ name: 'x', unitPrice: 100, quantity: 1, tax: 'taxable' }], saleDiscount: 101 })).toThrow(/discount/);
    expect(() => priceSale({ lines: [] })).toThrow();
    expect(() => priceSale({ lines: [{ name: 'x', unitPrice: 10.5, quantity: 1, tax: 'taxable' }] })).toThrow();
  });

  it('always adds up: lines minus discounts = total = supply + VAT + tax-free', () => {
    const line = fc.record({
      name: fc.constant('item'),
      unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      quantity: fc.integer({ min: 1, max: 50 }),
      tax: fc.constantFrom('taxable' as const, 'tax-free' as const),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (lines, share) => {
        const gross = lines.reduce((a, l) => a + l.unitPrice * l.quantity, 0);
        const saleDiscount = Math.floor(gross * share);
        const priced = priceSale({ lines, saleDiscount });
        expect(priced.total).toBe(gross - saleDiscount);
        expect(priced.lineTotals.reduce((a, b) => a + b, 0)).toBe(priced.total);
        expect(priced.lineTotals.every((t) => t >= 0)).toBe(true);
        expect(priced.vat.supply + priced.vat.vat + priced.vat.taxFree).toBe(priced.total);
      }),
    );
  });
});
