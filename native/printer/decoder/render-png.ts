import { PNG } from 'pngjs';
import { alignOffset } from '../../../src/receipts/text-width.js';
import type { Align } from '../../../src/receipts/receipt-document.js';
import { type Bitmap, createBitmap, drawBitmap, emboldened, getDot, setDot } from '../bitmap.js';
import { CELL_HEIGHT, CELL_WIDTH, drawText, glyphFor } from '../glyphs/glyph-renderer.js';
import { qrBitmap } from '../qr-raster.js';
import {
  type DecodedElement,
  type DecodedLine,
  type DecodedReceipt,
  barcodeText,
} from './decoded-receipt.js';
import { checkPaperHeight, checkRenderLimits } from './render-limits.js';

/**
 * Draws a decoded receipt as the paper would look: text in the bundled
 * glyphs, images and QR codes dot for dot (QR re-encoded from its payload),
 * cuts as dashed lines. Barcodes are drawn as an illustrative pattern with
 * their text, not as scannable bars.
 */

export interface RenderOptions {
  /** Printable width in dots (512 for the korean-80 profile). */
  dotsPerLine: number;
  /** Font A columns, for justification (as in decodedText). */
  columns: number;
}

const LINE_GAP = 6;
const MARGIN = 16;

interface Row {
  height: number;
  draw(target: Bitmap, y: number): void;
}

function textRow(line: DecodedLine, options: RenderOptions): Row {
  const scaleY = Math.max(1, ...line.cells.map((c) => c.scaleY));
  const last = line.cells.reduce((end, c) => Math.max(end, c.x + c.width), 0);
  const offset =
    alignOffset(options.columns, Math.round(last / CELL_WIDTH), line.align) * CELL_WIDTH;
  return {
    height: CELL_HEIGHT * scaleY + LINE_GAP,
    draw(target, y) {
      for (const cell of line.cells) {
        const glyph = cell.glyph ?? glyphFor(cell.char.codePointAt(0) ?? 0x20).bitmap;
        if (!glyph) continue;
        const top = y + (scaleY - cell.scaleY) * CELL_HEIGHT;
        drawBitmap(
          target,
          cell.bold ? emboldened(glyph) : glyph,
          offset + cell.x,
          top,
          cell.scaleX,
          cell.scaleY,
        );
        if (cell.underline)
          for (let dx = 0; dx < cell.width; dx++)
            setDot(target, offset + cell.x + dx, top + CELL_HEIGHT * cell.scaleY - 1);
      }
    },
  };
}

function bitmapRow(
  bitmap: Bitmap,
  align: Align,
  options: RenderOptions,
  scaleX = 1,
  scaleY = 1,
): Row {
  return {
    height: bitmap.height * scaleY,
    draw: (target, y) =>
      drawBitmap(
        target,
        bitmap,
        alignOffset(options.dotsPerLine, bitmap.width * scaleX, align),
        y,
        scaleX,
        scaleY,
      ),
  };
}

function labelRow(text: string, options: RenderOptions, align: Align = 'left'): Row {
  return {
    height: CELL_HEIGHT + LINE_GAP,
    draw: (target, y) =>
      drawText(target, text, alignOffset(options.dotsPerLine, text.length * CELL_WIDTH, align), y, {
        scaleX: 1,
        scaleY: 1,
        bold: false,
        underline: false,
      }),
  };
}

/** Illustrative bars from the data's bits (not a real symbology encoding), for the eye only. */
function barcodeRows(
  element: Extract<DecodedElement, { kind: 'barcode' }>,
  options: RenderOptions,
): Row[] {
  const data = barcodeText(element);
  const bits = [...data].flatMap((c) => [
    1,
    0,
    ...Array.from({ length: 7 }, (_, i) => (c.charCodeAt(0) >> (6 - i)) & 1),
    0,
  ]);
  const bars = createBitmap(bits.length * element.moduleWidth, element.height);
  bits.forEach((bit, i) => {
    if (!bit) return;
    for (let dx = 0; dx < element.moduleWidth; dx++)
      for (let y = 0; y < bars.height; y++) setDot(bars, i * element.moduleWidth + dx, y);
  });
  const rows = [bitmapRow(bars, element.align, options)];
  if (element.textPosition & 2) rows.push(labelRow(data, options, element.align));
  return rows;
}

function rowsOf(element: DecodedElement, options: RenderOptions): Row[] {
  switch (element.kind) {
    case 'text':
      return [textRow(element.line, options)];
    case 'image':
      return element.bitmap.height
        ? [bitmapRow(element.bitmap, element.align, options, element.scaleX, element.scaleY)]
        : [labelRow('[stored logo]', options)];
    case 'qr':
      return [
        bitmapRow(
          qrBitmap(element.text || ' ', element.level, element.moduleSize),
          element.align,
          options,
        ),
      ];
    case '2d-code':
      return [labelRow(`[${element.symbology}] ${element.text}`, options, element.align)];
    case 'barcode':
      return barcodeRows(element, options);
    case 'cut':
      return [
        {
          height: 16,
          draw(target, y) {
            for (let x = 0; x < target.width; x += 8)
              for (let dx = 0; dx < 4; dx++) setDot(target, x + dx, y + 8);
          },
        },
      ];
    case 'drawer':
      return [labelRow(`[drawer kick: pin ${element.pin}]`, options)];
    case 'status-request':
      return [];
  }
}

/**
 * The receipt drawn as a one-bit bitmap `dotsPerLine` wide. Throws
 * RenderRefusedError (render-limits.ts) before drawing anything beyond the
 * limits; run it through render-in-worker.ts where the bytes are not trusted.
 */
export function renderReceiptBitmap(receipt: DecodedReceipt, options: RenderOptions): Bitmap {
  checkRenderLimits(receipt);
  const rows: Row[] = [];
  let height = 0;
  // Measured as it goes: a QR's dots are made with its row, so a receipt of many is stopped early.
  for (const element of receipt.elements) {
    for (const row of rowsOf(element, options)) {
      height += row.height;
      checkPaperHeight(height);
      rows.push(row);
    }
  }
  const paper = createBitmap(options.dotsPerLine, Math.max(1, height));
  let y = 0;
  for (const row of rows) {
    row.draw(paper, y);
    y += row.height;
  }
  return paper;
}

/** The receipt as a PNG image, with a white margin around the paper. */
export function renderReceiptPng(receipt: DecodedReceipt, options: RenderOptions): Buffer {
  const paper = renderReceiptBitmap(receipt, options);
  const png = new PNG({ width: paper.width + 2 * MARGIN, height: paper.height + 2 * MARGIN });
  png.data.fill(0xff);
  for (let y = 0; y < paper.height; y++) {
    for (let x = 0; x < paper.width; x++) {
      if (!getDot(paper, x, y)) continue;
      const i = ((y + MARGIN) * png.width + x + MARGIN) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
    }
  }
  return PNG.sync.write(png);
}
