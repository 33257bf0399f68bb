import { charColumns } from '../../../src/receipts/text-width.js';
import { type Bitmap, createBitmap, drawBitmap, emboldened, setDot } from '../bitmap.js';
import { fontGlyph } from './font-glyphs.js';
import { hangulGlyph } from './hangul-glyphs.js';
import { latinGlyph } from './latin-font.js';

/**
 * Draws text as dots, in printer Font A cells (12 x 24, 24 x 24 for wide
 * characters). Used for the raster fallback of characters a printer font
 * lacks and by the virtual printer's PNG renderer. Hangul syllables use the
 * glyphs composed from jamo strokes (hangul-glyphs.ts): set side by side with
 * the shipped Noto Sans CJK at 24 dots (docs/images/hangul-jamo-vs-font.png)
 * their even two-dot strokes print darker and cleaner on a thermal head than
 * the font's thinner, uneven ones. Everything else a printer font lacks
 * (Hanja, Chinese, kana, symbols) comes from the shipped font (font-glyphs.ts).
 * A character no font has (emoji) is drawn as a box showing its code point in
 * hex, so it is never a silent `?`.
 */

export const CELL_WIDTH = 12;
export const CELL_HEIGHT = 24;

// 3 x 5 hex digits, rows top to bottom, 3 bits each.
const HEX_DIGITS = [
  0o75557, 0o26227, 0o71747, 0o71717, 0o55711, 0o74717, 0o74757, 0o71111, 0o75757, 0o75717, 0o25755,
  0o65656, 0o34443, 0o65556, 0o74647, 0o74644,
];

function drawHexDigit(target: Bitmap, digit: number, x: number, y: number): void {
  const pattern = HEX_DIGITS[digit]!;
  for (let row = 0; row < 5; row++) {
    const bits = (pattern >> ((4 - row) * 3)) & 7;
    for (let col = 0; col < 3; col++) if (bits & (4 >> col)) setDot(target, x + col, y + row);
  }
}

/** A box with the code point's hex digits inside: the glyph of last resort. */
export function codePointBox(codePoint: number, columns: 1 | 2): Bitmap {
  const width = columns * CELL_WIDTH;
  const box = createBitmap(width, CELL_HEIGHT);
  for (let x = 1; x < width - 1; x++) {
    setDot(box, x, 1);
    setDot(box, x, CELL_HEIGHT - 2);
  }
  for (let y = 1; y < CELL_HEIGHT - 1; y++) {
    setDot(box, 1, y);
    setDot(box, width - 2, y);
  }
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const perRow = columns === 2 ? 3 : 2;
  const rows = Math.ceil(hex.length / perRow);
  const top = Math.floor((CELL_HEIGHT - (rows * 6 - 1)) / 2);
  for (let i = 0; i < hex.length; i++) {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, hex.length - row * perRow);
    const left = Math.floor((width - (inRow * 4 - 1)) / 2);
    drawHexDigit(box, parseInt(hex[i]!, 16), left + (i % perRow) * 4, top + row * 6);
  }
  return box;
}

const centredCache = new Map<number, Bitmap>();

/** A narrow glyph centred in a wide cell: fullwidth forms such as ￦ (U+FFE6) and Ａ. */
function centredNarrow(codePoint: number, narrow: Bitmap): Bitmap {
  let glyph = centredCache.get(codePoint);
  if (!glyph) {
    glyph = createBitmap(2 * CELL_WIDTH, CELL_HEIGHT);
    drawBitmap(glyph, narrow, CELL_WIDTH / 2, 0);
    centredCache.set(codePoint, glyph);
  }
  return glyph;
}

/** The narrow counterpart of a fullwidth form, if any (U+FF01-FF5E, ￦, ￠ ...). */
function narrowOf(codePoint: number): number | undefined {
  if (codePoint >= 0xff01 && codePoint <= 0xff5e) return codePoint - 0xfee0;
  return { 0xffe0: 0xa2, 0xffe1: 0xa3, 0xffe5: 0xa5, 0xffe6: 0x20a9 }[codePoint];
}

/** The glyph of one code point and the columns it takes (0 for combining marks). */
export function glyphFor(codePoint: number): { bitmap: Bitmap | undefined; columns: 0 | 1 | 2 } {
  const columns = charColumns(codePoint);
  if (columns === 0) return { bitmap: undefined, columns };
  const hangul = hangulGlyph(codePoint);
  if (hangul) return { bitmap: hangul, columns };
  if (columns === 1)
    return {
      bitmap: latinGlyph(codePoint) ?? fontGlyph(codePoint, 1) ?? codePointBox(codePoint, 1),
      columns,
    };
  const narrow = narrowOf(codePoint);
  const narrowGlyph = narrow === undefined ? undefined : latinGlyph(narrow);
  return {
    bitmap: narrowGlyph
      ? centredNarrow(codePoint, narrowGlyph)
      : (fontGlyph(codePoint, 2) ?? codePointBox(codePoint, 2)),
    columns,
  };
}

export interface RowStyle {
  scaleX: 1 | 2;
  scaleY: 1 | 2;
  bold: boolean;
  underline: boolean;
}

/**
 * Draws `text` onto `target` starting at dot (x, y), each cell scaled by the
 * style. Returns the x after the last character.
 */
export function drawText(
  target: Bitmap,
  text: string,
  x: number,
  y: number,
  style: RowStyle,
): number {
  let cursor = x;
  for (const char of text) {
    const { bitmap, columns } = glyphFor(char.codePointAt(0)!);
    if (!bitmap) continue;
    drawBitmap(
      target,
      style.bold ? emboldened(bitmap) : bitmap,
      cursor,
      y,
      style.scaleX,
      style.scaleY,
    );
    const advance = columns * CELL_WIDTH * style.scaleX;
    if (style.underline) {
      for (let dx = 0; dx < advance; dx++)
        setDot(target, cursor + dx, y + CELL_HEIGHT * style.scaleY - 1);
    }
    cursor += advance;
  }
  return cursor;
}
