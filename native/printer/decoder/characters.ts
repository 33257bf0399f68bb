import iconv from 'iconv-lite';
import { type Bitmap } from '../bitmap.js';
import { Truncated } from './graphics-commands.js';
import { codeTableEncoding } from './code-tables.js';
import type { PrinterState } from './printer-state.js';

/**
 * Printable bytes. Inside `FS &` a byte 0x81-0xFE starts a CP949 pair (two columns); with
 * `ESC R 13` (Korea) 0x5C prints as ₩; with `ESC %` on, a byte defined by `ESC &` prints its
 * user-defined glyph; any other byte of 0x80 and up is read in the current code table.
 */

/**
 * The printer's double-byte font: real Korean models hold KS X 1001 only (lead and trail
 * bytes 0xA1-0xFE), so a CP949 extension code such as 똠 (8C 63) prints as garbage there;
 * `cp949` is for the rare model whose font has all 11,172 syllables.
 */
export type DoubleByteFont = 'ks-x-1001' | 'cp949';

/** One printed character: what it reads as, how many columns it takes, its own glyph if any. */
export interface PrintedCharacter {
  next: number;
  char: string;
  columns: number;
  glyph?: Bitmap;
}

const isKsX1001Byte = (b: number) => b >= 0xa1 && b <= 0xfe;

/**
 * Reads the character at `pos`. A warning (an unprintable extension code, an unknown code
 * table) goes to `warnings`; `offset` is the byte's place in the whole stream.
 */
export function readCharacter(
  b: Uint8Array,
  pos: number,
  state: PrinterState,
  font: DoubleByteFont,
  userGlyphs: ReadonlyMap<number, Bitmap>,
  warnings: string[],
  offset: number,
): PrintedCharacter {
  const byte = b[pos]!;
  if (state.doubleByte && byte >= 0x81 && byte <= 0xfe) {
    if (pos + 2 > b.length) throw new Truncated();
    const trail = b[pos + 1]!;
    const pair = Buffer.from([byte, trail]);
    if (font !== 'cp949' && !(isKsX1001Byte(byte) && isKsX1001Byte(trail))) {
      warnings.push(
        `at byte ${offset}: ${pair.toString('hex').replace(/(..)(..)/, '$1 $2')} is a CP949 extension code (${iconv.decode(pair, 'cp949')}): a KS X 1001 printer font has no glyph for it and prints garbage`,
      );
      return { next: pos + 2, char: '\ufffd', columns: 2 };
    }
    return { next: pos + 2, char: iconv.decode(pair, 'cp949'), columns: 2 };
  }
  const glyph = state.userDefined ? userGlyphs.get(byte) : undefined;
  let char: string;
  if (byte === 0x5c && state.charset === 13) char = '\u20a9';
  else if (byte < 0x80) char = String.fromCharCode(byte);
  else char = iconv.decode(Buffer.from([byte]), codeTableEncoding(state.codeTable, warnings));
  return { next: pos + 1, char, columns: 1, ...(glyph ? { glyph } : {}) };
}
