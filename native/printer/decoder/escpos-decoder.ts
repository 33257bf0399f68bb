import iconv from 'iconv-lite';
import { type Bitmap } from '../bitmap.js';
import type { DecodedCell, DecodedElement, DecodedReceipt } from './decoded-receipt.js';
import {
  Truncated,
  columnImage,
  parenCommand,
  rasterImageCommand,
  userDefinedChars,
} from './graphics-commands.js';
import { NvMemory } from './nv-memory.js';
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
import { codeTableEncoding } from './code-tables.js';

/**
 * The virtual printer's ESC/POS interpreter. It keeps the printer state a
 * real one keeps (modes, code table, double-byte mode, position) and turns
 * bytes into decoded elements. Bytes can arrive in chunks (`push`): a command
 * cut in two waits for its rest, as on a real printer's input buffer.
 *
 * Korean: inside `FS &` a byte 0x81-0xFE starts a CP949 pair (two columns);
 * with `ESC R 13` (Korea) 0x5C prints as ₩. Columns placed with `ESC $` /
 * `ESC \` (receiptline does) keep their dot positions.
 */

export interface DecoderOptions {
  /** Korean and Chinese models power on in double-byte mode. */
  startsInDoubleByte?: boolean;
  /**
   * The printer's double-byte font: real Korean models hold KS X 1001 only (lead and trail
   * bytes 0xA1-0xFE), so a CP949 extension code such as 똠 (8C 63) prints as garbage there;
   * `cp949` is for the rare model whose font has all 11,172 syllables. Default: KS X 1001.
   */
  doubleByteFont?: 'ks-x-1001' | 'cp949';
  /** The printer's NV memory, shared by its connections (a fresh, empty one by default). */
  nvMemory?: NvMemory;
}

const isKsX1001Byte = (b: number) => b >= 0xa1 && b <= 0xfe;

// Commands of other printer dialects that ESC/POS libraries send (the escpos npm package: Star's
// ESC 5 "cancel italic", the GS Z / ESC Z 2D-code pair of some Chinese models). An Epson-class
// printer does not know them; the virtual printer skips them whole, with a warning, so the rest
// of the receipt still renders (issue 16).
const FOREIGN: Record<string, { name: string; length: (b: Uint8Array, pos: number) => number | null }> = {
  'ESC 5': { name: 'cancel italic (Star dialect)', length: () => 2 },
  'GS Z': { name: 'select 2D code type (not ESC/POS)', length: () => 3 },
  'ESC Z': {
    name: 'print 2D code (not ESC/POS; GS ( k is)',
    length: (b, pos) => (pos + 6 < b.length ? 7 + b[pos + 5]! + 256 * b[pos + 6]! : null),
  },
};

/** A byte sequence no ESC/POS printer would accept, with where it was found. */
export class EscPosDecodeError extends Error {
  override readonly name = 'EscPosDecodeError';
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`at byte ${offset}: ${message}`);
  }
}

export class EscPosDecoder {
  readonly elements: DecodedElement[] = [];
  readonly warnings: string[] = [];
  private pending = new Uint8Array(0);
  private consumed = 0;
  private cells: DecodedCell[] = [];
  private lineHasGraphics = false;
  private state: PrinterState;
  private readonly userGlyphs = new Map<number, Bitmap>();
  private readonly symbols: SymbolStore;

  constructor(private readonly options: DecoderOptions = {}) {
    this.state = this.initialState();
    this.symbols = new SymbolStore(options.nvMemory ?? new NvMemory());
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
      case 0x10:
        return this.dle(b, pos);
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
    const byte = b[pos]!;
    const s = this.state;
    if (s.doubleByte && byte >= 0x81 && byte <= 0xfe) {
      this.need(b, pos, 2);
      const trail = b[pos + 1]!;
      const pair = Buffer.from([byte, trail]);
      if (this.options.doubleByteFont !== 'cp949' && !(isKsX1001Byte(byte) && isKsX1001Byte(trail))) {
        this.warnings.push(
          `at byte ${this.consumed + pos}: ${pair.toString('hex').replace(/(..)(..)/, '$1 $2')} is a CP949 extension code (${iconv.decode(pair, 'cp949')}): a KS X 1001 printer font has no glyph for it and prints garbage`,
        );
        this.addCell('\ufffd', 2);
        return pos + 2;
      }
      this.addCell(iconv.decode(pair, 'cp949'), 2);
      return pos + 2;
    }
    const glyph = s.userDefined ? this.userGlyphs.get(byte) : undefined;
    let char: string;
    if (byte === 0x5c && s.charset === 13) char = '\u20a9';
    else if (byte < 0x80) char = String.fromCharCode(byte);
    else char = iconv.decode(Buffer.from([byte]), codeTableEncoding(s.codeTable, this.warnings));
    this.addCell(char, 1, glyph);
    return pos + 1;
  }

  private addCell(char: string, columns: number, glyph?: Bitmap): void {
    const s = this.state;
    const width = (glyph ? glyph.width : columns * CELL) * s.scaleX;
    this.cells.push({
      char,
      x: s.x,
      width,
      bold: s.bold,
      underline: s.underline,
      scaleX: s.scaleX,
      scaleY: s.scaleY,
      ...(glyph ? { glyph } : {}),
    });
    s.x += width;
  }

  /** Prints the line buffer. `feed` is false for paper moves that do not print an empty line. */
  private endLine(feed: boolean): void {
    if (this.cells.length > 0) {
      this.elements.push({ kind: 'text', line: { cells: this.cells, align: this.state.align } });
    } else if (feed && !this.lineHasGraphics) {
      this.elements.push({ kind: 'text', line: { cells: [], align: this.state.align } });
    }
    this.cells = [];
    this.lineHasGraphics = false;
    this.state.x = 0;
  }

  private dle(b: Uint8Array, pos: number): number {
    this.need(b, pos, 3);
    const cmd = b[pos + 1]!;
    const n = b[pos + 2]!;
    if (cmd === 0x04 || cmd === 0x05) {
      if (cmd === 0x04) this.elements.push({ kind: 'status-request', request: n });
      return pos + ([7, 8, 18].includes(n) && cmd === 0x04 ? 4 : 3);
    }
    if (cmd === 0x14) {
      // DLE DC4 fn: 1 = real-time pulse (m t), 2 = power off, 8 = clear buffer.
      const length = n === 8 ? 9 : 5;
      this.need(b, pos, length);
      if (n === 1)
        this.elements.push({
          kind: 'drawer',
          pin: b[pos + 3] === 1 ? 5 : 2,
          onMs: b[pos + 4]! * 100,
          offMs: b[pos + 4]! * 100,
          realTime: true,
        });
      return pos + length;
    }
    throw new EscPosDecodeError(this.consumed + pos, `unknown DLE command 0x${cmd.toString(16)}`);
  }

  private esc(b: Uint8Array, pos: number): number {
    this.need(b, pos, 2);
    const cmd = b[pos + 1]!;
    if (cmd === 0x2a) {
      const { next, bitmap } = columnImage(b, pos);
      this.elements.push({
        kind: 'image',
        bitmap,
        scaleX: 1,
        scaleY: 1,
        align: this.state.align,
        source: 'ESC *',
      });
      this.lineHasGraphics = true;
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

  /**
   * A command this printer does not know: a known foreign one is skipped whole; any other
   * loses its prefix and command byte, and whatever arguments it had print as text, as on a
   * real printer. Either way the render goes on, with a warning.
   */
  private skipUnknown(b: Uint8Array, pos: number, prefix: 'ESC' | 'FS' | 'GS'): number {
    const cmd = b[pos + 1]!;
    const name = `${prefix} ${cmd >= 0x21 && cmd < 0x7f ? String.fromCharCode(cmd) : `0x${cmd.toString(16)}`}`;
    const foreign = FOREIGN[name];
    const length = foreign ? foreign.length(b, pos) : 2;
    if (length === null) throw new Truncated();
    this.need(b, pos, length);
    const shown = Buffer.from(b.subarray(pos, pos + Math.min(length, 3))).toString('hex').replace(/(..)(?!$)/g, '$1 ');
    const extra = length > 3 ? `, ${length - 7} bytes of data` : '';
    this.warnings.push(
      `skipped ${name} (${shown}${extra}) at byte ${this.consumed + pos}: ${foreign ? foreign.name : 'unknown to this printer'}`,
    );
    return pos + length;
  }

  /** Codes and graphics print on their own line: whatever text was pending prints first. */
  private printSymbol(element: DecodedElement | undefined): void {
    if (!element) return;
    this.endLine(false);
    this.elements.push(element);
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
