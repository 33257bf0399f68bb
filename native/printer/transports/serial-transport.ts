import { SerialPort } from 'serialport';
import { TwoWayTransport } from './transport.js';

export interface SerialTransportOptions {
  path: string;
  /** Receipt printers ship at 9600 or 19200 (DIP switches); 8N1. */
  baudRate?: number;
  /** Hardware flow control: most serial receipt printers use RTS/CTS (or DTR/DSR) to say "buffer full". */
  rtscts?: boolean;
}

/** A printer on a serial port (RS-232 or USB-serial). Two-way, so real-time status works. */
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

  async write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw this.failure('not open');
    // drain() waits until the OS has transmitted everything: the serial form of back-pressure.
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(data), (err) => {
        if (err) reject(this.failure(err.message));
      });
      port.drain((err) => (err ? reject(this.failure(err.message)) : resolve()));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
