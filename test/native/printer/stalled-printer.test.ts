import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DrawerUnavailableError } from '../../../src/devices/drawer.js';
import type { PrintJobEvent } from '../../../src/devices/printer.js';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { buildSaleReceipt } from '../../../src/receipts/sale-receipt.js';
import { createBitmap, setDot } from '../../../native/printer/bitmap.js';
import { EscPosCashDrawer } from '../../../native/printer/escpos-drawer.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { MapImageSource } from '../../../native/printer/image-source.js';
import { PrintQueue } from '../../../native/printer/print-queue.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { sampleSaleData } from '../../../native/printer/sample-receipt.js';
import { DeviceFileTransport } from '../../../native/printer/transports/device-file-transport.js';
import { SerialTransport } from '../../../native/printer/transports/serial-transport.js';
import { TcpTransport } from '../../../native/printer/transports/tcp-transport.js';
import type { PrinterTransport } from '../../../native/printer/transports/transport.js';
import { VirtualPrinterDevice } from '../../../native/printer/virtual-printer-device.js';
import { nextEvent } from '../../helpers/pty-pair.js';
import { settle, waitUntil } from '../../helpers/wait.js';
import { stalledFifo, stalledPty, stalledTcpPeer } from './support/stalling-peers.js';

/**
 * Issue 16, defect 4 (Deliver 5): a printer that stops taking data in the
 * middle of a receipt must not hang the till. While the job's write is stuck,
 * `status()`, the drawer and `stop()` answer within their budgets, and the
 * receipt, when it goes again, is marked 재출력 (part of it may be on paper).
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-stalled-printer-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Rejects if `promise` has not settled within `ms` (the defect: these never returned). */
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

// A receipt whose logo is 12,000 rows tall (768 KB of raster): more than every buffer between
// the till and a printer that stopped reading, so the job's write really sticks.
const profile = printerProfile('korean-80');
const logo = createBitmap(512, 12_000);
for (let y = 0; y < logo.height; y += 2) setDot(logo, y % 512, y);
const encoder = new EscPosReceiptEncoder(profile, new MapImageSource(new Map([['counter-logo', logo]])));
const receipt = buildSaleReceipt({ ...sampleSaleData(6), receiptNumber: 'S-1' });

const BUSY_BUDGET_MS = 300;

function printerOn(transport: PrinterTransport, databasePath: string) {
  const queue = new PrintQueue(databasePath, systemClock);
  cleanups.push(() => queue.close());
  const printer = new EscPosPrinter({
    deviceId: 'receipt-printer',
    transport,
    queue,
    encoder,
    clock: systemClock,
    logger: silentLogger,
    retryDelayMs: 100,
    statusTimeoutMs: 500,
    printWaitMs: 500,
    busyBudgetMs: BUSY_BUDGET_MS,
    realTimePulse: true,
  });
  return { queue, printer, drawer: new EscPosCashDrawer('cash-drawer', printer) };
}

type Link = { name: string; transport(dir: string): Promise<PrinterTransport> };

// The write timeout is a minute: everything below happens while the write is still stuck.
// Two-way peers answer six status requests: the test's own and the worker's before the job.
const links: Link[] = [
  {
    name: 'usblp (a FIFO that stops being read)',
    transport: async (dir) => {
      const fifo = stalledFifo(dir);
      cleanups.push(() => fifo.close());
      return new DeviceFileTransport(fifo.path, { writeTimeoutMs: 60_000 });
    },
  },
  {
    name: 'TCP 9100 (a peer that stops reading, small socket buffers)',
    transport: async (dir) => {
      const peer = await stalledTcpPeer(dir, 6);
      cleanups.push(() => peer.stop());
      return new TcpTransport({ host: '127.0.0.1', port: peer.port, writeTimeoutMs: 60_000 });
    },
  },
  {
    name: 'serial (a socat pty that stops reading)',
    transport: async (dir) => {
      const pty = await stalledPty(dir, 6);
      cleanups.push(() => pty.stop());
      return new SerialTransport({ path: pty.pair.device, baudRate: 115_200, writeTimeoutMs: 60_000 });
    },
  },
];

describe.each(links)('a receipt stuck on $name', (link) => {
  it('leaves status(), the drawer and stop() answering within their budgets', async () => {
    const dir = tempDir();
    const { queue, printer, drawer } = printerOn(await link.transport(dir), join(dir, 'pos.db'));
    const printing = nextEvent<PrintJobEvent>((l) => printer.on('job', l), (e) => e.state === 'printing', 10_000);
    printer.start();
    cleanups.push(() => printer.stop());
    expect(await printer.status()).toBe('ready');
    const result = await settlesWithin(5000, printer.print(receipt));
    expect(result).toMatchObject({ state: 'queued', reason: 'printer busy' });
    await printing;
    await settle(300);
    expect(queue.list('pending')).toHaveLength(1);

    // Not behind the stuck job: the last status the printer gave, at once.
    expect(await settlesWithin(5000, printer.status())).toBe('ready');
    const kick = await settlesWithin(5000, drawer.kick().then(() => undefined, (err: unknown) => err));
    expect(kick).toBeInstanceOf(DrawerUnavailableError);
    expect((kick as Error).message).toMatch(/busy/);
    expect(await settlesWithin(5000, drawer.isOpen())).toBeUndefined();

    await settlesWithin(5000, printer.stop());
    // The job is kept, and marked: part of it may be on the paper already.
    const [kept] = queue.list('pending');
    expect(kept?.copy).toBe(true);
  });
});

describe('a receipt resent after a partial write', () => {
  it('prints 재출력 / COPY at its top (the FIFO printer, read back through the decoder)', async () => {
    const dir = tempDir();
    const fifo = stalledFifo(dir);
    cleanups.push(() => fifo.close());
    const transport = new DeviceFileTransport(fifo.path, { writeTimeoutMs: 400 });
    const { queue, printer } = printerOn(transport, join(dir, 'pos.db'));
    printer.start();
    cleanups.push(() => printer.stop());
    await printer.print(receipt);
    // The printer took a pipe's worth and stopped: the write gave up, the job waits.
    await waitUntil(() => (queue.get(queue.list()[0]!.jobId)?.attempts ?? 0) >= 1, 'the failed attempt', 10_000);
    await printer.stop();
    const torn = fifo.drain();
    expect(torn.length).toBeGreaterThan(0);
    expect(torn.length).toBeLessThan(encoder.encode(receipt).length);

    // The printer takes data again: the job goes whole, marked as a copy.
    const paper = new VirtualPrinterDevice({ columns: 42, startsInDoubleByte: true });
    paper.connect(fifo);
    const reader = setInterval(() => paper.receive(fifo, fifo.drain()), 20);
    cleanups.push(() => clearInterval(reader));
    printer.start();
    await waitUntil(() => paper.printed.length === 1, 'the resent receipt', 15_000);
    const [resent] = paper.printedTexts();
    expect(resent![0]!.trim()).toBe('재출력 / COPY');
    expect(resent!.join('\n')).toContain('S-1');
    expect(queue.list('pending')).toHaveLength(0);
  });
});
