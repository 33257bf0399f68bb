import { Socket } from 'node:net';
import {
  DEFAULT_WRITE_TIMEOUT_MS,
  TwoWayTransport,
  type WriteOptions,
  boundedStep,
} from './transport.js';

export interface TcpTransportOptions {
  host: string;
  /** Raw printing port; 9100 on every network receipt printer. */
  port?: number;
  connectTimeoutMs?: number;
  /** Bytes per socket write: small enough that back-pressure is felt early on slow printers. */
  chunkSize?: number;
  /** How long a chunk may wait for the printer to take data (see DEFAULT_WRITE_TIMEOUT_MS). */
  writeTimeoutMs?: number;
}

/**
 * A network printer on TCP port 9100. Writes go out in chunks and wait for
 * `drain` whenever the socket buffer is full, so a big logo never piles up
 * megabytes in memory; a dropped connection rejects the pending write and
 * any status request. A printer that stops reading leaves TCP with a zero
 * window for ever (the socket never errors); after `writeTimeoutMs` without
 * `drain`, or on abort, the socket is destroyed and the write rejects.
 */
export class TcpTransport extends TwoWayTransport {
  private socket: Socket | undefined;
  private lastError: Error | undefined;

  constructor(private readonly options: TcpTransportOptions) {
    super(`tcp://${options.host}:${options.port ?? 9100}`);
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const socket = new Socket();
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(this.failure(`no connection within ${this.options.connectTimeoutMs ?? 3000} ms`));
      }, this.options.connectTimeoutMs ?? 3000);
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(this.failure(err.message));
      });
      socket.connect(this.options.port ?? 9100, this.options.host, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.lastError = undefined;
    socket.on('data', (chunk: Buffer) => this.reader.receive(chunk));
    socket.on('error', (err) => {
      this.lastError = this.failure(err.message);
    });
    socket.on('close', () => {
      this.reader.fail(this.lastError ?? this.failure('connection closed'));
      if (this.socket === socket) this.socket = undefined;
    });
    this.socket = socket;
  }

  async write(data: Uint8Array, options: WriteOptions = {}): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) throw this.failure('not connected');
    const chunkSize = this.options.chunkSize ?? 4096;
    const limits = {
      timeoutMs: this.options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      signal: options.signal,
    };
    for (let offset = 0; offset < data.length; offset += chunkSize) {
      if (socket.destroyed) throw this.lastError ?? this.failure('connection lost while printing');
      const chunk = data.subarray(offset, offset + chunkSize);
      const last = offset + chunkSize >= data.length;
      await boundedStep(
        this.writeChunk(socket, chunk, last),
        limits,
        (detail) => this.failure(detail),
        () => socket.destroy(),
      );
    }
  }

  /** One chunk: resolves when the socket took it (the last one: when flushed to the kernel). */
  private writeChunk(socket: Socket, chunk: Uint8Array, last: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onClose = (): void =>
        reject(this.lastError ?? this.failure('connection lost while printing'));
      socket.once('close', onClose);
      const done = (err?: Error | null): void => {
        socket.off('close', onClose);
        socket.off('drain', done);
        if (err) reject(this.failure(err.message));
        else resolve();
      };
      // Wait for the last chunk to be flushed; for the others, only when the buffer is full.
      const flushed = socket.write(chunk, last ? done : undefined);
      if (!last) {
        if (flushed) done();
        else socket.once('drain', done);
      }
    });
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}
