import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceFileTransport } from '../../../../native/printer/transports/device-file-transport.js';
import { SerialTransport } from '../../../../native/printer/transports/serial-transport.js';
import { TcpTransport } from '../../../../native/printer/transports/tcp-transport.js';
import {
  type PrinterTransport,
  TransportError,
} from '../../../../native/printer/transports/transport.js';
import { settle } from '../../../helpers/wait.js';
import { stalledFifo, stalledPty, stalledTcpPeer } from '../support/stalling-peers.js';

/**
 * Issue 16, defects 4 and 5: a printer that stops taking data must not hang
 * the till. Each link's write gives up after `writeTimeoutMs` without progress
 * and can be aborted; either way it rejects with a TransportError and the link
 * is closed, and `close()` returns.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-stall-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Rejects if `promise` has not settled within `ms`: the "never returns" of the defect. */
async function settlesWithin<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

// Far more than any buffer between the till and the stalled reader (pipe 64 KiB,
// TCP with the small buffers about 270 KB, a pty a few KiB plus the host stream's 64 KiB).
const JOB = new Uint8Array(4 * 1024 * 1024).fill(0x41);

type Link = { name: string; open(writeTimeoutMs: number): Promise<PrinterTransport> };

const links: Link[] = [
  {
    name: 'usblp device file (a FIFO nobody reads)',
    open: async (writeTimeoutMs) => {
      const fifo = stalledFifo(tempDir());
      const transport = new DeviceFileTransport(fifo.path, { writeTimeoutMs });
      cleanups.push(() => fifo.close());
      cleanups.push(() => transport.close());
      await transport.open();
      return transport;
    },
  },
  {
    name: 'TCP 9100 (a peer that stops reading, small buffers)',
    open: async (writeTimeoutMs) => {
      const peer = await stalledTcpPeer(tempDir(), 0);
      cleanups.push(() => peer.stop());
      const transport = new TcpTransport({ host: '127.0.0.1', port: peer.port, writeTimeoutMs });
      cleanups.push(() => transport.close());
      await transport.open();
      return transport;
    },
  },
  {
    name: 'serial (a socat pty whose far end stops reading)',
    open: async (writeTimeoutMs) => {
      const pty = await stalledPty(tempDir(), 0);
      cleanups.push(() => pty.stop());
      const transport = new SerialTransport({ path: pty.pair.device, baudRate: 115_200, writeTimeoutMs });
      cleanups.push(() => transport.close());
      await transport.open();
      return transport;
    },
  },
];

describe.each(links)('a write on $name', (link) => {
  it('gives up when the printer takes no data for writeTimeoutMs, and closes the link', async () => {
    const transport = await link.open(400);
    const error = await settlesWithin(10_000, transport.write(JOB).then(() => undefined, (err: unknown) => err));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/took no data for 400 ms/);
    expect(transport.isOpen).toBe(false);
    await settlesWithin(5000, transport.close());
  });

  it('can be aborted while it is stuck, and close() returns', async () => {
    const transport = await link.open(60_000);
    const controller = new AbortController();
    const writing = transport.write(JOB, { signal: controller.signal }).then(
      () => undefined,
      (err: unknown) => err,
    );
    await settle(300);
    controller.abort();
    const error = await settlesWithin(5000, writing);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/aborted/);
    expect(transport.isOpen).toBe(false);
    await settlesWithin(5000, transport.close());
  });
});

describe('a slow printer is not a stuck one', () => {
  it('finishes a write that keeps making progress, however long it takes in all', async () => {
    const fifo = stalledFifo(tempDir());
    cleanups.push(() => fifo.close());
    const transport = new DeviceFileTransport(fifo.path, { writeTimeoutMs: 500 });
    cleanups.push(() => transport.close());
    await transport.open();
    const job = new Uint8Array(640 * 1024).fill(0x42);
    let received = 0;
    const reader = setInterval(() => (received += fifo.drain().length), 100);
    cleanups.push(() => clearInterval(reader));
    await settlesWithin(20_000, transport.write(job));
    clearInterval(reader);
    received += fifo.drain().length;
    expect(received).toBe(job.length);
  });
});
