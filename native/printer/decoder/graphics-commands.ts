import { type Bitmap, createBitmap, setDot } from '../bitmap.js';

/**
 * Parsers for the ESC/POS commands that carry their own length: images,
 * user-defined characters and the `GS (` / `GS 8` function families. Each
 * returns where the next command starts and throws `Truncated` when the
 * stream ends inside the command (the decoder then waits for more bytes).
 */

/** The command continues in bytes not received yet. */
export class Truncated extends Error {
  override readonly name = 'Truncated';
}

function need(b: Uint8Array, end: number): void {
  if (end > b.length) throw new Truncated();
}

/** `GS v 0 m xL xH yL yH d...`: raster image; m 1/3 doubles width, 2/3 doubles height. */
export function rasterImageCommand(
  b: Uint8Array,
  pos: number,
): { next: number; bitmap: Bitmap; scaleX: number; scaleY: number } {
  need(b, pos + 8);
  const m = b[pos + 3]! % 48;
  const bytesPerRow = b[pos + 4]! + b[pos + 5]! * 256;
  const height = b[pos + 6]! + b[pos + 7]! * 256;
  const end = pos + 8 + bytesPerRow * height;
  need(b, end);
  const bitmap: Bitmap = {
    width: bytesPerRow * 8,
    height,
    bytesPerRow,
    data: b.slice(pos + 8, end),
  };
  return { next: end, bitmap, scaleX: m & 1 ? 2 : 1, scaleY: m & 2 ? 2 : 1 };
}

/** `ESC * m nL nH d...`: one stripe of a column-format image, 8 dots (m 0, 1) or 24 dots (m 32, 33) tall. */
export function columnImage(b: Uint8Array, pos: number): { next: number; bitmap: Bitmap } {
  need(b, pos + 5);
  const m = b[pos + 2]!;
  const width = b[pos + 3]! + b[pos + 4]! * 256;
  const bytesPerColumn = m >= 32 ? 3 : 1;
  const end = pos + 5 + width * bytesPerColumn;
  need(b, end);
  const bitmap = createBitmap(width, bytesPerColumn * 8);
  for (let x = 0; x < width; x++) {
    for (let k = 0; k < bytesPerColumn; k++) {
      const byte = b[pos + 5 + x * bytesPerColumn + k]!;
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) setDot(bitmap, x, k * 8 + bit);
    }
  }
  return { next: end, bitmap };
}

/** `ESC & y c1 c2 [x d1...d(y*x)]...`: user-defined characters in column format, y bytes tall. */
export function userDefinedChars(
  b: Uint8Array,
  pos: number,
): { next: number; glyphs: Map<number, Bitmap> } {
  need(b, pos + 5);
  const y = b[pos + 2]!;
  const first = b[pos + 3]!;
  const last = b[pos + 4]!;
  const glyphs = new Map<number, Bitmap>();
  let at = pos + 5;
  for (let code = first; code <= last; code++) {
    need(b, at + 1);
    const width = b[at]!;
    need(b, at + 1 + width * y);
    const glyph = createBitmap(width, y * 8);
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < y; k++) {
        const byte = b[at + 1 + x * y + k]!;
        for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) setDot(glyph, x, k * 8 + bit);
      }
    }
    glyphs.set(code, glyph);
    at += 1 + width * y;
  }
  return { next: at, glyphs };
}

/**
 * `GS ( fn pL pH body` and `FS ( fn pL pH body`, or with `long`,
 * `GS 8 fn p1 p2 p3 p4 body`: hands the body to `handle` and skips it.
 */
export function parenCommand(
  b: Uint8Array,
  pos: number,
  handle: (fn: number, body: Uint8Array) => void,
  long = false,
): number {
  const header = long ? 7 : 5;
  need(b, pos + header);
  const fn = b[pos + 2]!;
  const length = long
    ? b[pos + 3]! + b[pos + 4]! * 0x100 + b[pos + 5]! * 0x10000 + b[pos + 6]! * 0x1000000
    : b[pos + 3]! + b[pos + 4]! * 256;
  const end = pos + header + length;
  need(b, end);
  handle(fn, b.subarray(pos + header, end));
  return end;
}
