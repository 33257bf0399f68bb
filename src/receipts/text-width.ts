import type { Align } from './receipt-document.js';

/**
 * Column arithmetic for monospaced receipt text. A receipt printer's Font A
 * cell is one column; Hangul, CJK and other East Asian wide characters take a
 * double-byte cell, two columns. Every alignment (item columns, centring,
 * right-aligned amounts) is computed in these columns, never in UTF-16 units.
 */

// East Asian Wide and Fullwidth ranges (Unicode UAX #11) that receipts meet.
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, punctuation
  [0x3041, 0x33ff], // kana, compatibility jamo, CJK symbols
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa960, 0xa97f], // Hangul Jamo extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs (￦)
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B-
];

const ZERO_WIDTH_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f], // combining diacritics
  [0x200b, 0x200f], // zero-width space, joiners, marks
  [0xfe00, 0xfe0f], // variation selectors
];

function inRanges(codePoint: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [from, to] of ranges) {
    if (codePoint < from) return false;
    if (codePoint <= to) return true;
  }
  return false;
}

/** Columns one code point takes: 0 (combining, control), 1, or 2 (wide). */
export function charColumns(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 0x20 || codePoint === 0x7f) return 0;
  if (codePoint < 0x1100) return inRanges(codePoint, ZERO_WIDTH_RANGES) ? 0 : 1;
  if (inRanges(codePoint, ZERO_WIDTH_RANGES)) return 0;
  return inRanges(codePoint, WIDE_RANGES) ? 2 : 1;
}

/** Columns a string takes on the paper. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charColumns(char.codePointAt(0)!);
  return width;
}

/**
 * Substitutions applied before anything is measured or encoded:
 * `₩` (U+20A9) has no CP949 code, so it becomes the fullwidth `￦` (U+FFE6,
 * CP949 A3 DC) that every Korean printer font has; tabs and no-break spaces
 * become spaces; other control characters are dropped.
 */
export function normalizeForPrint(text: string): string {
  return text.replace(/\u20a9/g, '\uffe6').replace(/[\t\u00a0]/g, ' ').replace(CONTROL_CHARACTERS, '');
}

// Matching control characters is the point here: they would be ESC/POS commands.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Cuts `text` to at most `columns`, never splitting a wide character. */
export function takeColumns(text: string, columns: number): { head: string; rest: string } {
  let width = 0;
  let index = 0;
  for (const char of text) {
    const w = charColumns(char.codePointAt(0)!);
    if (width + w > columns) break;
    width += w;
    index += char.length;
  }
  return { head: text.slice(0, index), rest: text.slice(index) };
}

/**
 * Wraps one line of text to `columns`, breaking after spaces where possible
 * (Korean item names usually have them) and anywhere otherwise.
 */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError(`cannot wrap text to ${columns} columns`);
  const lines: string[] = [];
  let rest = text;
  while (displayWidth(rest) > columns) {
    const { head, rest: tail } = takeColumns(rest, columns);
    const space = head.lastIndexOf(' ');
    const cut = space > 0 && tail.length > 0 && !tail.startsWith(' ') ? space : head.length;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
}

/** `text` padded with spaces on the right to `columns`. */
export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

/** `text` padded with spaces on the left to `columns`. */
export function padStart(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - displayWidth(text))) + text;
}

/**
 * Where a line of `width` columns starts when aligned on a line of `columns`.
 * Printers centre in dots; both the encoder's raster lines and the virtual
 * printer's decoder use this one rounding (down) so their texts agree.
 */
export function alignOffset(columns: number, width: number, align: Align): number {
  if (align === 'left' || width >= columns) return 0;
  return align === 'right' ? columns - width : Math.floor((columns - width) / 2);
}
