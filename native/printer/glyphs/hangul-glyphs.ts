import { type Bitmap, createBitmap, setDot } from '../bitmap.js';
import {
  COMPAT_CONSONANTS,
  CONSONANTS as C,
  FINALS,
  HORIZONTAL_VOWELS as H,
  INITIALS,
  type Stroke,
  VERTICAL_VOWELS as V,
  VOWELS,
} from './jamo-strokes.js';

/**
 * A 24 x 24 bitmap for every modern Hangul syllable (U+AC00-U+D7A3), built by
 * composing jamo the way DOS-era Korean bitmap fonts did (initial, vowel and
 * final each drawn into a box chosen by the vowel's shape).
 *
 * Why: printer fonts hold only the 2,350 KS X 1001 syllables, so the other
 * 8,822 (똠, 힣, 쀍 ...) must go to the printer as a raster image, and no Korean
 * font exists on the build machines to draw them with. The jamo are stroke
 * drawings in a unit box, so one table covers all 11,172 syllables and the
 * compatibility jamo (ㄱ, ㅏ ...). Legible, not beautiful: it is a fallback.
 */

type Point = readonly [number, number];
type Box = readonly [number, number, number, number];

const CELL = 24;
const PEN = 2.2;

/** Boxes in dots for [initial, horizontal vowel part, vertical vowel part, final], by vowel shape and final presence. */
// prettier-ignore
const LAYOUT: Record<string, readonly (Box | null)[]> = {
  vertical: [[1.5, 3, 14, 21], null, [13, 1, 23, 23], null],
  horizontal: [[4, 1.5, 20, 11.5], [1, 10, 23, 22], null, null],
  mixed: [[2, 1.5, 14, 10.5], [1, 9.5, 17, 21], [14, 1, 23, 23], null],
  'vertical+final': [[1.5, 1.5, 14, 12.5], null, [13, 0.5, 23, 14.5], [4, 15.5, 20, 23]],
  'horizontal+final': [[4, 0.5, 20, 7.5], [1, 6.5, 23, 14.5], null, [4, 15.5, 20, 23]],
  'mixed+final': [[2, 0.5, 14, 7.5], [1, 6.5, 17, 14.5], [14, 0.5, 23, 14.5], [4, 15.5, 20, 23]],
};

function drawStrokes(bitmap: Bitmap, strokes: readonly Stroke[], [x0, y0, x1, y1]: Box): void {
  const map = ([u, v]: Point): Point => [x0 + u * (x1 - x0), y0 + v * (y1 - y0)];
  for (const stroke of strokes) {
    if ('line' in stroke) {
      for (let i = 1; i < stroke.line.length; i++)
        drawSegment(bitmap, map(stroke.line[i - 1]!), map(stroke.line[i]!));
    } else {
      const [cu, cv, ru, rv] = stroke.ellipse;
      const [cx, cy] = map([cu, cv]);
      drawEllipse(bitmap, cx, cy, ru * (x1 - x0), rv * (y1 - y0));
    }
  }
}

function drawSegment(bitmap: Bitmap, [ax, ay]: Point, [bx, by]: Point): void {
  const r = PEN / 2;
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy || 1;
  for (let y = Math.floor(Math.min(ay, by) - r); y <= Math.ceil(Math.max(ay, by) + r); y++) {
    for (let x = Math.floor(Math.min(ax, bx) - r); x <= Math.ceil(Math.max(ax, bx) + r); x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      if (ex * ex + ey * ey <= r * r) setDot(bitmap, x, y);
    }
  }
}

function drawEllipse(bitmap: Bitmap, cx: number, cy: number, rx: number, ry: number): void {
  const r = PEN / 2;
  for (let y = Math.floor(cy - ry - r); y <= Math.ceil(cy + ry + r); y++) {
    for (let x = Math.floor(cx - rx - r); x <= Math.ceil(cx + rx + r); x++) {
      const nx = (x + 0.5 - cx) / rx;
      const ny = (y + 0.5 - cy) / ry;
      const distance = Math.abs(Math.hypot(nx, ny) - 1) * Math.min(rx, ry);
      if (distance <= r * 0.9) setDot(bitmap, x, y);
    }
  }
}

/** Draws one consonant or a pair of them (ㄲ, ㄳ, ㄺ ...) side by side in `box`. */
function drawConsonants(bitmap: Bitmap, keys: string, box: Box): void {
  const parts = keys.split(' ');
  if (parts.length === 1) {
    drawStrokes(bitmap, C[parts[0]!]!, box);
    return;
  }
  const [x0, y0, x1, y1] = box;
  const middle = (x0 + x1) / 2;
  drawStrokes(bitmap, C[parts[0]!]!, [x0, y0, middle - 0.5, y1]);
  drawStrokes(bitmap, C[parts[1]!]!, [middle + 0.5, y0, x1, y1]);
}

function composeSyllable(initial: number, vowel: number, final: number): Bitmap {
  const bitmap = createBitmap(CELL, CELL);
  const parts = VOWELS[vowel]!.split(' ');
  const horizontal = parts.find((p) => p in H);
  const vertical = parts.find((p) => p in V);
  const shape = horizontal && vertical ? 'mixed' : horizontal ? 'horizontal' : 'vertical';
  const [initialBox, horizontalBox, verticalBox, finalBox] =
    LAYOUT[final ? `${shape}+final` : shape]!;
  drawConsonants(bitmap, INITIALS[initial]!, initialBox!);
  if (horizontal) drawStrokes(bitmap, H[horizontal]!, horizontalBox!);
  if (vertical) drawStrokes(bitmap, V[vertical]!, verticalBox!);
  if (final) drawConsonants(bitmap, FINALS[final]!, finalBox!);
  return bitmap;
}

function composeJamo(codePoint: number): Bitmap | undefined {
  const bitmap = createBitmap(CELL, CELL);
  const consonant = COMPAT_CONSONANTS[codePoint - 0x3131];
  if (consonant !== undefined) {
    drawConsonants(bitmap, consonant, [4, 4, 20, 20]);
    return bitmap;
  }
  const vowel = VOWELS[codePoint - 0x314f];
  if (vowel === undefined) return undefined;
  for (const part of vowel.split(' ')) {
    if (part in H) drawStrokes(bitmap, H[part]!, [2, 8, 22, 20]);
    else drawStrokes(bitmap, V[part]!, [8, 2, 20, 22]);
  }
  return bitmap;
}

const cache = new Map<number, Bitmap>();

/**
 * The 24 x 24 glyph of a Hangul syllable or compatibility jamo, or undefined
 * for any other code point. Glyphs are built on first use and kept.
 */
export function hangulGlyph(codePoint: number): Bitmap | undefined {
  const cached = cache.get(codePoint);
  if (cached) return cached;
  let glyph: Bitmap | undefined;
  if (codePoint >= 0xac00 && codePoint <= 0xd7a3) {
    const index = codePoint - 0xac00;
    glyph = composeSyllable(Math.floor(index / 588), Math.floor((index % 588) / 28), index % 28);
  } else if (codePoint >= 0x3131 && codePoint <= 0x3163) {
    glyph = composeJamo(codePoint);
  }
  if (glyph) cache.set(codePoint, glyph);
  return glyph;
}
