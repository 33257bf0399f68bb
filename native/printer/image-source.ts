import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { type Bitmap, createBitmap, setDot } from './bitmap.js';

/**
 * Where the encoder gets the bitmaps that documents name (`{ kind: 'image',
 * ref: 'logo' }`). Receipts carry names, not pixels, so a stored job stays
 * small and the logo can be changed without touching the queue.
 */
export interface ImageSource {
  /** The bitmap named `ref`, or undefined when there is none (the block is then skipped). */
  image(ref: string): Bitmap | undefined;
}

/**
 * A PNG as a one-bit bitmap: a pixel is black when it is mostly opaque and
 * darker than mid-grey. Logos for receipts should already be black and white.
 */
export function bitmapFromPng(png: Buffer): Bitmap {
  const image = PNG.sync.read(png);
  const bitmap = createBitmap(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const luminance =
        0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      if (image.data[i + 3]! >= 128 && luminance < 128) setDot(bitmap, x, y);
    }
  }
  return bitmap;
}

const SAFE_REF = /^[a-z0-9][a-z0-9._-]*$/i;

/** Images from `<directory>/<ref>.png` (assets/logo by default), read once and kept. */
export class PngDirectoryImageSource implements ImageSource {
  private readonly cache = new Map<string, Bitmap | undefined>();

  constructor(
    private readonly directory: string = new URL('../../assets/logo/', import.meta.url).pathname,
  ) {}

  image(ref: string): Bitmap | undefined {
    // A ref comes from a stored document: never let it walk out of the directory.
    if (!SAFE_REF.test(ref) || ref.includes('..')) return undefined;
    if (!this.cache.has(ref)) {
      let bitmap: Bitmap | undefined;
      try {
        bitmap = bitmapFromPng(readFileSync(join(this.directory, `${ref}.png`)));
      } catch {
        bitmap = undefined;
      }
      this.cache.set(ref, bitmap);
    }
    return this.cache.get(ref);
  }
}

/** Images held in memory, for tests and for logos configured as data. */
export class MapImageSource implements ImageSource {
  constructor(private readonly images: ReadonlyMap<string, Bitmap>) {}

  image(ref: string): Bitmap | undefined {
    return this.images.get(ref);
  }
}
