/**
 * A one-bit image in the layout ESC/POS raster commands take: rows top to
 * bottom, each row packed MSB-first into `bytesPerRow` bytes, 1 = black dot.
 * Logos, QR fallbacks and raster text lines are all built as these.
 */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

/** A blank (white) bitmap of `width` x `height` dots. */
export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bitmap size ${width}x${height} is not a pair of whole numbers`);
  }
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

/** Blackens the dot at (x, y); dots outside the bitmap are ignored so callers may clip freely. */
export function setDot(bitmap: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  bitmap.data[y * bitmap.bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
}

/** Whether the dot at (x, y) is black; outside the bitmap is white. */
export function getDot(bitmap: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  return (bitmap.data[y * bitmap.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
}

/** Draws `source` onto `target` with its top-left corner at (x, y), each dot scaled by `scaleX` x `scaleY`. */
export function drawBitmap(
  target: Bitmap,
  source: Bitmap,
  x: number,
  y: number,
  scaleX = 1,
  scaleY = 1,
): void {
  for (let sy = 0; sy < source.height; sy++) {
    for (let sx = 0; sx < source.width; sx++) {
      if (!getDot(source, sx, sy)) continue;
      for (let dy = 0; dy < scaleY; dy++) {
        for (let dx = 0; dx < scaleX; dx++)
          setDot(target, x + sx * scaleX + dx, y + sy * scaleY + dy);
      }
    }
  }
}

/** Bold the way printers do it: every black dot also blackens its right neighbour. */
export function emboldened(source: Bitmap): Bitmap {
  const out = createBitmap(source.width, source.height);
  drawBitmap(out, source, 0, 0);
  drawBitmap(out, source, 1, 0);
  return out;
}

/** Number of black dots: tests use it to check that something was drawn where expected. */
export function inkCount(
  bitmap: Bitmap,
  x0 = 0,
  y0 = 0,
  x1 = bitmap.width,
  y1 = bitmap.height,
): number {
  let count = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (getDot(bitmap, x, y)) count++;
  return count;
}
