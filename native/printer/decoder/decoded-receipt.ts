import { placeholderLine } from '../../../src/receipts/receipt-layout.js';
import { alignOffset } from '../../../src/receipts/text-width.js';
import type { Align } from '../../../src/receipts/receipt-document.js';
import type { Bitmap } from '../bitmap.js';

/**
 * What the virtual printer makes of a byte stream: printed lines with the
 * dot position and style of every character, codes with their payloads,
 * images, cuts and drawer kicks, in paper order.
 */

export interface DecodedCell {
  char: string;
  /** Dots from the left edge of the line as the printer placed it (before justification). */
  x: number;
  /** Dots the character advanced. */
  width: number;
  bold: boolean;
  underline: boolean;
  scaleX: number;
  scaleY: number;
  /** A user-defined character (ESC &): its dots, since the code says nothing about what it shows. */
  glyph?: Bitmap;
}

export interface DecodedLine {
  cells: DecodedCell[];
  align: Align;
}

export type DecodedElement =
  | { kind: 'text'; line: DecodedLine }
  | {
      kind: 'qr';
      data: Uint8Array;
      text: string;
      moduleSize: number;
      level: 'L' | 'M' | 'Q' | 'H';
      model: number;
      align: Align;
    }
  | { kind: '2d-code'; symbology: string; text: string; align: Align }
  | {
      kind: 'barcode';
      system: string;
      data: string;
      height: number;
      moduleWidth: number;
      textPosition: number;
      align: Align;
    }
  | { kind: 'image'; bitmap: Bitmap; scaleX: number; scaleY: number; align: Align; source: string }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'drawer'; pin: 2 | 5; onMs: number; offMs: number; realTime?: true }
  | { kind: 'status-request'; request: number };

export interface DecodedReceipt {
  elements: DecodedElement[];
  /** Things the decoder understood but could not show faithfully (unknown code tables ...). */
  warnings: string[];
}

const UNIT = 12;

/**
 * A decoded line as text in `columns` Font A columns: justification applied
 * the way receipt layout does it, gaps made by `ESC $` / `ESC \` positioning
 * turned into spaces, trailing spaces dropped.
 */
export function lineText(line: DecodedLine, columns: number): string {
  const cells = [...line.cells].sort((a, b) => a.x - b.x);
  if (cells.length === 0) return '';
  const last = cells[cells.length - 1]!;
  const widthColumns = Math.round((last.x + last.width) / UNIT);
  let text = ' '.repeat(
    alignOffset(columns, widthColumns, line.align) + Math.round(cells[0]!.x / UNIT),
  );
  let end = cells[0]!.x;
  for (const cell of cells) {
    if (cell.x > end) text += ' '.repeat(Math.round((cell.x - end) / UNIT));
    text += cell.glyph ? '\u25a1' : cell.char;
    end = Math.max(end, cell.x + cell.width);
  }
  return text.trimEnd();
}

/**
 * The data a barcode stands for: without the CODE128 code-set prefix ({A {B {C),
 * which is how the bytes select a code set, not part of what the receipt says.
 */
export function barcodeText(element: Extract<DecodedElement, { kind: 'barcode' }>): string {
  return element.data.replace(/^\{[ABC]/, '');
}

/** The receipt as text lines, with the same placeholders the receipt layout's plain text uses. */
export function decodedText(receipt: DecodedReceipt, columns: number): string[] {
  const out: string[] = [];
  for (const element of receipt.elements) {
    switch (element.kind) {
      case 'text':
        out.push(lineText(element.line, columns));
        break;
      case 'qr':
        out.push(placeholderLine({ kind: 'qr', data: element.text }));
        break;
      case '2d-code':
        out.push(`[${element.symbology}] ${element.text}`);
        break;
      case 'barcode':
        out.push(
          placeholderLine({
            kind: 'barcode',
            symbology: element.system,
            data: barcodeText(element),
          }),
        );
        break;
      case 'status-request':
        break;
      default:
        out.push(placeholderLine(element));
    }
  }
  return out;
}
