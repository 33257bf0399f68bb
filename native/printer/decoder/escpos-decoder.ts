import { type Bitmap } from '../bitmap.js';
import { type DoubleByteFont, readCharacter } from './characters.js';
import type { DecodedElement, DecodedReceipt } from './decoded-receipt.js';
import { EscPosDecodeError } from './decode-error.js';
import { skipUnknownCommand } from './foreign-commands.js';
import {
  Truncated,
  columnImage,
  parenCommand,
  rasterImageCommand,
  userDefinedChars,
} from './graphics-commands.js';
import { LineBuffer } from './line-buffer.js';
import { NvMemory } from './nv-memory.js';
import { realtimeCommand } from './realtime-commands.js';
import { SymbolStore } from './symbol-store.js';
import {
  CELL,
  ESC_ARGS,
  FS_ARGS,
  GS_ARGS,
  type PrinterState,
  TAB_COLUMNS,
  setEscMode,
} from './printer-state.js';

// The decode error is part of the decoder's surface: callers catch it where they decode.
export { EscPosDecodeError } from './decode-error.js';

/**
 * The virtual printer's ESC/POS interpreter. It keeps the printer state a
 * real one keeps (modes, code table, double-byte mode, position) and turns
 * bytes into decoded elements. Bytes can arrive in chunks (`push`): a command
 * cut in two waits for its rest, as on a real printer's input buffer.
 * Characters are read in characters.ts, the line buffer is line-buffer.ts,
 * `DLE` commands are realtime-commands.ts and unknown ones foreign-commands.ts.
 *
 * Columns placed with `ESC $` / `ESC \` (receiptline does) keep their dot positions.
 */

export interface DecoderOptions {
  /** Korean and Chinese models power on in double-byte mode. */
  startsInDoubleByte?: boolean;
  /** The printer's double-byte font (characters.ts). Default: KS X 1001. */
  doubleByteFont?: DoubleByteFont;
  /** The printer's NV memory, shared by its connections (a fresh, empty one by default). */
  nvMemory?: NvMemory;
}

export class EscPosDecoder {
  readonly warnings: string[] = [];
  private pending = new Uint8Array(0);
  private consumed = 0;
  private readonly lines = new LineBuffer();
  private state: PrinterState;
  private readonly userGlyphs = new Map<number, Bitmap>();
  private readonly symbols: SymbolStore;

  constructor(private readonly options: DecoderOptions = {}) {
    this.state = this.initialState();
    this.symbols = new SymbolStore(options.nvMemory ?? new NvMemory());
  }

  /** Everything printed so far, in order. */
  get elements(): DecodedElement[] {
    return this.lines.elements;
  }

  private initialState(): PrinterState {
    return {
      bold: false,
      underline: false,
      scaleX: 1,
      scaleY: 1,
      align: 'left',
      doubleByte: this.options.startsInDoubleByte ?? false,
      codeTable: 0,
      charset: 0,
      userDefined: false,
      x: 0,
    };
  }

  /** Feeds bytes; complete commands are interpreted, an incomplete tail waits for the next chunk. */
  push(chunk: Uint8Array): void {
    const bytes = new Uint8Array(this.pending.length + chunk.length);
    bytes.set(this.pending);
    bytes.set(chunk, this.pending.length);
    let pos = 0;
    while (pos < bytes.length) {
      try {
        pos = this.step(bytes, pos);
      } catch (err) {
        if (err instanceof Truncated) break;
        throw err;
      }
    }
    this.consumed += pos;
    this.pending = bytes.slice(pos);
  }

  /** Bytes of a command that has not been completed yet. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  /** Ends the stream: flushes a last unterminated line and returns everything decoded. */
  finish(): DecodedReceipt {
    if (this.pending.length > 0) {
      throw new EscPosDecodeError(
        this.consumed,
        `stream ends inside a command (${this.pending.length} bytes left)`,
      );
    }
    this.endLine(false);
    return { elements: this.elements, warnings: this.warnings };
  }

  private step(b: Uint8Array, pos: number): number {
    const byte = b[pos]!;
    switch (byte) {
      case 0x0a:
        this.endLine(true);
        return pos + 1;
      case 0x0d:
      case 0x00:
      case 0x18:
        return pos + 1;
      case 0x09:
        this.state.x = (Math.floor(this.state.x / (CELL * TAB_COLUMNS)) + 1) * CELL * TAB_COLUMNS;
        return pos + 1;
      case 0x0c:
        this.endLine(false);
        return pos + 1;
      case 0x10: {
        const { next, element } = realtimeCommand(b, pos, this.consumed + pos);
        if (element) this.elements.push(element);
        return next;
      }
      case 0x1b:
        return this.esc(b, pos);
      case 0x1c:
        return this.fs(b, pos);
      case 0x1d:
        return this.gs(b, pos);
      default:
        if (byte < 0x20)
          throw new EscPosDecodeError(
            this.consumed + pos,
            `unexpected control byte 0x${byte.toString(16)}`,
          );
        return this.character(b, pos);
    }
  }

  private need(b: Uint8Array, pos: number, count: number): void {
    if (pos + count > b.length) throw new Truncated();
  }

  private character(b: Uint8Array, pos: number): number {
    const font = this.options.doubleByteFont ?? 'ks-x-1001';
    const read = readCharacter(b, pos, this.state, font, this.userGlyphs, this.warnings, this.consumed + pos);
    this.lines.addCell(this.state, read.char, read.columns, read.glyph);
    return read.next;
  }

  private endLine(feed: boolean): void {
    this.lines.endLine(this.state, feed);
  }

  private printSymbol(element: DecodedElement | undefined): void {
    this.lines.printSymbol(this.state, element);
  }

  private skipUnknown(b: Uint8Array, pos: number, prefix: 'ESC' | 'FS' | 'GS'): number {
    const { next, warning } = skipUnknownCommand(b, pos, prefix, this.consumed + pos);
    this.warnings.push(warning);
    return next;
  }

  private esc(b: Uint8Array, pos: number): number {
    this.need(b, pos, 2);
    const cmd = b[pos + 1]!;
    if (cmd === 0x2a) {
      const { next, bitmap } = columnImage(b, pos);
      this.lines.addStripe({
        kind: 'image',
        bitmap,
        scaleX: 1,
        scaleY: 1,
        align: this.state.align,
        source: 'ESC *',
      });
      return next;
    }
    if (cmd === 0x26) {
      const { next, glyphs } = userDefinedChars(b, pos);
      for (const [code, glyph] of glyphs) this.userGlyphs.set(code, glyph);
      return next;
    }
    if (cmd === 0x44) {
      let end = pos + 2;
      while (true) {
        this.need(b, end, 1);
        if (b[end] === 0) return end + 1;
        end++;
      }
    }
    if (cmd === 0x63) {
      this.need(b, pos, 4);
      return pos + 4;
    }
    const argc = ESC_ARGS[cmd];
    if (argc === undefined) return this.skipUnknown(b, pos, 'ESC');
    this.need(b, pos, 2 + argc);
    const n = b[pos + 2]!;
    if (setEscMode(this.state, cmd, n, b[pos + 3] ?? 0)) return pos + 2 + argc;
    switch (cmd) {
      case 0x40:
        this.endLine(false);
        this.state = this.initialState();
        break;
      case 0x64:
        this.endLine(true);
        for (let i = 1; i < n; i++) this.endLine(true);
        break;
      case 0x4a:
        this.endLine(false);
        break;
      case 0x70:
        this.elements.push({
          kind: 'drawer',
          pin: n % 48 === 1 ? 5 : 2,
          onMs: b[pos + 3]! * 2,
          offMs: b[pos + 4]! * 2,
        });
        break;
      case 0x69:
      case 0x6d:
        this.endLine(false);
        this.elements.push({ kind: 'cut', partial: cmd === 0x6d });
        break;
    }
    return pos + 2 + argc;
  }

  private fs(b: Uint8Array, pos: number): number {
    this.need(b, pos, 2);
    const cmd = b[pos + 1]!;
    if (cmd === 0x28) return parenCommand(b, pos, () => undefined);
    if (cmd === 0x71) return this.symbols.nv.defineBitImages(b, pos);
    if (cmd === 0x32) {
      this.need(b, pos, 4 + 72);
      return pos + 4 + 72;
    }
    const argc = FS_ARGS[cmd];
    if (argc === undefined) return this.skipUnknown(b, pos, 'FS');
    this.need(b, pos, 2 + argc);
    if (cmd === 0x26) this.state.doubleByte = true;
    if (cmd === 0x2e) this.state.doubleByte = false;
    if (cmd === 0x70) {
      const bitmap = this.symbols.nv.bitImage(b[pos + 2]!);
      if (bitmap) {
        const m = b[pos + 3]! % 48;
        this.printSymbol({
          kind: 'image',
          bitmap,
          scaleX: m & 1 ? 2 : 1,
          scaleY: m & 2 ? 2 : 1,
          align: this.state.align,
          source: 'FS p (NV bit image)',
        });
      } else this.warnings.push(`FS p ${b[pos + 2]}: no NV bit image stored under that number; nothing printed`);
    }
    return pos + 2 + argc;
  }

  private gs(b: Uint8Array, pos: number): number {
    this.need(b, pos, 2);
    const cmd = b[pos + 1]!;
    const s = this.state;
    switch (cmd) {
      case 0x28:
      case 0x38:
        return parenCommand(
          b,
          pos,
          (fn, body) => this.printSymbol(this.symbols.paren(fn, body, s.align)),
          cmd === 0x38,
        );
      case 0x76:
        return this.raster(b, pos);
      case 0x2a: {
        this.need(b, pos, 4);
        const length = b[pos + 2]! * b[pos + 3]! * 8;
        this.need(b, pos, 4 + length);
        return pos + 4 + length;
      }
      case 0x56: {
        this.need(b, pos, 3);
        const m = b[pos + 2]!;
        const withFeed = m >= 65;
        this.need(b, pos, withFeed ? 4 : 3);
        this.endLine(false);
        this.elements.push({ kind: 'cut', partial: [1, 49, 66, 98, 104].includes(m) });
        return pos + (withFeed ? 4 : 3);
      }
      case 0x6b: {
        const { next, element } = this.symbols.barcode(b, pos, s.align);
        this.printSymbol(element);
        return next;
      }
    }
    const argc = GS_ARGS[cmd];
    if (argc === undefined) return this.skipUnknown(b, pos, 'GS');
    this.need(b, pos, 2 + argc);
    const n = b[pos + 2]!;
    if (cmd === 0x21) {
      s.scaleX = (n >> 4) + 1;
      s.scaleY = (n & 0x0f) + 1;
    } else this.symbols.setBarcode(cmd, n);
    return pos + 2 + argc;
  }

  private raster(b: Uint8Array, pos: number): number {
    const { next, bitmap, scaleX, scaleY } = rasterImageCommand(b, pos);
    this.printSymbol({
      kind: 'image',
      bitmap,
      scaleX,
      scaleY,
      align: this.state.align,
      source: 'GS v 0',
    });
    return next;
  }
}

/** Decodes a whole byte stream at once. */
export function decodeEscPos(bytes: Uint8Array, options: DecoderOptions = {}): DecodedReceipt {
  const decoder = new EscPosDecoder(options);
  decoder.push(bytes);
  return decoder.finish();
}
