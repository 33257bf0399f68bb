import type { Align } from '../../../src/receipts/receipt-document.js';
import type { Bitmap } from '../bitmap.js';
import type { DecodedElement } from './decoded-receipt.js';
import { Truncated } from './graphics-commands.js';
import type { NvMemory } from './nv-memory.js';

/**
 * The printer's memory for codes and graphics: barcode settings (`GS h`,
 * `GS w`, `GS H`), the 2D symbol storage of `GS ( k` (QR, PDF417 ...) and the
 * graphics buffer of `GS ( L` / `GS 8 L`. Store commands fill it; print
 * commands turn it into decoded elements.
 */

const BARCODE_NAMES = [
  'UPC-A',
  'UPC-E',
  'EAN13',
  'EAN8',
  'CODE39',
  'ITF',
  'CODABAR',
  'CODE93',
  'CODE128',
  'GS1-128',
  'GS1-DATABAR',
];
const TWO_D_NAMES: Record<number, string> = {
  0x30: 'PDF417',
  0x32: 'MAXICODE',
  0x33: 'GS1-DATABAR',
  0x34: 'COMPOSITE',
  0x35: 'AZTEC',
  0x36: 'DATAMATRIX',
};
const QR_CN = 0x31;
const utf8 = new TextDecoder();

export class SymbolStore {
  private readonly barcodeSettings = { height: 162, moduleWidth: 3, textPosition: 0 };
  private readonly qr = { model: 2, moduleSize: 3, level: 0, data: new Uint8Array(0) };
  private readonly twoD = new Map<number, Uint8Array>();
  private graphic: { bitmap: Bitmap; scaleX: number; scaleY: number } | undefined;

  constructor(readonly nv: NvMemory) {}

  /** `GS h n`, `GS w n`, `GS H n`. */
  setBarcode(command: number, n: number): void {
    if (command === 0x68) this.barcodeSettings.height = n;
    else if (command === 0x77) this.barcodeSettings.moduleWidth = n;
    else if (command === 0x48) this.barcodeSettings.textPosition = n % 48;
  }

  /** `GS k m ...`: NUL-terminated data for m 0-6, length-prefixed for m 65 and up. */
  barcode(b: Uint8Array, pos: number, align: Align): { next: number; element: DecodedElement } {
    if (pos + 3 > b.length) throw new Truncated();
    const m = b[pos + 2]!;
    let start = pos + 3;
    let end = start;
    let next: number;
    if (m <= 6) {
      while (true) {
        if (end >= b.length) throw new Truncated();
        if (b[end] === 0) break;
        end++;
      }
      next = end + 1;
    } else {
      if (pos + 4 > b.length) throw new Truncated();
      start = pos + 4;
      end = start + b[pos + 3]!;
      if (end > b.length) throw new Truncated();
      next = end;
    }
    const system = BARCODE_NAMES[m <= 6 ? m : m - 65] ?? `BARCODE-${m}`;
    const data = Buffer.from(b.subarray(start, end)).toString('latin1');
    return { next, element: { kind: 'barcode', system, data, ...this.barcodeSettings, align } };
  }

  /** A `GS (` / `GS 8` function body; returns the element a print function produces. */
  paren(fn: number, body: Uint8Array, align: Align): DecodedElement | undefined {
    if (fn === 0x6b) return this.twoDimensional(body, align);
    if (fn === 0x4c) return this.graphics(body, align);
    return undefined;
  }

  private twoDimensional(body: Uint8Array, align: Align): DecodedElement | undefined {
    const [cn, code, arg] = [body[0]!, body[1]!, body[2]];
    if (cn === QR_CN) {
      if (code === 0x41) this.qr.model = (arg ?? 0x32) - 0x30;
      else if (code === 0x43) this.qr.moduleSize = arg ?? 3;
      else if (code === 0x45) this.qr.level = (arg ?? 0x30) - 0x30;
      else if (code === 0x50) this.qr.data = body.slice(3);
      else if (code === 0x51) {
        const { data, moduleSize, model } = this.qr;
        const level = (['L', 'M', 'Q', 'H'] as const)[this.qr.level] ?? 'L';
        return { kind: 'qr', data, text: utf8.decode(data), moduleSize, level, model, align };
      }
      return undefined;
    }
    if (code === 0x50) this.twoD.set(cn, body.slice(3));
    else if (code === 0x51) {
      const text = utf8.decode(this.twoD.get(cn) ?? new Uint8Array(0));
      return { kind: '2d-code', symbology: TWO_D_NAMES[cn] ?? `2D-${cn}`, text, align };
    }
    return undefined;
  }

  /**
   * fn 112 stores a raster graphic (m fn a bx by c xL xH yL yH data); fn 50 prints it. fn 67
   * stores one in NV memory by key, fn 69 prints it from there.
   */
  private graphics(body: Uint8Array, align: Align): DecodedElement | undefined {
    const fn = body[1]!;
    if (fn === 0x43) {
      this.nv.defineGraphic(body);
      return undefined;
    }
    if (fn === 0x45) {
      const bitmap = this.nv.graphic(body);
      if (!bitmap) return undefined;
      const [scaleX, scaleY] = [body[4] ?? 1, body[5] ?? 1];
      return { kind: 'image', bitmap, scaleX, scaleY, align, source: 'GS ( L NV graphic' };
    }
    if (fn === 0x70 && body.length >= 10) {
      const width = body[6]! + body[7]! * 256;
      const height = body[8]! + body[9]! * 256;
      const bytesPerRow = Math.ceil(width / 8);
      this.graphic = {
        bitmap: { width, height, bytesPerRow, data: body.slice(10, 10 + bytesPerRow * height) },
        scaleX: body[3]!,
        scaleY: body[4]!,
      };
    } else if (fn === 0x32 && this.graphic) {
      const element: DecodedElement = { kind: 'image', ...this.graphic, align, source: 'GS ( L' };
      this.graphic = undefined;
      return element;
    }
    return undefined;
  }
}
