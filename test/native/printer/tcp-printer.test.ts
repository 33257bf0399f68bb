import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DrawerUnavailableError } from '../../../src/devices/drawer.js';
import type { PrintJobEvent, PrinterStatus } from '../../../src/devices/printer.js';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { layoutReceipt, receiptPlainText } from '../../../src/receipts/receipt-layout.js';
import { buildSaleReceipt } from '../../../src/receipts/sale-receipt.js';
import type { ReceiptDocument } from '../../../src/receipts/receipt-document.js';
import { EscPosCashDrawer } from '../../../native/printer/escpos-drawer.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { PrintQueue } from '../../../native/printer/print-queue.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { sampleSaleData } from '../../../native/printer/sample-receipt.js';
import { TcpTransport } from '../../../native/printer/transports/tcp-transport.js';
import { VirtualTcpPrinter } from '../../../native/printer/virtual-tcp-printer.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { settle, waitUntil } from '../../helpers/wait.js';

const tempDir = useTempDir('pos-tcp-printer-');
const profile = printerProfile('korean-80');
const encoder = new EscPosReceiptEncoder(profile, new PngDirectoryImageSource());
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const receipt = (number: string): ReceiptDocument =>
  buildSaleReceipt({ ...sampleSaleData(6), receiptNumber: number });
const expectedText = (doc: ReceiptDocument): string[] =>
  receiptPlainText(layoutReceipt(doc, 42), 42);

async function rig(databasePath = join(tempDir(), 'pos.db')) {
  const fake = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
  const port = await fake.start();
  cleanups.push(() => fake.stop());
  const queue = new PrintQueue(databasePath, systemClock);
  cleanups.push(() => queue.close());
  const printer = new EscPosPrinter({
    deviceId: 'receipt-printer',
    transport: new TcpTransport({
      host: '127.0.0.1',
      port,
      connectTimeoutMs: 500,
      chunkSize: 1024,
    }),
    queue,
    encoder,
    clock: systemClock,
    logger: silentLogger,
    retryDelayMs: 40,
    statusTimeoutMs: 500,
  });
  printer.start();
  cleanups.push(() => printer.stop());
  const jobs: PrintJobEvent[] = [];
  printer.on('job', (event) => jobs.push(event));
  return { fake, queue, printer, jobs };
}

describe('ESC/POS printer over TCP 9100 (virtual printer)', () => {
  it('prints a Korean receipt that reads back as the same text', async () => {
    const { fake, printer, jobs } = await rig();
    const doc = receipt('A-1');
    const result = await printer.print(doc);
    expect(result).toMatchObject({ state: 'printed', copy: false });
    expect(fake.device.printedTexts()).toEqual([expectedText(doc)]);
    expect(jobs.map((j) => j.state)).toEqual(['queued', 'printing', 'printed']);
    expect(await printer.status()).toBe('ready');
  });

  it('keeps a receipt while the paper is out and prints it once when paper is loaded', async () => {
    const { fake, printer, queue } = await rig();
    const statuses: PrinterStatus[] = [];
    printer.on('status', (s) => statuses.push(s));
    fake.setPaperOut(true);
    expect(await printer.status()).toBe('paper-out');
    const result = await printer.print(receipt('B-1'));
    expect(result).toMatchObject({ state: 'queued', reason: 'out of paper' });
    await settle(150);
    expect(fake.device.printed).toHaveLength(0);
    fake.setPaperOut(false);
    await waitUntil(() => fake.device.printed.length === 1, 'the receipt to print');
    await settle(150);
    expect(fake.device.printed).toHaveLength(1);
    expect(queue.list('pending')).toHaveLength(0);
    expect(statuses).toEqual(['paper-out', 'ready']);
  });

  it('waits while the cover is open, and prints near the paper end', async () => {
    const { fake, printer } = await rig();
    fake.setCoverOpen(true);
    expect(await printer.status()).toBe('cover-open');
    expect(await printer.print(receipt('C-1'))).toMatchObject({
      state: 'queued',
      reason: 'cover open',
    });
    fake.setCoverOpen(false);
    fake.setPaperNearEnd(true);
    await waitUntil(() => fake.device.printed.length === 1, 'the receipt to print');
    expect(await printer.status()).toBe('paper-near-end');
    expect(await printer.print(receipt('C-2'))).toMatchObject({ state: 'printed' });
  });

  it('reprints the receipt whole, marked 재출력, when the cable is pulled mid-receipt; no receipt lost or doubled', async () => {
    const { fake, printer, queue } = await rig();
    const [a, b, c] = [receipt('D-1'), receipt('D-2'), receipt('D-3')];
    fake.pullCableAfter(5600); // past the logo, inside the item lines
    const first = await printer.print(a);
    expect(first.state).toBe('queued');
    expect(first.reason).toMatch(/unreachable/);
    expect(fake.device.torn).toHaveLength(1);
    const torn = fake.device.torn[0]!.text;
    expect(torn.length).toBeGreaterThan(3);
    expect(torn.length).toBeLessThan(expectedText(a).length);
    // The printer is off: the next sales queue up behind the torn receipt.
    expect((await printer.print(b)).state).toBe('queued');
    expect((await printer.print(c)).state).toBe('queued');
    expect(queue.list('pending')).toHaveLength(3);

    await fake.powerOn();
    await waitUntil(() => fake.device.printed.length === 3, 'three receipts');
    await settle(200);
    // The resent receipt says it is one (issue 16, Deliver 5): its torn half is on the paper too.
    const [resent, ...rest] = fake.device.printedTexts();
    expect(resent![0]!.trim()).toBe('재출력 / COPY');
    expect(resent!.slice(1)).toEqual(expectedText(a));
    expect(rest).toEqual([expectedText(b), expectedText(c)]);
    expect(fake.device.torn).toHaveLength(1);
    expect(queue.list('pending')).toHaveLength(0);
  });

  it('prints jobs left in the queue by a previous run once the printer is back', async () => {
    const path = join(tempDir(), 'pos.db');
    const first = await rig(path);
    await first.fake.powerOff();
    expect((await first.printer.print(receipt('E-1'))).state).toBe('queued');
    await first.printer.stop();

    const second = await rig(path);
    await waitUntil(() => second.fake.device.printed.length === 1, 'the leftover receipt');
    expect(second.fake.device.printed[0]!.text).toEqual(expectedText(receipt('E-1')));
  });

  it('reprints a job marked 재출력 / COPY', async () => {
    const { fake, printer } = await rig();
    const doc = receipt('F-1');
    const original = await printer.print(doc);
    const copy = await printer.reprint(original.jobId);
    expect(copy).toMatchObject({ state: 'printed', copy: true });
    const [printed, reprinted] = fake.device.printedTexts();
    expect(reprinted![0]!.trim()).toBe('재출력 / COPY');
    expect(reprinted!.slice(1)).toEqual(printed);
  });

  it('kicks the drawer through the printer, and says so when it cannot', async () => {
    const { fake, printer } = await rig();
    const drawer = new EscPosCashDrawer('drawer', printer, 2);
    await drawer.kick();
    await waitUntil(() => fake.device.drawerKicks.length === 1, 'the drawer kick');
    expect(fake.device.drawerKicks).toEqual([2]);
    await fake.powerOff();
    await expect(drawer.kick()).rejects.toBeInstanceOf(DrawerUnavailableError);
    expect(await printer.status()).toBe('offline');
  });
});
