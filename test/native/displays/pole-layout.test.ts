import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerDisplayView } from '../../../src/devices/customer-display.js';
import { money } from '../../../src/money/money.js';
import {
  formatPoleAmount,
  layoutPoleDisplay,
  toDisplayAscii,
} from '../../../native/displays/index.js';

describe('toDisplayAscii', () => {
  it.each([
    ['아메리카노', 'Amerikano'],
    ['김밥', 'Gimbap'],
    ['카페 라떼', 'Kape Ratte'],
    ['Café Crème', 'Cafe Creme'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['₩15,000', 'KRW 15,000'],
    ['拿铁咖啡 Latte', 'Latte'],
    ['Tea 🍵 x2', 'Tea x2'],
  ])('%s → %s', (input, expected) => {
    expect(toDisplayAscii(input)).toBe(expected);
  });

  it('only ever yields printable ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(toDisplayAscii(text)).toMatch(/^[\x20-\x7e]*$/);
      }),
    );
  });
});

describe('formatPoleAmount', () => {
  it('writes the currency code and groups thousands', () => {
    expect(formatPoleAmount(money(15000))).toBe('KRW 15,000');
    expect(formatPoleAmount(money(1234567))).toBe('KRW 1,234,567');
    expect(formatPoleAmount(money(0))).toBe('KRW 0');
    expect(formatPoleAmount(money(-1000))).toBe('KRW -1,000');
    expect(formatPoleAmount(money(1250, 'CNY'))).toBe('CNY 12.50');
    expect(formatPoleAmount(money(5, 'CNY'), false)).toBe('0.05');
  });
});

describe('layoutPoleDisplay (2 x 20)', () => {
  const sale: CustomerDisplayView = {
    kind: 'sale',
    language: 'ko',
    items: [
      { name: '김밥', quantity: 1, amount: money(3500) },
      { name: '아이스 아메리카노 (Large)', quantity: 2, amount: money(11500) },
    ],
    total: money(15000),
  };

  it('shows the last line rung up and the total', () => {
    // The name gives way so that the quantity and the amount stay whole.
    expect(layoutPoleDisplay(sale)).toEqual(['Aiseu Amer x2 11,500', 'TOTAL     KRW 15,000']);
  });

  it.each<[string, CustomerDisplayView, [string, string]]>([
    ['idle', { kind: 'idle', language: 'en' }, ['      WELCOME       ', '                    ']],
    [
      'idle with a shop name',
      { kind: 'idle', language: 'ko', shopName: '행복 분식' },
      ['  Haengbok Bunsik   ', '      WELCOME       '],
    ],
    [
      'mpm',
      { kind: 'mpm', language: 'zh', qrPayload: '000201', amount: money(15000), expiresAt: 0 },
      ['   SCAN QR TO PAY   ', 'TOTAL     KRW 15,000'],
    ],
    [
      'approved',
      { kind: 'result', language: 'ko', outcome: 'approved' },
      ['  PAYMENT APPROVED  ', '     THANK YOU      '],
    ],
    [
      'declined',
      { kind: 'result', language: 'ko', outcome: 'declined' },
      ['  PAYMENT DECLINED  ', '  PLEASE TRY AGAIN  '],
    ],
    [
      'expired',
      { kind: 'result', language: 'ko', outcome: 'cancelled', reason: 'expired' },
      [' PAYMENT CANCELLED  ', '  QR CODE EXPIRED   '],
    ],
  ])('%s', (_name, view, lines) => {
    expect(layoutPoleDisplay(view)).toEqual(lines);
  });

  it('always yields two lines of exactly the display width', () => {
    const views = fc.record({
      name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
      quantity: fc.integer({ min: 1, max: 999 }),
      line: fc.integer({ min: -9_999_999, max: 99_999_999 }),
      total: fc.integer({ min: 0, max: 999_999_999 }),
      columns: fc.integer({ min: 20, max: 40 }),
    });
    fc.assert(
      fc.property(views, ({ name, quantity, line, total, columns }) => {
        const lines = layoutPoleDisplay(
          {
            kind: 'sale',
            language: 'ko',
            items: [{ name, quantity, amount: money(line) }],
            total: money(total),
          },
          columns,
        );
        expect(lines.map((l) => l.length)).toEqual([columns, columns]);
        expect(lines[1]).toMatch(/KRW [\d,]+$/);
        if (quantity > 1) expect(lines[0]).toContain(` x${quantity} `);
      }),
    );
  });
});
