import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignOffset,
  charColumns,
  displayWidth,
  normalizeForPrint,
  padStart,
  takeColumns,
  wrapText,
} from '../../src/receipts/text-width.js';

describe('receipt text width', () => {
  it('counts Hangul, CJK and fullwidth signs as two columns, ASCII as one, combining marks as none', () => {
    expect(displayWidth('아메리카노')).toBe(10);
    expect(displayWidth('Latte 라떼')).toBe(10);
    expect(displayWidth('￦1,000')).toBe(7);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(charColumns('漢'.codePointAt(0)!)).toBe(2);
    expect(charColumns(0x0a)).toBe(0);
  });

  it('turns ₩ into the fullwidth ￦ that CP949 has, and drops control characters', () => {
    expect(normalizeForPrint('₩9,000\t합계\u0007')).toBe('￦9,000 합계');
  });

  it('never splits a Hangul syllable when cutting to a width', () => {
    expect(takeColumns('가나다', 5)).toEqual({ head: '가나', rest: '다' });
    expect(padStart('가', 5)).toBe('   가');
  });

  it('wraps at spaces, and inside words only when a word is longer than the line', () => {
    expect(wrapText('카페라떼 오트밀크 변경', 12)).toEqual(['카페라떼', '오트밀크', '변경']);
    expect(wrapText('가나다라마바사', 6)).toEqual(['가나다', '라마바', '사']);
  });

  it('wrapped lines always fit and keep every non-space character in order', () => {
    const text = fc
      .array(fc.constantFrom('가', '힣', 'a', 'Z', '1', ' ', '￦', ','), { maxLength: 80 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 48 }), (input, columns) => {
        const lines = wrapText(input, columns);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
        expect(lines.join('').replace(/ /g, '')).toBe(input.replace(/ /g, ''));
      }),
    );
  });

  it('aligns in whole columns, rounding centring down', () => {
    expect(alignOffset(42, 10, 'center')).toBe(16);
    expect(alignOffset(42, 11, 'center')).toBe(15);
    expect(alignOffset(42, 10, 'right')).toBe(32);
    expect(alignOffset(42, 50, 'right')).toBe(0);
  });
});
