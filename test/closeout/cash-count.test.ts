import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DENOMINATIONS, InvalidCashCountError, countedTotal, expectedCash } from '../../src/closeout/index.js';

describe('cash count', () => {
  it('adds up any count of notes and coins, listing every denomination', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: DENOMINATIONS.length, maxLength: DENOMINATIONS.length }), (pieces) => {
        const input = Object.fromEntries(DENOMINATIONS.map((d, i) => [String(d), pieces[i]!]));
        const { denominations, total } = countedTotal(input);
        expect(total).toBe(DENOMINATIONS.reduce((sum, d, i) => sum + d * pieces[i]!, 0));
        expect(Object.keys(denominations).map(Number).sort((a, b) => b - a)).toEqual([...DENOMINATIONS]);
      }),
    );
    expect(countedTotal({ '1000': 3 })).toMatchObject({ total: 3_000, denominations: { '50000': 0, '1000': 3, '10': 0 } });
  });

  it('refuses what is not a count: unknown denominations, negative or fractional pieces', () => {
    for (const bad of [{ '20000': 1 }, { '1000': -1 }, { '500': 1.5 }, { '1000': '3' }, null]) {
      expect(() => countedTotal(bad)).toThrow(InvalidCashCountError);
    }
  });

  it('expects the float and pay-ins plus cash sales, less cash refunds and pay-outs', () => {
    expect(expectedCash({ float: 100_000, payIns: 5_000, payOuts: 10_000, sales: 33_000, refunds: 3_000 })).toBe(125_000);
  });
});
