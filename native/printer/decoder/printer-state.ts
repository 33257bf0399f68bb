import type { Align } from '../../../src/receipts/receipt-document.js';

/**
 * What the virtual printer remembers between commands, and how many fixed
 * parameter bytes each simple command takes (Epson ESC/POS), by prefix.
 */

const ALIGN: Align[] = ['left', 'center', 'right'];
export const TAB_COLUMNS = 8;
export const CELL = 12;

export interface PrinterState {
  bold: boolean;
  underline: boolean;
  scaleX: number;
  scaleY: number;
  align: Align;
  doubleByte: boolean;
  codeTable: number;
  charset: number;
  userDefined: boolean;
  x: number;
}

// Fixed parameter counts of the simple commands, by prefix byte then command byte.
export const ESC_ARGS: Record<number, number> = {
  0x20: 1,
  0x21: 1,
  0x24: 2,
  0x25: 1,
  0x2d: 1,
  0x32: 0,
  0x33: 1,
  0x3d: 1,
  0x3f: 1,
  0x40: 0,
  0x45: 1,
  0x47: 1,
  0x4a: 1,
  0x4c: 0,
  0x4d: 1,
  0x52: 1,
  0x53: 0,
  0x54: 1,
  0x55: 1,
  0x56: 1,
  0x57: 8,
  0x5c: 2,
  0x61: 1,
  0x64: 1,
  0x65: 1,
  0x69: 0,
  0x6d: 0,
  0x70: 3,
  0x72: 1,
  0x74: 1,
  0x75: 1,
  0x76: 0,
  0x7b: 1,
  0x0c: 0,
};
export const GS_ARGS: Record<number, number> = {
  0x21: 1,
  0x24: 2,
  0x2f: 1,
  0x3a: 0,
  0x42: 1,
  0x48: 1,
  0x49: 1,
  0x4c: 2,
  0x50: 2,
  0x54: 1,
  0x57: 2,
  0x5c: 2,
  0x5e: 3,
  0x61: 1,
  0x62: 1,
  0x66: 1,
  0x68: 1,
  0x72: 1,
  0x77: 1,
};
export const FS_ARGS: Record<number, number> = {
  0x21: 1,
  0x26: 0,
  0x2e: 0,
  0x2d: 1,
  0x3f: 2,
  0x43: 1,
  0x53: 2,
  0x57: 1,
  0x70: 2,
};

/**
 * Applies an `ESC` command that only changes a mode (bold, underline, size
 * by `ESC !`, position, justification, code table, character sets); returns
 * false for commands that do more and are the decoder's to handle.
 */
export function setEscMode(s: PrinterState, cmd: number, n: number, n2: number): boolean {
  switch (cmd) {
    case 0x21:
      s.bold = (n & 8) !== 0;
      s.underline = (n & 0x80) !== 0;
      s.scaleX = n & 0x20 ? 2 : 1;
      s.scaleY = n & 0x10 ? 2 : 1;
      return true;
    case 0x45:
    case 0x47:
      s.bold = (n & 1) === 1;
      return true;
    case 0x2d:
      s.underline = n % 48 !== 0;
      return true;
    case 0x24:
      s.x = n + n2 * 256;
      return true;
    case 0x5c:
      // ESC \ moves relative to the current position; the distance is signed (two's complement).
      s.x = Math.max(0, s.x + (((n + n2 * 256) << 16) >> 16));
      return true;
    case 0x61:
      s.align = ALIGN[n % 48] ?? 'left';
      return true;
    case 0x74:
      s.codeTable = n;
      return true;
    case 0x52:
      s.charset = n;
      return true;
    case 0x25:
      s.userDefined = (n & 1) === 1;
      return true;
    default:
      return false;
  }
}
