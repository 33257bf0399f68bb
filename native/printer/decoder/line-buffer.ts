import { type Bitmap } from '../bitmap.js';
import type { DecodedCell, DecodedElement } from './decoded-receipt.js';
import { CELL, type PrinterState } from './printer-state.js';

/**
 * The printer's line buffer and what it has printed. Characters wait in the buffer at their
 * dot positions until a line feed (or a command that prints the buffer) turns them into a
 * text line; codes and graphics print on their own line.
 */
export class LineBuffer {
  readonly elements: DecodedElement[] = [];
  private cells: DecodedCell[] = [];
  private lineHasGraphics = false;

  /** Places a character at the print position, in the current modes, and moves the position on. */
  addCell(state: PrinterState, char: string, columns: number, glyph?: Bitmap): void {
    const width = (glyph ? glyph.width : columns * CELL) * state.scaleX;
    this.cells.push({
      char,
      x: state.x,
      width,
      bold: state.bold,
      underline: state.underline,
      scaleX: state.scaleX,
      scaleY: state.scaleY,
      ...(glyph ? { glyph } : {}),
    });
    state.x += width;
  }

  /** Prints the line buffer. `feed` is false for paper moves that do not print an empty line. */
  endLine(state: PrinterState, feed: boolean): void {
    if (this.cells.length > 0) {
      this.elements.push({ kind: 'text', line: { cells: this.cells, align: state.align } });
    } else if (feed && !this.lineHasGraphics) {
      this.elements.push({ kind: 'text', line: { cells: [], align: state.align } });
    }
    this.cells = [];
    this.lineHasGraphics = false;
    state.x = 0;
  }

  /** A column-format image stripe (`ESC *`) prints in the line: its feed adds no empty line. */
  addStripe(element: DecodedElement): void {
    this.elements.push(element);
    this.lineHasGraphics = true;
  }

  /** Codes and graphics print on their own line: whatever text was pending prints first. */
  printSymbol(state: PrinterState, element: DecodedElement | undefined): void {
    if (!element) return;
    this.endLine(state, false);
    this.elements.push(element);
  }
}
