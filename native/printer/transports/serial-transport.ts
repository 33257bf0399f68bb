import { SerialPort } from 'serialport';
import {
  DEFAULT_WRITE_TIMEOUT_MS,
  TwoWayTransport,
  type WriteOptions,
  boundedStep,
} from './transport.js';

export interface SerialTransportOptions {
  path: string;
  /** Receipt printers ship at 9600 or 19200 (DIP switches); 8N1. */
  baudRate?: number;
  /** Hardware flow control: most serial receipt printers use RTS/CTS (or DTR/DSR) to say "buffer full". */
  rtscts?: boolean;
  /** How long a chunk may wait for the printer to take it (see DEFAULT_WRITE_TIMEOUT_MS). */
  writeTimeoutMs?: number;
}

/** Bytes per write: about 0.1 s at 115,200 baud and 1 s at 9600, so a stall shows early. */
const CHUNK_BYTES = 1024;

/**
 * A printer on a serial port (RS-232 or USB-serial). Two-way, so real-time status works.
 *
 * Writes go out in chunks, each bounded by `writeTimeoutMs` and the abort signal (issue 16,
 * defect 4): a printer holding CTS low, or a far end that stopped reading, leaves the kernel's
 * buffer full for ever. `drain()` (tcdrain) is not used: it blocks a libuv pool thread until the
 * buffer empties, with no way to cancel it. The status answer after each job proves delivery.
 */
export class SerialTransport extends TwoWayTransport {
  private port: SerialPort | undefined;

  constructor(private readonly options: SerialTransportOptions) {
    super(`serial://${options.path}@${options.baudRate ?? 9600}`);
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate ?? 9600,
      rtscts: this.options.rtscts ?? false,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(this.failure(err.message)) : resolve())),
    );
    port.on('data', (chunk: Buffer) => this.reader.receive(chunk));
    port.on('close', () => {
      this.reader.fail(this.failure('port closed'));
      if (this.port === port) this.port = undefined;
    });
    port.on('error', () => undefined);
    this.port = port;
  }

  async write(data: Uint8Array, options: WriteOptions = {}): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw this.failure('not open');
    const limits = {
      timeoutMs: this.options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      signal: options.signal,
    };
    for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) {
      if (this.port !== port) throw this.failure('port closed while printing');
      const chunk = Buffer.from(data.subarray(offset, offset + CHUNK_BYTES));
      await boundedStep(
        new Promise<void>((resolve, reject) =>
          port.write(chunk, (err) => (err ? reject(this.failure(err.message)) : resolve())),
        ),
        limits,
        (detail) => this.failure(detail),
        () => void this.abandon(port),
      );
    }
  }

  /** A stuck write: the queued bytes are discarded (closing a tty waits for them) and the port closed. */
  private async abandon(port: SerialPort): Promise<void> {
    if (this.port === port) this.port = undefined;
    if (!port.isOpen) return;
    await new Promise<void>((resolve) => port.flush(() => resolve()));
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
