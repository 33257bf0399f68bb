import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Bitmap, createBitmap, drawBitmap, getDot } from '../../../native/printer/bitmap.js';
import { decodeEscPos } from '../../../native/printer/decoder/escpos-decoder.js';
import { renderReceiptPng } from '../../../native/printer/decoder/render-png.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { codePointBox, glyphFor } from '../../../native/printer/glyphs/glyph-renderer.js';
import { fontGlyph } from '../../../native/printer/glyphs/font-glyphs.js';
import { hangulGlyph } from '../../../native/printer/glyphs/hangul-glyphs.js';
import { PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { printerProfile } from '../../../native/printer/profiles.js';

const korean80 = printerProfile('korean-80');
const same = (a: Bitmap, b: Bitmap) => a.width === b.width && Buffer.from(a.data).equals(Buffer.from(b.data));

/** The 24 x 24 cell of a raster line at column `col` (12-dot columns). */
function cell(line: Bitmap, col: number, columns: 1 | 2 = 2): Bitmap {
  const out = createBitmap(12 * columns, 24);
  for (let y = 0; y < 24; y++)
    for (let x = 0; x < 12 * columns; x++) if (getDot(line, col * 12 + x, y)) drawBitmap(out, { width: 1, height: 1, bytesPerRow: 1, data: Uint8Array.of(0x80) }, x, y);
  return out;
}

describe('CJK on paper from the shipped font (Noto Sans CJK via fontkit)', () => {
  it.each([
    ['合', 'Hanja in KS X 1001 and Chinese'],
    ['计', 'Simplified Chinese, not in KS X 1001'],
    ['★', 'a symbol'],
    ['①', 'a circled digit'],
    ['ア', 'katakana'],
  ])('draws %s (%s) from the font, never as a code-point box', (char, _what) => {
    const cp = char.codePointAt(0)!;
    const { bitmap, columns } = glyphFor(cp);
    expect(bitmap).toBeDefined();
    expect(same(bitmap!, codePointBox(cp, columns === 1 ? 1 : 2))).toBe(false);
    expect(same(bitmap!, fontGlyph(cp, columns === 1 ? 1 : 2)!)).toBe(true);
  });

  it('still boxes what no font has (an emoji), with its code point', () => {
    const { bitmap } = glyphFor(0x1f600);
    expect(same(bitmap!, codePointBox(0x1f600, 2))).toBe(true);
  });

  it('prints a WeChat Pay customer’s 合计 line readable, its KS X 1001 Hanja included', () => {
    const encoder = new EscPosReceiptEncoder(korean80, new PngDirectoryImageSource());
    const bytes = encoder.encode({ blocks: [{ kind: 'text', text: '合计 CNY 7.65 (₩1,500)' }] });
    const receipt = decodeEscPos(bytes, { startsInDoubleByte: true });
    const image = receipt.elements.find((e) => e.kind === 'image');
    expect(image?.kind).toBe('image');
    if (image?.kind !== 'image') return;
    expect(same(cell(image.bitmap, 0), fontGlyph(0x5408, 2)!)).toBe(true); // 合
    expect(same(cell(image.bitmap, 2), fontGlyph(0x8ba1, 2)!)).toBe(true); // 计
    mkdirSync('docs/images', { recursive: true });
    writeFileSync(
      'docs/images/receipt-chinese-line.png',
      renderReceiptPng(receipt, { dotsPerLine: korean80.dotsPerLine, columns: korean80.columns.fontA }),
    );
  });

  it('keeps the jamo-built Hangul glyphs, which print cleaner than the font at 24 dots', () => {
    // The side-by-side the choice was made on: jamo-built (top) and Noto Sans KR (bottom).
    const text = '똠양꿍 힣 가격 합계';
    const chars = [...text];
    const sheet = createBitmap(chars.length * 24, 52);
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0)!;
      if (ch === ' ') return;
      expect(same(glyphFor(cp).bitmap!, hangulGlyph(cp)!)).toBe(true);
      drawBitmap(sheet, hangulGlyph(cp)!, i * 24, 0);
      drawBitmap(sheet, fontGlyph(cp, 2)!, i * 24, 28);
    });
    writeFileSync(
      'docs/images/hangul-jamo-vs-font.png',
      renderReceiptPng(
        { elements: [{ kind: 'image', bitmap: sheet, scaleX: 1, scaleY: 1, align: 'left', source: 'GS v 0' }], warnings: [] },
        { dotsPerLine: korean80.dotsPerLine, columns: korean80.columns.fontA },
      ),
    );
  });
});
