/**
 * Builds assets/fonts/counter-mono-12x24.hex, the bitmap font the raster
 * fallback and the virtual printer's PNG renderer draw non-Hangul text with.
 *
 * Why a generated file: no Korean or bitmap font ships on the build machines
 * (Debian `unifont` is not installed and we may not install it), and Node has
 * no font rasteriser. Chromium has one, so this script lets it draw DejaVu
 * Sans Mono (Bitstream Vera licence: derived bitmaps may be shipped under
 * another name) at printer Font A size, 12 x 24 dots, thresholds each cell
 * and writes one `XXXX:` + 24 rows of 3 hex digits line per code point, the
 * layout of GNU Unifont's .hex files. Hangul comes from hangul-glyphs.ts.
 *
 * Run once after changing the ranges:
 *   node bin/run-ts.mjs native/printer/glyphs/build-latin-font.ts
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const RANGES: Array<[number, number]> = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x17f], // Latin-1, Latin Extended-A
  [0x370, 0x3ff], // Greek
  [0x400, 0x45f], // Cyrillic
  [0x2010, 0x2027], // dashes, quotes, bullets
  [0x2030, 0x203b],
  [0x20a0, 0x20bf], // currency signs (₩ U+20A9)
  [0x2190, 0x2193], // arrows
  [0x2500, 0x259f], // box drawing, blocks
  [0x25a0, 0x25cf], // geometric shapes
];

// The few canvas types the page function uses (the project compiles without the DOM library).
interface Canvas2D {
  font: string;
  fillStyle: string;
  textBaseline: string;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
interface PageGlobals {
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d', options: object): Canvas2D | null;
    };
  };
}

const codePoints = RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i),
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage();
  const rows: string[] = await page.evaluate((points: number[]) => {
    const canvas = (globalThis as unknown as PageGlobals).document.createElement('canvas');
    canvas.width = 12;
    canvas.height = 24;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    const out: string[] = [];
    for (const cp of points) {
      g.clearRect(0, 0, 12, 24);
      g.fillStyle = '#000';
      g.font = '20px "DejaVu Sans Mono"';
      g.textBaseline = 'alphabetic';
      g.fillText(String.fromCodePoint(cp), 0, 18);
      const { data } = g.getImageData(0, 0, 12, 24);
      let hex = '';
      let ink = 0;
      for (let y = 0; y < 24; y++) {
        let bits = 0;
        for (let x = 0; x < 12; x++) {
          const on = data[(y * 12 + x) * 4 + 3]! > 110;
          bits = (bits << 1) | (on ? 1 : 0);
          ink += on ? 1 : 0;
        }
        hex += bits.toString(16).toUpperCase().padStart(3, '0');
      }
      // An empty cell means no font had the glyph; the renderer then draws a code-point box.
      if (ink > 0 || cp === 0x20 || cp === 0xa0)
        out.push(`${cp.toString(16).toUpperCase().padStart(4, '0')}:${hex}`);
    }
    return out;
  }, codePoints);
  const target = new URL('../../../assets/fonts/counter-mono-12x24.hex', import.meta.url);
  writeFileSync(target, `${rows.join('\n')}\n`);
  console.log(`wrote ${rows.length} glyphs to ${target.pathname}`);
} finally {
  await browser.close();
}
