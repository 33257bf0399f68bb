import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Bitmap } from '../bitmap.js';
import { rasterizeOutline } from './outline-raster.js';

/**
 * Glyphs for paper from the CJK font the app ships (@fontsource/noto-sans-kr
 * and -sc, Noto Sans CJK by Google and Adobe, SIL Open Font Licence), read
 * with fontkit and filled at the printer's 24-dot cell (203 dpi). Hanja,
 * Chinese, Japanese kana, CJK symbols and any Hangul syllable come from here,
 * so a WeChat Pay or Alipay customer can read the receipt (issue 16).
 *
 * The packages split each font into about a hundred subsets by Unicode range
 * (for the browser); their stylesheet says which file holds which characters,
 * and a file is opened the first time a character from it is needed.
 */

interface Subset {
  ranges: [number, number][];
  file: string;
  font?: fontkit.Font;
}

const require = createRequire(import.meta.url);
// Korean first (its Hanja are the Korean forms), then Simplified Chinese.
const PACKAGES = ['@fontsource/noto-sans-kr', '@fontsource/noto-sans-sc'];
// Noto Sans CJK's ideographic em box runs from -120 to 880 font units (of 1000).
const EM_TOP = 880;

let subsets: Subset[] | undefined;

function loadSubsets(): Subset[] {
  const out: Subset[] = [];
  for (const pkg of PACKAGES) {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    const css = readFileSync(join(dir, '400.css'), 'utf8');
    for (const face of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/(files\/[^)]+\.woff)\)/.exec(face)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
      if (!file || !range) continue;
      const ranges = range.split(',').map((r): [number, number] => {
        const [from, to] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
      });
      out.push({ ranges, file: join(dir, file) });
    }
  }
  return out;
}

function fontFor(codePoint: number): fontkit.Font | undefined {
  subsets ??= loadSubsets();
  for (const subset of subsets) {
    if (!subset.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) continue;
    subset.font ??= fontkit.create(readFileSync(subset.file)) as fontkit.Font;
    if (subset.font.hasGlyphForCodePoint(codePoint)) return subset.font;
  }
  return undefined;
}

const cache = new Map<string, Bitmap | null>();

/**
 * The shipped font's glyph for a code point, filled into a cell of `columns`
 * x 12 by 24 dots; undefined when the font has none (emoji, say).
 */
export function fontGlyph(codePoint: number, columns: 1 | 2): Bitmap | undefined {
  const key = `${codePoint}:${columns}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const font = fontFor(codePoint);
  let bitmap: Bitmap | null = null;
  if (font) {
    const glyph = font.glyphForCodePoint(codePoint);
    const width = columns * 12;
    const scale = 24 / font.unitsPerEm;
    // Centre the advance in the cell: a proportional symbol sits in the middle of its column.
    const left = (glyph.advanceWidth - width / scale) / 2;
    bitmap = rasterizeOutline(glyph.path.commands, { scale, left, top: (EM_TOP * font.unitsPerEm) / 1000 }, width, 24);
  }
  cache.set(key, bitmap);
  return bitmap ?? undefined;
}
