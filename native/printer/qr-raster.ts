import QRCode from 'qrcode';
import { type Bitmap, createBitmap, setDot } from './bitmap.js';

/**
 * A QR code drawn as dots, for printers without `GS ( k`. The matrix comes
 * from the `qrcode` package (byte mode is UTF-8, as the native command's data
 * is); each module is `moduleSize` dots with a two-module quiet zone, which
 * is what scanners need beside text printed right above or below.
 */
export function qrBitmap(data: string, level: 'L' | 'M' | 'Q' | 'H', moduleSize: number): Bitmap {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: level });
  const quiet = 2;
  const side = (modules.size + 2 * quiet) * moduleSize;
  const bitmap = createBitmap(side, side);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const x0 = (col + quiet) * moduleSize;
      const y0 = (row + quiet) * moduleSize;
      for (let dy = 0; dy < moduleSize; dy++)
        for (let dx = 0; dx < moduleSize; dx++) setDot(bitmap, x0 + dx, y0 + dy);
    }
  }
  return bitmap;
}
