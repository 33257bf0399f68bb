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
  /**
   * Writes everything, honouring back-pressure. Rejects with TransportError if the link drops,
   * if the printer takes no byte for the link's `writeTimeoutMs`, or when `signal` aborts; in
   * the last two cases the link is closed first (the printer may hold part of the job).
   */
  write(data: Uint8Array, options?: WriteOptions): Promise<void>;
  /** Sends `data` and resolves with the next `length` bytes received, or rejects after `timeoutMs`. */
  request(data: Uint8Array, length: number, timeoutMs: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface WriteOptions {
  /** Stops a write at once (the printer's `stop()`); the write rejects and the link closes. */
  signal?: AbortSignal;
}

/**
 * How long a write may go without the printer taking a byte, unless a link says otherwise.
 * A stall, not a total: a 60 KB logo takes a minute at 9600 baud and is fine while bytes move;
 * a printer that has stopped reading (usblp jammed, a TCP peer with a zero window) is not.
 */
export const DEFAULT_WRITE_TIMEOUT_MS = 10_000;

/**
 * One step of a write (a chunk handed to the link) bounded by the link's stall timeout and the
 * caller's abort signal (issue 16, defects 4 and 5: a printer that stops taking data hung
 * `status()`, the drawer and `stop()` behind a write that never returned). On timeout or abort
 * `giveUp` runs (it closes the link, so the stuck step ends too) and the step rejects.
 */
export async function boundedStep<T>(
  step: Promise<T>,
  limits: { timeoutMs: number; signal: AbortSignal | undefined },
  fail: (detail: string) => TransportError,
  giveUp: () => void,
): Promise<T> {
  const { timeoutMs, signal } = limits;
  // The step may still settle after we stopped waiting for it: never as an unhandled rejection.
  step.catch(() => undefined);
  if (signal?.aborted) {
    giveUp();
    throw fail('write aborted');
  }
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      giveUp();
      reject(fail(`the printer took no data for ${timeoutMs} ms`));
    }, timeoutMs);
    onAbort = () => {
      giveUp();
      reject(fail('write aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([step, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** The link to the printer failed: refused, dropped, timed out, or the device is absent. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
}

/** A two-way link got no answer to a request in time: the printer is busy, off, or cannot answer at all. */
export class NoAnswerError extends TransportError {}

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
  abstract write(data: Uint8Array, options?: WriteOptions): Promise<void>;
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
        reject(new NoAnswerError(`no answer within ${timeoutMs} ms`));
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
