import { createHash } from 'node:crypto';
import type { Align, ReceiptDocument, TextSize } from '../../src/receipts/receipt-document.js';
import {
  type LaidOutBlock,
  type LaidOutLine,
  layoutReceipt,
  sizeScale,
} from '../../src/receipts/receipt-layout.js';
import { alignOffset, displayWidth } from '../../src/receipts/text-width.js';
import { type Bitmap, createBitmap, drawBitmap, getDot, setDot } from './bitmap.js';
import { ByteWriter } from './byte-writer.js';
import { EscPosCommands, QR_LEVELS } from './escpos-commands.js';
import { CELL_HEIGHT, CELL_WIDTH, drawText } from './glyphs/glyph-renderer.js';
import { type ImageSource, MapImageSource } from './image-source.js';
import type { PrinterProfile } from './profiles.js';
import { qrBitmap } from './qr-raster.js';
import { KOREA_CHARSET, RASTER, SKIP, TextCodec, isDoubleByte } from './text-codec.js';

/**
 * Turns a receipt document into ESC/POS bytes for one printer profile.
 *
 * Every job starts with `ESC @` and then sets every mode it relies on
 * (code table, Korea character set, double-byte mode off, size, bold,
 * underline, alignment) instead of trusting what the printer had: Korean
 * models power on in double-byte mode and cached state across jobs breaks
 * (python-escpos #272). Hangul goes as KS X 1001 codes inside `FS &`;
 * a line with any character the printer font lacks is drawn as a raster
 * line instead of letting the printer print `?`.
 */

const JUSTIFICATION: Record<Align, number> = { left: 0, center: 1, right: 2 };
const USA_CHARSET = 0;

/**
 * A logo in the form the printer keeps it in NV memory (issue 16, Deliver 9): the command
 * that stores it, the key it prints by, and a hash of the dots, so the printer port stores
 * it once and again only when the logo (or its place on the paper) changes.
 */
export interface NvLogo {
  ref: string;
  align: Align;
  /** `GS ( L` key (two characters), or `1` for the single `FS q` image. */
  key: string;
  /** SHA-256 of the positioned full-width bitmap and the command family. */
  hash: string;
  /** The bytes that store it (sent between jobs; the printer is busy while it writes flash). */
  define: Uint8Array;
}

/** The logos a job may print from NV memory: `ref` then alignment, as `nvLogoId` joins them. */
export type StoredLogos = ReadonlySet<string>;

/** How a stored logo is named in a `StoredLogos` set. */
export function nvLogoId(ref: string, align: Align): string {
  return `${ref}@${align}`;
}

const KEY_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `GS ( L` key of a logo: two characters from a hash of its id, the same on every till. */
function nvGraphicKey(id: string): string {
  const digest = createHash('sha256').update(id).digest();
  return KEY_CHARS[digest[0]! % 36]! + KEY_CHARS[digest[1]! % 36]!;
}

interface ModeState {
  bold: boolean;
  size: TextSize;
  underline: boolean;
  align: Align;
  doubleByte: boolean;
}

export class EscPosReceiptEncoder {
  private readonly codec: TextCodec;
  private readonly columns: number;

  constructor(
    readonly profile: PrinterProfile,
    private readonly images: ImageSource = new MapImageSource(new Map()),
  ) {
    this.codec = new TextCodec(profile);
    this.columns = profile.columns.fontA;
  }

  /**
   * The bytes of one print job. An image whose `nvLogoId` is in `stored` is printed by key from
   * the printer's NV memory (a dozen bytes instead of kilobytes of raster each receipt).
   */
  encode(document: ReceiptDocument, stored: StoredLogos = new Set()): Uint8Array {
    const p = new EscPosCommands(new ByteWriter(8192));
    const state = this.preamble(p);
    for (const block of layoutReceipt(document, this.columns))
      this.encodeBlock(p, state, block, stored);
    return p.bytes();
  }

  /** The logos `document` shows, in the form this profile keeps in NV memory; none without NV graphics. */
  nvLogos(document: ReceiptDocument): NvLogo[] {
    if (this.profile.nvGraphics === 'none') return [];
    const logos = new Map<string, NvLogo>();
    for (const block of layoutReceipt(document, this.columns)) {
      if (block.kind !== 'image') continue;
      const align = block.align ?? 'center';
      const id = nvLogoId(block.ref, align);
      const source = this.images.image(block.ref);
      if (!source || logos.has(id)) continue;
      const bitmap = this.positioned(source, align);
      const p = new EscPosCommands(new ByteWriter(bitmap.data.length + 64));
      const key = this.profile.nvGraphics === 'fs-q' ? '1' : nvGraphicKey(id);
      if (this.profile.nvGraphics === 'fs-q') p.defineNvBitImage(bitmap);
      else p.defineNvGraphic(key, bitmap);
      const hash = createHash('sha256')
        .update(`${this.profile.nvGraphics}:${bitmap.width}x${bitmap.height}:`)
        .update(bitmap.data)
        .digest('hex');
      logos.set(id, { ref: block.ref, align, key, hash, define: p.bytes() });
    }
    return [...logos.values()];
  }

  private preamble(p: EscPosCommands): ModeState {
    p.initialize().selectCharacterTable(this.profile.codeTable.number);
    if (this.profile.korean) {
      p.selectInternationalCharacterSet(KOREA_CHARSET)
        .setDoubleByteMode(false)
        .selectDoubleBytePrintMode(0);
    } else {
      p.selectInternationalCharacterSet(USA_CHARSET);
    }
    p.selectPrintMode(0)
      .setTextSize(1, 1)
      .setEmphasis(false)
      .setUnderline(0, this.profile.korean !== null);
    p.setJustification(0).defaultLineSpacing();
    return { bold: false, size: 'normal', underline: false, align: 'left', doubleByte: false };
  }

  private encodeBlock(p: EscPosCommands, state: ModeState, block: LaidOutBlock, stored: StoredLogos): void {
    switch (block.kind) {
      case 'line':
        this.encodeLine(p, state, block);
        break;
      case 'qr': {
        const level = block.errorCorrection ?? 'M';
        const moduleSize = block.moduleSize ?? 4;
        if (this.profile.nativeQr) {
          this.setAlign(p, state, block.align ?? 'center');
          p.qrCode(block.data, QR_LEVELS[level], moduleSize);
        } else {
          this.printBitmap(
            p,
            state,
            qrBitmap(block.data, level, moduleSize),
            block.align ?? 'center',
          );
        }
        break;
      }
      case 'barcode':
        this.setAlign(p, state, block.align ?? 'center');
        p.setBarcodeHeight(block.height ?? 60)
          .setBarcodeWidth(2)
          .setBarcodeTextPosition(block.showText === false ? 0 : 2);
        p.barcode(block.symbology === 'code128' ? `{B${block.data}` : block.data, block.symbology);
        break;
      case 'image': {
        const bitmap = this.images.image(block.ref);
        if (!bitmap) break;
        const align = block.align ?? 'center';
        if (!stored.has(nvLogoId(block.ref, align))) {
          this.printBitmap(p, state, bitmap, align);
          break;
        }
        // Stored full width, placed by us (as printBitmap does): no reliance on ESC a.
        this.setAlign(p, state, 'left');
        if (this.profile.nvGraphics === 'fs-q') p.printNvBitImage(1);
        else p.printNvGraphic(nvGraphicKey(nvLogoId(block.ref, align)));
        break;
      }
      case 'feed':
        p.feed(block.lines);
        break;
      case 'cut':
        if (this.profile.cutter === 'none') p.feed(3);
        else p.cut(block.mode === 'full' || this.profile.cutter === 'full' ? 65 : 66, 3);
        break;
      case 'drawer':
        p.pulse(block.pin ?? 2);
        break;
    }
  }

  private encodeLine(p: EscPosCommands, state: ModeState, line: LaidOutLine): void {
    for (const char of line.text) {
      if (this.codec.code(char.codePointAt(0)!) === RASTER) {
        this.rasterLine(p, state, line);
        return;
      }
    }
    this.setStyle(p, state, line);
    const out = p.out;
    for (const char of line.text) {
      const code = this.codec.code(char.codePointAt(0)!);
      if (code === SKIP) continue;
      if (isDoubleByte(code)) {
        if (!state.doubleByte) this.setDoubleByte(p, state, true);
        out.bytes((code >> 8) & 0xff, code & 0xff);
      } else {
        // Inside FS & a byte >= 0x80 would be read as a lead byte: leave double-byte mode first.
        if (code >= 0x80 && state.doubleByte) this.setDoubleByte(p, state, false);
        out.bytes(code);
      }
    }
    p.feed();
  }

  /** A line the printer font cannot print, drawn with the bundled glyphs and sent as an image. */
  private rasterLine(p: EscPosCommands, state: ModeState, line: LaidOutLine): void {
    const scale = sizeScale(line.size);
    const bitmap = createBitmap(this.profile.dotsPerLine, CELL_HEIGHT * scale.height);
    const offset = alignOffset(this.columns, displayWidth(line.text) * scale.width, line.align);
    drawText(bitmap, line.text, offset * CELL_WIDTH, 0, {
      scaleX: scale.width,
      scaleY: scale.height,
      bold: line.bold,
      underline: line.underline,
    });
    this.setAlign(p, state, 'left');
    p.rasterImage(bitmap, this.profile.rasterSliceRows);
  }

  /**
   * Images go as full-width bitmaps positioned by us, not by `ESC a`: clones
   * differ on whether justification applies to `GS v 0`.
   */
  private printBitmap(p: EscPosCommands, state: ModeState, source: Bitmap, align: Align): void {
    this.setAlign(p, state, 'left');
    p.rasterImage(this.positioned(source, align), this.profile.rasterSliceRows);
  }

  /** `source` fitted to the paper and placed on a full-width bitmap. */
  private positioned(source: Bitmap, align: Align): Bitmap {
    const fitted = fitWidth(source, this.profile.dotsPerLine);
    const line = createBitmap(this.profile.dotsPerLine, fitted.height);
    const x =
      align === 'left'
        ? 0
        : align === 'right'
          ? line.width - fitted.width
          : Math.floor((line.width - fitted.width) / 2);
    drawBitmap(line, fitted, x, 0);
    return line;
  }

  private setStyle(p: EscPosCommands, state: ModeState, line: LaidOutLine): void {
    if (state.bold !== line.bold) {
      p.setEmphasis(line.bold);
      state.bold = line.bold;
    }
    if (state.size !== line.size) {
      const scale = sizeScale(line.size);
      p.setTextSize(scale.width, scale.height);
      state.size = line.size;
    }
    if (state.underline !== line.underline) {
      p.setUnderline(line.underline ? 1 : 0, this.profile.korean !== null);
      state.underline = line.underline;
    }
    this.setAlign(p, state, line.align);
  }

  private setAlign(p: EscPosCommands, state: ModeState, align: Align): void {
    if (state.align === align) return;
    p.setJustification(JUSTIFICATION[align]);
    state.align = align;
  }

  private setDoubleByte(p: EscPosCommands, state: ModeState, on: boolean): void {
    p.setDoubleByteMode(on);
    state.doubleByte = on;
  }
}

/** Shrinks a bitmap wider than the paper by a whole factor (nearest dot), so logos never overflow. */
function fitWidth(source: Bitmap, maxWidth: number): Bitmap {
  if (source.width <= maxWidth) return source;
  const factor = Math.ceil(source.width / maxWidth);
  const out = createBitmap(Math.floor(source.width / factor), Math.floor(source.height / factor));
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++)
      if (getDot(source, x * factor, y * factor)) setDot(out, x, y);
  }
  return out;
}
