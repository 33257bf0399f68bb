import { type Bitmap, createBitmap, setDot } from '../bitmap.js';
import { Truncated } from './graphics-commands.js';

/**
 * The virtual printer's non-volatile memory: logos stored with `GS ( L` function 67 (by
 * two-character key) or `FS q` (numbered NV bit images, replaced as a set). It outlives
 * connections, as flash outlives a power cycle, and counts its writes so tests can show a logo
 * is stored once, not with every receipt (issue 16, Deliver 9).
 */
export class NvMemory {
  private readonly graphics = new Map<string, Bitmap>();
  private bitImages: Bitmap[] = [];
  /** How many store commands reached the flash. */
  writes = 0;

  /** `GS ( L` fn 67 body: m fn a kc1 kc2 b xL xH yL yH c d... (raster, one colour). */
  defineGraphic(body: Uint8Array): void {
    if (body.length < 11) return;
    const key = String.fromCharCode(body[3]!, body[4]!);
    const width = body[6]! + body[7]! * 256;
    const height = body[8]! + body[9]! * 256;
    const bytesPerRow = Math.ceil(width / 8);
    this.graphics.set(key, { width, height, bytesPerRow, data: body.slice(11, 11 + bytesPerRow * height) });
    this.writes += 1;
  }

  /** The graphic `GS ( L` fn 69 asks for (body: m fn kc1 kc2 x y), or undefined if none is stored. */
  graphic(body: Uint8Array): Bitmap | undefined {
    return body.length >= 4 ? this.graphics.get(String.fromCharCode(body[2]!, body[3]!)) : undefined;
  }

  /**
   * `FS q n [xL xH yL yH d...]n` at `pos`: replaces every NV bit image; sizes in units of 8
   * dots, data in column format. Returns the position after the command.
   */
  defineBitImages(b: Uint8Array, pos: number): number {
    if (pos + 3 > b.length) throw new Truncated();
    const count = b[pos + 2]!;
    let at = pos + 3;
    const images: Bitmap[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 4 > b.length) throw new Truncated();
      const xBytes = b[at]! + b[at + 1]! * 256;
      const yBytes = b[at + 2]! + b[at + 3]! * 256;
      const start = at + 4;
      at = start + xBytes * 8 * yBytes;
      if (at > b.length) throw new Truncated();
      const bitmap = createBitmap(xBytes * 8, yBytes * 8);
      for (let x = 0; x < xBytes * 8; x++) {
        for (let k = 0; k < yBytes; k++) {
          const byte = b[start + x * yBytes + k]!;
          for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) setDot(bitmap, x, k * 8 + bit);
        }
      }
      images.push(bitmap);
    }
    this.bitImages = images;
    this.writes += 1;
    return at;
  }

  /** NV bit image `n` (1-based), as `FS p n m` prints it. */
  bitImage(n: number): Bitmap | undefined {
    return this.bitImages[n - 1];
  }
}
