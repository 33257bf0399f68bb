import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_FLAGS, priceOfWeight, readScaleLabel, scaleLayoutSchema, withGs1CheckDigit } from '../../src/codes/index.js';

describe('scale labels', () => {
  it('reads item number and price (flag 21, item 5 + price 5)', () => {
    const code = withGs1CheckDigit('210012304500');
    expect(readScaleLabel(code, DEFAULT_SCALE_FLAGS)).toEqual({
      flag: '21',
      layout: 'item5-price5',
      itemNumber: '00123',
      itemKey: withGs1CheckDigit('210012300000'),
      value: 'price',
      amount: 4500,
    });
  });

  it('reads item number and weight in grams (flag 28, item 5 + weight 5)', () => {
    const label = readScaleLabel(withGs1CheckDigit('280004200352'), DEFAULT_SCALE_FLAGS);
    expect(label).toMatchObject({ itemNumber: '00042', value: 'weight', amount: 352, itemKey: withGs1CheckDigit('280004200000') });
    expect(priceOfWeight(12_900, label!.amount)).toBe(4541);
  });

  it("reads a Korean scale's 4-digit PLU with a 6-digit price when the shop configures it", () => {
    const label = readScaleLabel(withGs1CheckDigit('220123128000'), { '22': 'item4-price6' });
    expect(label).toMatchObject({ itemNumber: '0123', value: 'price', amount: 128_000 });
  });

  it('is no label with a bad check digit, an unconfigured flag or outside 20-29', () => {
    const good = withGs1CheckDigit('210012304500');
    const bad = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
    expect(readScaleLabel(bad, DEFAULT_SCALE_FLAGS)).toBeUndefined();
    expect(readScaleLabel(good, { '28': 'item5-weight5' })).toBeUndefined();
    expect(readScaleLabel(withGs1CheckDigit('880104301234'), DEFAULT_SCALE_FLAGS)).toBeUndefined();
  });

  it('refuses a layout whose digits do not fill the label', () => {
    expect(scaleLayoutSchema.safeParse({ id: 'x', itemDigits: 5, value: 'price', valueDigits: 4 }).success).toBe(false);
  });
});
