import type { Bitmap } from './bitmap.js';
import { ByteWriter } from './byte-writer.js';

/**
 * Low-level ESC/POS commands, one method per command, named like
 * mike42/escpos-php's `Printer` so that its example scripts can be replayed
 * call for call and compared byte for byte with its published outputs
 * (test/native/printer/conformance.test.ts). The receipt encoder builds on
 * these; nothing here knows about receipts or Korean.
 */

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/** `GS k` barcode systems (function B, length-prefixed), Epson numbering. */
export const BARCODE_SYSTEMS = {
  upca: 65,
  upce: 66,
  ean13: 67,
  ean8: 68,
  code39: 69,
  itf: 70,
  codabar: 71,
  code93: 72,
  code128: 73,
} as const;
export type BarcodeSystem = keyof typeof BARCODE_SYSTEMS;

/** QR error correction levels as `GS ( k` function 169 numbers them (48 + n). */
export const QR_LEVELS = { L: 0, M: 1, Q: 2, H: 3 } as const;

/** Thrown for a command argument outside what the printer accepts. */
export class EscPosArgumentError extends RangeError {
  override readonly name = 'EscPosArgumentError';
}

function check(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EscPosArgumentError(
      `${what} must be a whole number from ${min} to ${max}, not ${value}`,
    );
  }
  return value;
}

const utf8 = new TextEncoder();

/** An NV graphics key: two printable ASCII characters (32-126), as `GS ( L` takes them. */
function nvKey(key: string): [number, number] {
  if (!/^[\x20-\x7e]{2}$/.test(key))
    throw new EscPosArgumentError(`NV graphics key must be two printable ASCII characters, not "${key}"`);
  return [key.charCodeAt(0), key.charCodeAt(1)];
}

export class EscPosCommands {
  constructor(readonly out: ByteWriter = new ByteWriter()) {}

  /** `ESC @`: back to power-on settings (on Korean models that includes double-byte mode!). */
  initialize(): this {
    this.out.bytes(ESC, 0x40);
    return this;
  }

  /** `ESC ! n`: font B (1), emphasized (8), double height (16), double width (32), underline (128). */
  selectPrintMode(mode = 0): this {
    this.out.bytes(ESC, 0x21, check(mode, 0, 255, 'print mode'));
    return this;
  }

  /** `GS ! n`: character size 1-8 times in each direction; applies to single- and double-byte text. */
  setTextSize(widthMultiplier: number, heightMultiplier: number): this {
    check(widthMultiplier, 1, 8, 'width multiplier');
    check(heightMultiplier, 1, 8, 'height multiplier');
    this.out.bytes(GS, 0x21, ((widthMultiplier - 1) << 4) | (heightMultiplier - 1));
    return this;
  }

  /** `ESC E n`: emphasized (bold). */
  setEmphasis(on = true): this {
    this.out.bytes(ESC, 0x45, on ? 1 : 0);
    return this;
  }

  /** `ESC - n` and, for double-byte text, `FS - n`: underline 0-2 dots. */
  setUnderline(dots: number, doubleByte = false): this {
    check(dots, 0, 2, 'underline');
    this.out.bytes(ESC, 0x2d, dots);
    if (doubleByte) this.out.bytes(FS, 0x2d, dots);
    return this;
  }

  /** `ESC a n`: 0 left, 1 centre, 2 right. */
  setJustification(justification = 0): this {
    this.out.bytes(ESC, 0x61, check(justification, 0, 2, 'justification'));
    return this;
  }

  /** `GS L nL nH`: left margin in dots. */
  setPrintLeftMargin(dots = 0): this {
    check(dots, 0, 65535, 'left margin');
    this.out.bytes(GS, 0x4c, dots & 0xff, dots >> 8);
    return this;
  }

  /** `GS W nL nH`: printable width in dots. */
  setPrintWidth(dots = 512): this {
    check(dots, 1, 65535, 'print width');
    this.out.bytes(GS, 0x57, dots & 0xff, dots >> 8);
    return this;
  }

  /** `ESC 2`: default line spacing. */
  defaultLineSpacing(): this {
    this.out.bytes(ESC, 0x32);
    return this;
  }

  /** `ESC t n`: single-byte code table (0 = PC437). */
  selectCharacterTable(table = 0): this {
    this.out.bytes(ESC, 0x74, check(table, 0, 255, 'character table'));
    return this;
  }

  /** `ESC R n`: international character set (13 = Korea, which prints 0x5C as ₩). */
  selectInternationalCharacterSet(set: number): this {
    this.out.bytes(ESC, 0x52, check(set, 0, 255, 'international character set'));
    return this;
  }

  /** `FS &` / `FS .`: double-byte (Kanji/Korean) character mode on or off. */
  setDoubleByteMode(on: boolean): this {
    this.out.bytes(FS, on ? 0x26 : 0x2e);
    return this;
  }

  /** `FS ! n`: double-byte print mode; 0 clears double size and underline set there. */
  selectDoubleBytePrintMode(mode = 0): this {
    this.out.bytes(FS, 0x21, check(mode, 0, 255, 'double-byte print mode'));
    return this;
  }

  /** Raw text: a string is written one byte per character (ASCII or pre-encoded), bytes as given. */
  text(content: string | Uint8Array): this {
    if (typeof content === 'string') this.out.latin1(content);
    else this.out.append(content);
    return this;
  }

  /** `LF`, or `ESC d n` for more than one line. */
  feed(lines = 1): this {
    check(lines, 1, 255, 'lines');
    if (lines === 1) this.out.bytes(LF);
    else this.out.bytes(ESC, 0x64, lines);
    return this;
  }

  private qrFunction(fn: number, data: Uint8Array | readonly number[], m?: number): void {
    const length = data.length + 2 + (m === undefined ? 0 : 1);
    this.out.bytes(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn);
    if (m !== undefined) this.out.bytes(m);
    this.out.append(data instanceof Uint8Array ? data : Uint8Array.from(data));
  }

  /**
   * `GS ( k` QR code: model, module size, error level, store, print.
   * Content is stored as its UTF-8 bytes and pL/pH count bytes, not
   * characters (libraries that use `string.length` corrupt non-ASCII codes).
   */
  qrCode(
    content: string | Uint8Array,
    level: number = QR_LEVELS.L,
    moduleSize = 3,
    model = 2,
  ): this {
    const data = typeof content === 'string' ? utf8.encode(content) : content;
    check(level, 0, 3, 'QR error level');
    check(moduleSize, 1, 16, 'QR module size');
    check(model, 1, 3, 'QR model');
    if (data.length === 0) return this;
    check(data.length, 1, 7089, 'QR data length');
    this.qrFunction(0x41, [0x30 + model, 0]);
    this.qrFunction(0x43, [moduleSize]);
    this.qrFunction(0x45, [0x30 + level]);
    this.qrFunction(0x50, data, 0x30);
    this.qrFunction(0x51, [], 0x30);
    return this;
  }

  /** `GS h n`: barcode height in dots. */
  setBarcodeHeight(dots = 8): this {
    this.out.bytes(GS, 0x68, check(dots, 1, 255, 'barcode height'));
    return this;
  }

  /** `GS w n`: barcode module width. */
  setBarcodeWidth(width = 3): this {
    this.out.bytes(GS, 0x77, check(width, 1, 255, 'barcode width'));
    return this;
  }

  /** `GS H n`: human-readable text 0 none, 1 above, 2 below, 3 both. */
  setBarcodeTextPosition(position = 0): this {
    this.out.bytes(GS, 0x48, check(position, 0, 3, 'barcode text position'));
    return this;
  }

  /** `GS k m n d...`: a barcode; CODE128 data must start with a code set, e.g. `{B`. */
  barcode(content: string, system: BarcodeSystem = 'code39'): this {
    check(content.length, 1, 255, 'barcode length');
    this.out.bytes(GS, 0x6b, BARCODE_SYSTEMS[system], content.length).latin1(content);
    return this;
  }

  /**
   * `GS v 0` raster image, sent in horizontal slices of at most `sliceRows`
   * rows: clones mis-print or drop tall single commands.
   */
  rasterImage(bitmap: Bitmap, sliceRows = 255): this {
    check(bitmap.bytesPerRow, 1, 65535, 'image width in bytes');
    for (let top = 0; top < bitmap.height; top += sliceRows) {
      const rows = Math.min(sliceRows, bitmap.height - top);
      this.out.bytes(
        GS,
        0x76,
        0x30,
        0,
        bitmap.bytesPerRow & 0xff,
        bitmap.bytesPerRow >> 8,
        rows & 0xff,
        rows >> 8,
      );
      this.out.append(
        bitmap.data.subarray(top * bitmap.bytesPerRow, (top + rows) * bitmap.bytesPerRow),
      );
    }
    return this;
  }

  /**
   * `GS ( L` / `GS 8 L` function 67: stores `bitmap` (raster, one colour) in the printer's NV
   * graphics memory under the two-character key `key` (printable ASCII). `GS 8 L` carries a
   * four-byte length when the data passes 65,535 bytes. Flash memory: Epson asks for at most
   * 10 writes a day, so the printer port stores a logo once and again only when it changes.
   */
  defineNvGraphic(key: string, bitmap: Bitmap): this {
    const [kc1, kc2] = nvKey(key);
    check(bitmap.width, 1, 8192, 'NV graphic width');
    check(bitmap.height, 1, 2304, 'NV graphic height');
    const length = 11 + bitmap.data.length; // m fn a kc1 kc2 b xL xH yL yH c, then the data
    if (length <= 0xffff) this.out.bytes(GS, 0x28, 0x4c, length & 0xff, length >> 8);
    else this.out.bytes(GS, 0x38, 0x4c, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24);
    this.out.bytes(0x30, 0x43, 0x30, kc1, kc2, 1, bitmap.width & 0xff, bitmap.width >> 8);
    this.out.bytes(bitmap.height & 0xff, bitmap.height >> 8, 0x31).append(bitmap.data);
    return this;
  }

  /** `GS ( L` function 69: prints the NV graphic stored under `key`, at normal size. */
  printNvGraphic(key: string): this {
    const [kc1, kc2] = nvKey(key);
    this.out.bytes(GS, 0x28, 0x4c, 6, 0, 0x30, 0x45, kc1, kc2, 1, 1);
    return this;
  }

  /**
   * `FS q 1 xL xH yL yH d...`: the older NV bit image, for models without NV graphics. It
   * replaces every NV bit image the printer held, takes the width and height in units of 8
   * dots and the data in column format (each column top to bottom, 8 dots a byte), and the
   * printer resets itself afterwards (ESC @), so it goes before a job, never inside one.
   */
  defineNvBitImage(bitmap: Bitmap): this {
    const xBytes = Math.ceil(bitmap.width / 8);
    const yBytes = Math.ceil(bitmap.height / 8);
    check(xBytes, 1, 1023, 'NV bit image width in bytes');
    check(yBytes, 1, 288, 'NV bit image height in bytes');
    this.out.bytes(FS, 0x71, 1, xBytes & 0xff, xBytes >> 8, yBytes & 0xff, yBytes >> 8);
    const column = new Uint8Array(yBytes);
    for (let x = 0; x < xBytes * 8; x++) {
      column.fill(0);
      for (let y = 0; y < bitmap.height; y++) {
        if (x < bitmap.width && (bitmap.data[y * bitmap.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) !== 0)
          column[y >> 3]! |= 0x80 >> (y & 7);
      }
      this.out.append(column);
    }
    return this;
  }

  /** `FS p n 0`: prints NV bit image `n` at normal size. */
  printNvBitImage(n = 1): this {
    this.out.bytes(FS, 0x70, check(n, 1, 255, 'NV bit image number'), 0);
    return this;
  }

  /** `GS V m n` (feed n then cut) for m 65/66, `GS V m` for 0/1/48/49. escpos-php's default is `GS V A 3`. */
  cut(mode = 65, lines = 3): this {
    if (mode === 65 || mode === 66)
      this.out.bytes(GS, 0x56, mode, check(lines, 0, 255, 'cut feed'));
    else if ([0, 1, 48, 49].includes(mode)) this.out.bytes(GS, 0x56, mode);
    else throw new EscPosArgumentError(`cut mode ${mode} is not one of 0, 1, 48, 49, 65, 66`);
    return this;
  }

  /**
   * `DLE DC4 1 m t`: the real-time drawer pulse (pin 2: m 0, pin 5: m 1), `t` x 100 ms on and
   * off (1-8). It is executed on arrival, even while the printer is offline.
   */
  realTimePulse(pin: 2 | 5 = 2, t = 1): this {
    check(t, 1, 8, 'real-time pulse time');
    this.out.bytes(0x10, 0x14, 0x01, pin === 5 ? 1 : 0, t);
    return this;
  }

  /**
   * `ESC p m t1 t2`: drawer kick pulse on pin 2 (m 0) or pin 5 (m 1), times in
   * 2 ms units. Always all five bytes: the three-byte form some libraries
   * send is a known bug that leaves the printer waiting for two more bytes.
   */
  pulse(pin: 2 | 5 = 2, onMs = 50, offMs = 240): this {
    check(onMs, 2, 510, 'pulse on time');
    check(offMs, 2, 510, 'pulse off time');
    this.out.bytes(ESC, 0x70, pin === 2 ? 0 : 1, onMs >> 1, offMs >> 1);
    return this;
  }

  /** Everything written so far. */
  bytes(): Uint8Array {
    return this.out.toBytes();
  }
}
