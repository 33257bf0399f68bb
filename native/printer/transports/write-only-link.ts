import type { PrinterTransport, WriteOptions } from './transport.js';
import { TransportError } from './transport.js';

/** What a one-way link's reason says to do when a printer never answers DLE EOT (issue 16, Deliver 6). */
export const WRITE_ONLY_ADVICE =
  'if this printer cannot answer status (a network print server, a TX-only serial cable), set "status": "none" on devices.printer (docs/hardware-printers.md, "Write-only links")';

/**
 * A link the till never asks for status: the "status": "none" setting, for
 * printers that never answer DLE EOT (network print servers, serial cables
 * with only TX wired). Through it the printer port treats the link like
 * /dev/usb/lp0: a job counts as printed once its bytes are written, so a
 * printer that is out of paper or switched off behind a print server loses
 * the receipt without the till knowing (docs/hardware-printers.md).
 */
export class WriteOnlyLink implements PrinterTransport {
  readonly bidirectional = false;
  readonly description: string;

  constructor(private readonly link: PrinterTransport) {
    this.description = `${link.description} (no status)`;
  }

  get isOpen(): boolean {
    return this.link.isOpen;
  }

  open(): Promise<void> {
    return this.link.open();
  }

  write(data: Uint8Array, options?: WriteOptions): Promise<void> {
    return this.link.write(data, options);
  }

  request(): Promise<Uint8Array> {
    return Promise.reject(new TransportError(`${this.description}: set to never ask for status`));
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
