import { z } from 'zod';
import type { PrinterStatus } from '../../src/devices/printer.js';

/**
 * Real-time status (`DLE EOT n`, Epson ESC/POS). Each answer is one byte of
 * the form 0xx1xx10; the bits this till cares about:
 *  n = 1 printer:       bit 3 offline
 *  n = 2 offline cause: bit 2 cover open, bit 5 stopped by paper end
 *  n = 4 roll paper:    bits 2-3 paper near end, bits 5-6 paper end
 */

/** The three requests, in the order they are sent. */
export const STATUS_REQUESTS = [1, 2, 4] as const;

/** `DLE EOT n`. */
export function statusRequest(n: number): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** Thrown when a status answer is not a status byte (wrong device, wrong baud rate, line noise). */
export class PrinterStatusError extends Error {
  override readonly name = 'PrinterStatusError';
}

const statusByteSchema = z
  .number()
  .int()
  .min(0)
  .max(255)
  .refine((byte) => (byte & 0x93) === 0x12, 'not a DLE EOT status byte (expected bits 0xx1xx10)');

export interface RealTimeStatus {
  offline: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  /** DLE EOT 1 bit 2: the drawer kick-out connector's pin 3 (the drawer-open switch) is high. */
  drawerOpen?: boolean;
}

/** Parses the answers to DLE EOT 1, 2 and 4. */
export function parseRealTimeStatus(
  printer: number,
  offlineCause: number,
  paper: number,
): RealTimeStatus {
  for (const [name, byte] of [
    ['printer', printer],
    ['offline cause', offlineCause],
    ['paper', paper],
  ] as const) {
    const parsed = statusByteSchema.safeParse(byte);
    if (!parsed.success)
      throw new PrinterStatusError(
        `${name} status 0x${byte.toString(16)}: ${parsed.error.issues[0]?.message}`,
      );
  }
  return {
    ...((printer & 0x04) !== 0 ? { drawerOpen: true } : {}),
    offline: (printer & 0x08) !== 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    paperEnd: (offlineCause & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
  };
}

/** The port's single status, most urgent first: an open cover also stops paper sensing. */
export function summarizeStatus(status: RealTimeStatus): PrinterStatus {
  if (status.coverOpen) return 'cover-open';
  if (status.paperEnd) return 'paper-out';
  if (status.offline) return 'offline';
  if (status.paperNearEnd) return 'paper-near-end';
  return 'ready';
}

/** The bytes a printer in `status` answers to DLE EOT `n` (the virtual printer's side). */
export function statusByte(n: number, status: RealTimeStatus): number {
  let byte = 0x12;
  if (n === 1 && status.offline) byte |= 0x08;
  if (n === 1 && status.drawerOpen) byte |= 0x04;
  if (n === 2 && status.coverOpen) byte |= 0x04;
  if (n === 2 && status.paperEnd) byte |= 0x20;
  if (n === 4 && status.paperNearEnd) byte |= 0x0c;
  if (n === 4 && status.paperEnd) byte |= 0x60;
  return byte;
}
