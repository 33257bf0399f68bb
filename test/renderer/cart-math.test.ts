import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceSale } from '../../src/payments/sale.js';
import { type CartLine, cartTotals, lineAmount, percentOf } from '../../renderer/src/sale/cart-math.js';

const line = fc
  .record({
    unitPrice: fc.integer({ min: 0, max: 2_000_000 }),
    quantity: fc.integer({ min: 1, max: 50 }),
    tax: fc.constantFrom('taxable' as const, 'tax-free' as const),
    discountShare: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ unitPrice, quantity, tax, discountShare }, ): CartLine => ({
    id: 'l',
    name: 'item',
    unitPrice,
    quantity,
    tax,
    discount: percentOf(unitPrice * quantity, discountShare),
  }));

describe('the running total on the sale screen', () => {
  it('is what the payment engine will journal: same total and VAT split for any cart', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 100 }), (lines, saleShare) => {
        const subtotal = lines.reduce((a, l) => a + lineAmount(l), 0);
        const saleDiscount = percentOf(subtotal, saleShare);
        const screen = cartTotals(lines, saleDiscount);
        const engine = priceSale({
          lines: lines.map((l) => ({ name: l.name, unitPrice: l.unitPrice, quantity: l.quantity, tax: l.tax, discount: l.discount })),
          saleDiscount,
        });
        expect({ supply: screen.supply, vat: screen.vat, taxFree: screen.taxFree, total: screen.total }).toEqual(engine.vat);
        expect(screen.subtotal).toBe(subtotal);
        expect(screen.supply + screen.vat + screen.taxFree).toBe(screen.total);
      }),
      { numRuns: 300 },
    );
  });

  it('is zero for an empty cart', () => {
    expect(cartTotals([], 500)).toEqual({ supply: 0, vat: 0, taxFree: 0, total: 0, subtotal: 0 });
  });

  it('takes whole-won percentages, never more than the amount', () => {
    expect(percentOf(9_999, 10)).toBe(999);
    expect(percentOf(1_000, 150)).toBe(1_000);
    expect(percentOf(1_000, -5)).toBe(0);
  });
});
