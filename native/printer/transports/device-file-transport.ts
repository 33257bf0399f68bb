import { type FileHandle, open } from 'node:fs/promises';
import { type PrinterTransport, TransportError } from './transport.js';

/**
 * A printer behind a character device, `/dev/usb/lp0` (Linux usblp) or a
 * parallel port. Treated as write-only: reads on usblp block in the thread
 * pool, so status comes from whether the device can be opened at all.
 */
export class DeviceFileTransport implements PrinterTransport {
  readonly bidirectional = false;
  readonly description: string;
  private handle: FileHandle | undefined;

  constructor(private readonly path: string) {
    this.description = `file://${path}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    try {
      // 'a' never truncates and never creates a regular file by accident in /dev.
      this.handle = await open(this.path, 'a');
    } catch (err) {
      throw new TransportError(`${this.description}: ${(err as Error).message}`);
    }
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.handle) throw new TransportError(`${this.description}: not open`);
    try {
      let offset = 0;
      while (offset < data.length) offset += (await this.handle.write(data, offset)).bytesWritten;
    } catch (err) {
      await this.close();
      throw new TransportError(`${this.description}: ${(err as Error).message}`);
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
    await handle?.close();
  }
}
