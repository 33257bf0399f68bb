import iconv from 'iconv-lite';
import { charColumns } from '../../src/receipts/text-width.js';
import type { PrinterProfile } from './profiles.js';

/**
 * How each character reaches the paper on a given printer: as one byte of the
 * selected code table, as a KS X 1001 double-byte code (Hangul through CP949,
 * sent inside `FS &`), or not at all as text: those are drawn as raster.
 *
 * Results are cached per code point; a receipt repeats the same few hundred
 * characters, which keeps encoding under a millisecond.
 */

/** Code is drawn as a raster glyph: the printer font lacks it. */
export const RASTER = -1;
/** Takes no room and prints nothing (combining marks, zero-width characters). */
export const SKIP = -2;
const DOUBLE_FLAG = 0x10000;

/** Whether an encoded code is a double-byte one (lead << 8 | trail in the low 16 bits). */
export function isDoubleByte(code: number): boolean {
  return code >= DOUBLE_FLAG;
}

/** The international character set for Korea (`ESC R 13`): it prints 0x5C as ₩, not a backslash. */
export const KOREA_CHARSET = 13;

/**
 * KS X 1001 (the Wansung part of CP949) is lead and trail bytes 0xA1-0xFE;
 * rows 0xC9 and 0xFE are user-defined and empty in printer fonts. Hangul
 * syllables are rows 0xB0-0xC8. Everything else iconv-lite's `euc-kr` (really
 * CP949/UHC) produces, e.g. 똠 = 8C 63, is an extension no printer font has.
 */
export function isKsX1001(lead: number, trail: number): boolean {
  return lead >= 0xa1 && lead <= 0xfd && lead !== 0xc9 && trail >= 0xa1 && trail <= 0xfe;
}

export class TextCodec {
  private readonly cache = new Map<number, number>();
  private readonly korean: boolean;

  constructor(private readonly profile: PrinterProfile) {
    this.korean = profile.korean !== null;
  }

  /** The code of one code point: a byte 0-255, a double-byte code, RASTER or SKIP. */
  code(codePoint: number): number {
    // Printable ASCII is itself, except 0x5C, which the Korea character set prints as ₩.
    if (codePoint >= 0x20 && codePoint < 0x7f && !(this.korean && codePoint === 0x5c))
      return codePoint;
    const cached = this.cache.get(codePoint);
    if (cached !== undefined) return cached;
    const code = this.classify(codePoint);
    this.cache.set(codePoint, code);
    return code;
  }

  private classify(codePoint: number): number {
    const columns = charColumns(codePoint);
    if (columns === 0) return SKIP;
    const char = String.fromCodePoint(codePoint);
    if (columns === 2) {
      if (!this.korean) return RASTER;
      const bytes = iconv.encode(char, 'euc-kr');
      return bytes.length === 2 && isKsX1001(bytes[0]!, bytes[1]!)
        ? DOUBLE_FLAG | (bytes[0]! << 8) | bytes[1]!
        : RASTER;
    }
    // A narrow character must stay one column: the single-byte code table, or raster.
    if (codePoint === 0x5c) return RASTER;
    const encoding = this.profile.codeTable.encoding;
    const bytes = iconv.encode(char, encoding);
    return bytes.length === 1 && bytes[0]! >= 0x80 && iconv.decode(bytes, encoding) === char
      ? bytes[0]!
      : RASTER;
  }
}
