import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MoneyError,
  add,
  allocate,
  formatMoney,
  fromDecimalString,
  money,
  splitVat,
  toDecimalString,
} from '../../src/money/index.js';

const won = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 });
const taxed = fc.record({ tax: fc.constantFrom('taxable' as const, 'tax-free' as const), amount: won });

describe('VAT split', () => {
  it('always sums back to the total', () => {
    fc.assert(
      fc.property(fc.array(taxed, { maxLength: 60 }), (lines) => {
        const split = splitVat(lines);
        expect(split.supply + split.vat + split.taxFree).toBe(split.total);
        expect(split.total).toBe(lines.reduce((a, l) => a + l.amount, 0));
      }),
    );
  });

  it('keeps VAT within half a won of a tenth of the supply value', () => {
    fc.assert(
      fc.property(fc.array(taxed, { maxLength: 30 }), (lines) => {
        const { supply, vat } = splitVat(lines);
        expect(Math.abs(vat * 10 - supply)).toBeLessThanOrEqual(10);
      }),
    );
  });

  it('matches the split Korean receipts print', () => {
    expect(splitVat([{ tax: 'taxable', amount: 11_000 }])).toEqual({ supply: 10_000, vat: 1_000, taxFree: 0, total: 11_000 });
    expect(splitVat([{ tax: 'taxable', amount: 10_000 }])).toEqual({ supply: 9_091, vat: 909, taxFree: 0, total: 10_000 });
    expect(splitVat([
      { tax: 'taxable', amount: 4_500 },
      { tax: 'tax-free', amount: 3_000 },
    ])).toEqual({ supply: 4_091, vat: 409, taxFree: 3_000, total: 7_500 });
    expect(splitVat([{ tax: 'taxable', amount: -10_000 }])).toEqual({ supply: -9_091, vat: -909, taxFree: 0, total: -10_000 });
  });

  it('refuses fractional minor units', () => {
    expect(() => splitVat([{ tax: 'taxable', amount: 0.5 }])).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits in proportion and always adds back up', () => {
    fc.assert(
      fc.property(won, fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 20 }), (amount, weights) => {
        const parts = allocate(amount, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
        const total = weights.reduce((a, b) => a + b, 0);
        if (total > 0) {
          parts.forEach((p, i) => expect(Math.abs(p - (amount * weights[i]!) / total)).toBeLessThan(1));
        }
      }),
    );
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
  });
});

describe('money', () => {
  it('round-trips decimal strings in minor units', () => {
    fc.assert(
      fc.property(won, fc.constantFrom('KRW', 'CNY', 'USD', 'JPY'), (minor, code) => {
        expect(fromDecimalString(toDecimalString(money(minor, code)), code)).toEqual(money(minor, code));
      }),
    );
    expect(toDecimalString(money(1250, 'CNY'))).toBe('12.50');
    expect(toDecimalString(money(5, 'CNY'))).toBe('0.05');
    expect(fromDecimalString('12.5', 'CNY').minor).toBe(1250);
  });

  it('refuses floats, unknown currencies, too many decimals and mixed currencies', () => {
    expect(() => money(0.1)).toThrow(MoneyError);
    expect(() => money(1, 'XXX')).toThrow(/unknown currency/);
    expect(() => fromDecimalString('1.5', 'KRW')).toThrow(/more decimals/);
    expect(() => add(money(1, 'KRW'), money(1, 'CNY'))).toThrow(/cannot combine/);
  });

  it('formats for display with Intl', () => {
    expect(formatMoney(money(15000))).toBe('₩15,000');
    expect(formatMoney(money(1250, 'CNY'), 'zh-CN')).toBe('¥12.50');
  });
});
