import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_WRITE_TIMEOUT_MS,
  type PrinterTransport,
  TransportError,
  type WriteOptions,
  boundedStep,
} from './transport.js';

export interface DeviceFileTransportOptions {
  /** How long a write may go without the device taking a byte (see DEFAULT_WRITE_TIMEOUT_MS). */
  writeTimeoutMs?: number;
}

/** How often a full device is tried again: usblp takes about 8 KiB per USB transfer. */
const RETRY_MS = 10;

/**
 * A printer behind a character device, `/dev/usb/lp0` (Linux usblp) or a
 * parallel port. Treated as write-only: reads on usblp block in the thread
 * pool, so status comes from whether the device can be opened at all.
 *
 * The device is opened non-blocking (issue 16, defect 4): a blocking write to
 * a usblp printer that stopped taking data sat in a libuv pool thread for
 * ever, and since a FileHandle closes only after its pending operations, so
 * did `close()` and with it the app's shutdown. Now a full device answers
 * EAGAIN at once, the write tries again every few milliseconds, and it gives
 * up after `writeTimeoutMs` without progress or when aborted.
 */
export class DeviceFileTransport implements PrinterTransport {
  readonly bidirectional = false;
  readonly description: string;
  private handle: FileHandle | undefined;

  constructor(
    private readonly path: string,
    private readonly options: DeviceFileTransportOptions = {},
  ) {
    this.description = `file://${path}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    try {
      // No O_CREAT: a mistyped path must fail, not leave a regular file in /dev.
      this.handle = await open(
        this.path,
        constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK,
      );
    } catch (err) {
      throw this.failure((err as Error).message);
    }
  }

  async write(data: Uint8Array, options: WriteOptions = {}): Promise<void> {
    const handle = this.handle;
    if (!handle) throw this.failure('not open');
    const limits = {
      timeoutMs: this.options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      signal: options.signal,
    };
    try {
      let offset = 0;
      while (offset < data.length) {
        offset += await boundedStep(
          this.writeSome(handle, data, offset),
          limits,
          (detail) => this.failure(detail),
          () => void this.close(),
        );
      }
    } catch (err) {
      await this.close();
      throw err instanceof TransportError ? err : this.failure((err as Error).message);
    }
  }

  request(): Promise<Uint8Array> {
    return Promise.reject(
      new TransportError(`${this.description} is write-only: no real-time status`),
    );
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  /** Writes what the device takes now, waiting while it takes nothing; resolves with the count. */
  private async writeSome(handle: FileHandle, data: Uint8Array, offset: number): Promise<number> {
    for (;;) {
      if (this.handle !== handle) throw this.failure('closed while writing');
      try {
        const { bytesWritten } = await handle.write(data, offset);
        if (bytesWritten > 0) return bytesWritten;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      }
      await sleep(RETRY_MS);
    }
  }

  private failure(detail: string): TransportError {
    return new TransportError(`${this.description}: ${detail}`);
  }
}
