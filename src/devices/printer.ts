import type { ReceiptDocument } from '../receipts/receipt-document.js';
import type { DeviceStatus } from './device-status.js';

/**
 * The port the core prints through. Implementations (native/printer) queue
 * every job durably before touching the printer, so `print` never loses a
 * receipt: when the printer is off, out of paper or open, the job waits and
 * prints once the printer is back.
 */

/** What the printer reports. `paper-near-end` still prints; the others stop it. */
export type PrinterStatus = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline';

/** Whether a printer in this status accepts a job now. */
export function canPrint(status: PrinterStatus): boolean {
  return status === 'ready' || status === 'paper-near-end';
}

export interface PrintJobResult {
  jobId: string;
  /** `queued`: stored, and printed when the printer is back (see `reason`). Never a failure. */
  state: 'printed' | 'queued';
  /** A reprint, marked "재출력 / COPY" on paper. */
  copy: boolean;
  /** Why a job is still queued, in words for the cashier. */
  reason?: string;
}

/** A job's progress, for the screen's print indicator (which must always end: Odoo #242617). */
export interface PrintJobEvent {
  jobId: string;
  state: 'queued' | 'printing' | 'printed' | 'waiting';
  copy: boolean;
  at: number;
  reason?: string;
}

export interface ReceiptPrinterEventMap extends Record<string, unknown> {
  status: PrinterStatus;
  job: PrintJobEvent;
  state: DeviceStatus;
}

export interface ReceiptPrinter {
  readonly deviceId: string;
  /** Queues the document durably and tries to print it; resolves within a bounded time either way. */
  print(document: ReceiptDocument): Promise<PrintJobResult>;
  /** Prints a stored job again, marked as a copy. */
  reprint(jobId: string): Promise<PrintJobResult>;
  /** Asks the printer (real-time status where the connection is two-way). */
  status(): Promise<PrinterStatus>;
  on<E extends keyof ReceiptPrinterEventMap>(
    event: E,
    listener: (arg: ReceiptPrinterEventMap[E]) => void,
  ): () => void;
}

/** Thrown by `reprint` for a job id the queue does not know. */
export class UnknownPrintJobError extends Error {
  override readonly name = 'UnknownPrintJobError';
  constructor(readonly jobId: string) {
    super(`no print job ${jobId}`);
  }
}
