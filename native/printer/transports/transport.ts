/**
 * How bytes reach a printer (escpos-php's PrintConnector): TCP port 9100,
 * a serial port, or a device file such as /dev/usb/lp0. The print service
 * only needs these operations, so the virtual printer and real ones are
 * interchangeable.
 */
export interface PrinterTransport {
  /** For logs and the device list: `tcp://10.0.0.5:9100`, `serial:///dev/ttyUSB0`. */
  readonly description: string;
  /** Whether the printer can answer (real-time status); device files are write-only. */
  readonly bidirectional: boolean;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Writes everything, honouring back-pressure; rejects with TransportError if the link drops. */
  write(data: Uint8Array): Promise<void>;
  /** Sends `data` and resolves with the next `length` bytes received, or rejects after `timeoutMs`. */
  request(data: Uint8Array, length: number, timeoutMs: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The link to the printer failed: refused, dropped, timed out, or the device is absent. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
}

/**
 * What the two-way links (TCP 9100, serial) share: answers come back through
 * one ResponseReader, a status request is a write followed by a wait for the
 * answer, and every error names the link it happened on.
 */
export abstract class TwoWayTransport implements PrinterTransport {
  readonly bidirectional = true;
  protected readonly reader = new ResponseReader();

  constructor(readonly description: string) {}

  abstract get isOpen(): boolean;
  abstract open(): Promise<void>;
  abstract write(data: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  request(data: Uint8Array, length: number, timeoutMs: number): Promise<Uint8Array> {
    return this.reader.expect(length, timeoutMs, () => this.write(data));
  }

  /** A TransportError prefixed with the link's description, so logs say which printer failed. */
  protected failure(detail: string): TransportError {
    return new TransportError(`${this.description}: ${detail}`);
  }
}

/**
 * Collects bytes a printer sends and hands them to one waiting request at a
 * time. Bytes that arrive with nobody waiting (automatic status back, noise)
 * are dropped, so a later request does not read a stale answer.
 */
export class ResponseReader {
  private buffer: number[] = [];
  private waiting:
    | {
        length: number;
        resolve: (bytes: Uint8Array) => void;
        reject: (err: Error) => void;
        timer: NodeJS.Timeout;
      }
    | undefined;

  /** Feed received bytes. */
  receive(chunk: Uint8Array): void {
    if (!this.waiting) return;
    this.buffer.push(...chunk);
    if (this.buffer.length >= this.waiting.length) {
      const { length, resolve, timer } = this.waiting;
      clearTimeout(timer);
      this.waiting = undefined;
      resolve(Uint8Array.from(this.buffer.splice(0, length)));
      this.buffer = [];
    }
  }

  /** Waits for `length` bytes; `send` is called once the wait is registered. */
  expect(length: number, timeoutMs: number, send: () => Promise<void>): Promise<Uint8Array> {
    if (this.waiting)
      return Promise.reject(new TransportError('a status request is already waiting'));
    this.buffer = [];
    const answer = new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new TransportError(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = { length, resolve, reject, timer };
    });
    return send().then(
      () => answer,
      (err: Error) => {
        this.fail(err);
        return answer;
      },
    );
  }

  /** Rejects the waiting request (the link closed). */
  fail(err: Error): void {
    if (!this.waiting) return;
    clearTimeout(this.waiting.timer);
    const { reject } = this.waiting;
    this.waiting = undefined;
    reject(err);
  }
}
