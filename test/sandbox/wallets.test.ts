import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancelDeadline } from '../../sandbox/business-time.js';
import { kstDate, startOfKstDate } from '../../src/platform/business-time.js';
import {
  convertFromKrw,
  feeFor,
  magicOutcome,
  mulDivRound,
  walletOfCode,
} from '../../sandbox/wallets.js';

describe('sandbox wallets', () => {
  it('routes codes through src/codes detection; unknown plausible codes are Zero Pay', () => {
    expect(walletOfCode('134728953980228598')).toBe('wechat-pay');
    expect(walletOfCode('251001020123456789012345')).toBe('alipay');
    expect(walletOfCode('6228376427820283746')).toBe('unionpay');
    expect(walletOfCode('ZP00000000000000007777')).toBe('zeropay');
    expect(walletOfCode('hQVDUFYwMWETTwegAAADMzMBAVAFUUJPQw==')).toBe('other');
    expect(walletOfCode('00020101021126')).toBeUndefined();
    expect(walletOfCode('12-34')).toBeUndefined();
  });

  it('reads magic behaviour from the last four characters only', () => {
    expect(magicOutcome('134728953980220051')).toEqual({
      kind: 'decline',
      code: 'USER_BALANCE_NOT_ENOUGH',
    });
    expect(magicOutcome('134728953980220091')).toMatchObject({ kind: 'pending', then: 'SUCCESS' });
    expect(magicOutcome('134728953005177777')).toBeUndefined();
  });

  it('converts KRW to the payer currency exactly, rounding half up', () => {
    expect(convertFromKrw(15_000, 'CNY', '0.0051')).toBe(7_650);
    expect(convertFromKrw(1, 'CNY', '0.0051')).toBe(1);
    expect(convertFromKrw(99, 'CNY', '0.0051')).toBe(50);
    expect(convertFromKrw(1_000, 'JPY', '0.108')).toBe(108);
    expect(feeFor('wechat-pay', 15_000)).toBe(300);
    expect(feeFor('zeropay', 1_650)).toBe(5);
  });

  it('mulDivRound is a × b / c rounded half up, for products within safe integers (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e9 }),
        (a, b, c) => {
          const exact = BigInt(a) * BigInt(b);
          const rounded = BigInt(mulDivRound(a, b, c));
          const twice = 2n * exact;
          return (
            2n * rounded * BigInt(c) <= twice + BigInt(c) &&
            twice - BigInt(c) < 2n * rounded * BigInt(c)
          );
        },
      ),
    );
  });
});

describe('Korean business time', () => {
  it('dates by KST and closes the cancel window at 00:15 KST the next day', () => {
    expect(kstDate(Date.UTC(2026, 0, 5, 14, 59, 59))).toBe('2026-01-05');
    expect(kstDate(Date.UTC(2026, 0, 5, 15, 0, 0))).toBe('2026-01-06');
    expect(new Date(cancelDeadline(Date.UTC(2026, 0, 5, 5, 0))).toISOString()).toBe(
      '2026-01-05T15:15:00.000Z',
    );
    expect(startOfKstDate('2026-01-06')).toBe(Date.UTC(2026, 0, 5, 15, 0));
  });

  it('the cancel deadline is 00:15 KST after the business date of the payment, for any instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }), (t) => {
        const deadline = cancelDeadline(t);
        const kstClock = new Date(deadline + 9 * 3_600_000).toISOString().slice(11, 23);
        return kstClock === '00:15:00.000' && deadline - t > 15 * 60_000 && deadline - t <= 86_400_000 + 15 * 60_000;
      }),
    );
  });
});
