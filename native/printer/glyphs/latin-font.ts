import { readFileSync } from 'node:fs';
import { type Bitmap, createBitmap, setDot } from '../bitmap.js';

/**
 * The 12 x 24 bitmap font for non-Hangul text (assets/fonts/counter-mono-12x24.hex,
 * made by build-latin-font.ts from DejaVu Sans Mono). Loaded on first use.
 */

const DEFAULT_PATH = new URL('../../../assets/fonts/counter-mono-12x24.hex', import.meta.url);

/** Thrown when the font file is missing or malformed: a packaging error, not a printing one. */
export class FontFileError extends Error {
  override readonly name = 'FontFileError';
}

/** Parses the .hex layout: `XXXX:` then 24 rows of 3 hex digits (12 bits, MSB = leftmost dot). */
export function parseHexFont(text: string): Map<number, Bitmap> {
  const glyphs = new Map<number, Bitmap>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const match = /^([0-9A-F]{4,6}):([0-9A-F]{72})$/.exec(line.trim());
    if (!match) throw new FontFileError(`font line ${index + 1} is not CODEPOINT:72 hex digits`);
    const bitmap = createBitmap(12, 24);
    for (let y = 0; y < 24; y++) {
      const row = parseInt(match[2]!.slice(y * 3, y * 3 + 3), 16);
      for (let x = 0; x < 12; x++) if (row & (0x800 >> x)) setDot(bitmap, x, y);
    }
    glyphs.set(parseInt(match[1]!, 16), bitmap);
  }
  return glyphs;
}

let loaded: Map<number, Bitmap> | undefined;

/** The glyph of `codePoint` in the bundled 12 x 24 font, or undefined when it has none. */
export function latinGlyph(codePoint: number): Bitmap | undefined {
  if (!loaded) {
    try {
      loaded = parseHexFont(readFileSync(DEFAULT_PATH, 'utf8'));
    } catch (err) {
      if (err instanceof FontFileError) throw err;
      throw new FontFileError(
        `cannot read the receipt font ${DEFAULT_PATH.pathname}: ${(err as Error).message}`,
      );
    }
  }
  return loaded.get(codePoint);
}
