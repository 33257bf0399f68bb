import type { Align, ReceiptBlock, ReceiptDocument, TextSize } from './receipt-document.js';
import {
  alignOffset,
  displayWidth,
  normalizeForPrint,
  padEnd,
  padStart,
  wrapText,
} from './text-width.js';

/**
 * Lays a document out for a paper `columns` wide (Font A columns): wraps text,
 * lines up item and key-value rows, draws separators, adds the copy marker.
 * The result is still printer-independent: the ESC/POS encoder turns each line
 * into bytes, and `receiptPlainText` into the text a virtual printer shows.
 */

/** One printed line of text; `text` fits in `columns / scale.width` and is not yet aligned. */
export interface LaidOutLine {
  kind: 'line';
  text: string;
  bold: boolean;
  underline: boolean;
  size: TextSize;
  align: Align;
}

type Graphic = Extract<
  ReceiptBlock,
  { kind: 'qr' | 'barcode' | 'image' | 'feed' | 'cut' | 'drawer' }
>;
export type LaidOutBlock = LaidOutLine | Graphic;

/** The marker a reprint carries (재출력 = reprint), so a copy cannot pass for the original. */
export const COPY_MARKER = '재출력 / COPY';

/** Character cell multipliers of a text size. */
export function sizeScale(size: TextSize): { width: 1 | 2; height: 1 | 2 } {
  switch (size) {
    case 'double':
      return { width: 2, height: 2 };
    case 'double-width':
      return { width: 2, height: 1 };
    case 'double-height':
      return { width: 1, height: 2 };
    default:
      return { width: 1, height: 1 };
  }
}

const QUANTITY_COLUMNS = 4;

function amountColumns(columns: number): number {
  return columns >= 40 ? 11 : 9;
}

function line(
  text: string,
  style: { bold?: boolean; underline?: boolean; size?: TextSize; align?: Align } = {},
): LaidOutLine {
  return {
    kind: 'line',
    text,
    bold: style.bold ?? false,
    underline: style.underline ?? false,
    size: style.size ?? 'normal',
    align: style.align ?? 'left',
  };
}

function layoutItem(
  block: Extract<ReceiptBlock, { kind: 'item' }>,
  columns: number,
): LaidOutLine[] {
  const amountWidth = amountColumns(columns);
  const nameWidth = columns - QUANTITY_COLUMNS - amountWidth - 2;
  const names = wrapText(normalizeForPrint(block.name), nameWidth);
  const figures = ` ${padStart(normalizeForPrint(block.quantity), QUANTITY_COLUMNS)} ${padStart(normalizeForPrint(block.amount), amountWidth)}`;
  return names.map((name, i) =>
    line(i === 0 ? padEnd(name, nameWidth) + figures : name, block.style),
  );
}

function layoutKeyValue(
  block: Extract<ReceiptBlock, { kind: 'key-value' }>,
  columns: number,
): LaidOutLine[] {
  const key = normalizeForPrint(block.key);
  const value = normalizeForPrint(block.value);
  const gap = columns - displayWidth(key) - displayWidth(value);
  if (gap >= 1) return [line(key + ' '.repeat(gap) + value, block.style)];
  // Too long for one line: the key wraps, the value goes right-aligned below it.
  return [
    ...wrapText(key, columns).map((k) => line(k, block.style)),
    line(padStart(value, columns), block.style),
  ];
}

function layoutBlock(block: ReceiptBlock, columns: number): LaidOutBlock[] {
  switch (block.kind) {
    case 'text': {
      const size = block.style?.size ?? 'normal';
      const width = Math.floor(columns / sizeScale(size).width);
      return block.text
        .split(/\r\n?|\n/)
        .flatMap((paragraph) => wrapText(normalizeForPrint(paragraph), width))
        .map((text) => line(text, block.style));
    }
    case 'item':
    case 'key-value': {
      const width = Math.floor(columns / sizeScale(block.style?.size ?? 'normal').width);
      return block.kind === 'item' ? layoutItem(block, width) : layoutKeyValue(block, width);
    }
    case 'separator':
      return [line((block.char ?? '-').repeat(columns))];
    default:
      return [block];
  }
}

/** Lays out `document` for `columns` Font A columns (42 on common 80 mm Korean printers, 32 on 58 mm). */
export function layoutReceipt(document: ReceiptDocument, columns: number): LaidOutBlock[] {
  if (!Number.isInteger(columns) || columns < 16)
    throw new RangeError(`a receipt needs at least 16 columns, not ${columns}`);
  const blocks = document.copy
    ? [
        line(COPY_MARKER, { bold: true, size: 'double', align: 'center' }),
        ...document.blocks.flatMap((b) => layoutBlock(b, columns)),
      ]
    : document.blocks.flatMap((b) => layoutBlock(b, columns));
  return blocks;
}

/** The text line a virtual printer shows for a laid-out or decoded line of `columns`. */
export function alignedText(text: string, width: number, align: Align, columns: number): string {
  return (' '.repeat(alignOffset(columns, width, align)) + text).trimEnd();
}

/** A non-text block as far as its text rendering is concerned. */
export type PlaceholderBlock =
  | { kind: 'qr'; data: string }
  | { kind: 'barcode'; symbology: string; data: string }
  | { kind: 'image' | 'cut' | 'drawer' };

/**
 * The placeholder line a text rendering shows for a non-text block. Shared with
 * the virtual printer's decoder, so a printed receipt reads back as the layout's text.
 */
export function placeholderLine(block: PlaceholderBlock): string {
  switch (block.kind) {
    case 'qr':
      return `[QR] ${block.data}`;
    case 'barcode':
      return `[BARCODE ${block.symbology.toUpperCase()}] ${block.data}`;
    case 'image':
      return '[IMAGE]';
    case 'cut':
      return '[CUT]';
    case 'drawer':
      return '[DRAWER]';
  }
}

/** The receipt as plain text lines, as the virtual printer decodes it back from the printer bytes. */
export function receiptPlainText(blocks: readonly LaidOutBlock[], columns: number): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'line') {
      const width = displayWidth(block.text) * sizeScale(block.size).width;
      out.push(alignedText(block.text, width, block.align, columns));
    } else if (block.kind === 'feed') {
      for (let i = 0; i < block.lines; i++) out.push('');
    } else {
      out.push(placeholderLine(block));
    }
  }
  return out;
}
