import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../src/devices/device-status.js';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { layoutReceipt, receiptPlainText } from '../../../src/receipts/receipt-layout.js';
import { buildSaleReceipt } from '../../../src/receipts/sale-receipt.js';
import { EscPosCashDrawer } from '../../../native/printer/escpos-drawer.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { PrintQueue } from '../../../native/printer/print-queue.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { sampleSaleData } from '../../../native/printer/sample-receipt.js';
import { TcpTransport } from '../../../native/printer/transports/tcp-transport.js';
import type { PrinterTransport } from '../../../native/printer/transports/transport.js';
import { WriteOnlyLink } from '../../../native/printer/transports/write-only-link.js';
import { VirtualTcpPrinter } from '../../../native/printer/virtual-tcp-printer.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { settle, waitUntil } from '../../helpers/wait.js';

/**
 * Issue 16, defect 5 / Deliver 6: a printer that never answers DLE EOT (a
 * network print server, a TX-only serial cable) never printed: every attempt
 * timed out on the status check and was retried for ever. A write-only link
 * ("status": "none") prints it; the device row suggests it.
 */

const tempDir = useTempDir('pos-write-only-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const receipt = buildSaleReceipt({ ...sampleSaleData(6), receiptNumber: 'W-1' });

async function rig(link: (tcp: TcpTransport) => PrinterTransport) {
  const fake = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
  fake.setAnswersStatus(false);
  const port = await fake.start();
  cleanups.push(() => fake.stop());
  const queue = new PrintQueue(join(tempDir(), 'pos.db'), systemClock);
  cleanups.push(() => queue.close());
  const printer = new EscPosPrinter({
    deviceId: 'receipt-printer',
    transport: link(new TcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 500 })),
    queue,
    encoder: new EscPosReceiptEncoder(printerProfile('korean-80'), new PngDirectoryImageSource()),
    clock: systemClock,
    logger: silentLogger,
    retryDelayMs: 50,
    statusTimeoutMs: 200,
    printWaitMs: 2000,
  });
  printer.start();
  cleanups.push(() => printer.stop());
  return { fake, queue, printer, drawer: new EscPosCashDrawer('cash-drawer', printer) };
}

describe('a printer that never answers DLE EOT', () => {
  it('on a two-way link: never prints, and the device row suggests "status": "none"', async () => {
    const { fake, printer, queue } = await rig((tcp) => tcp);
    const rows: DeviceStatus[] = [];
    printer.on('state', (row) => rows.push(row));
    const result = await printer.print(receipt);
    expect(result).toMatchObject({ state: 'queued' });
    expect(result.reason).toMatch(/no answer within 200 ms/);
    await settle(400);
    expect(fake.device.printed).toHaveLength(0);
    expect(queue.list('pending')).toHaveLength(1);
    const down = rows.filter((row) => row.state === 'disconnected');
    expect(down.length).toBeGreaterThan(0);
    for (const row of down) expect(row.reason).toMatch(/no answer .*; .*set "status": "none" on devices.printer/);
  });

  it('on a write-only link: the job counts as printed once written, and prints', async () => {
    const { fake, printer, queue, drawer } = await rig((tcp) => new WriteOnlyLink(tcp));
    expect(await printer.print(receipt)).toMatchObject({ state: 'printed' });
    await waitUntil(() => fake.device.printed.length === 1, 'the receipt on paper');
    expect(fake.device.printedTexts()).toEqual([receiptPlainText(layoutReceipt(receipt, 42), 42)]);
    expect(queue.list('pending')).toHaveLength(0);
    expect(await printer.status()).toBe('ready');
    expect(printer.connectionState().driver).toMatch(/\(no status\)/);
    await drawer.kick();
    await waitUntil(() => fake.device.drawerKicks.length === 1, 'the drawer kick');
    expect(await drawer.isOpen()).toBeUndefined();
  });

  it('the stated risk: out of paper behind a write-only link, the job still counts as printed', async () => {
    const { fake, printer, queue } = await rig((tcp) => new WriteOnlyLink(tcp));
    fake.setPaperOut(true);
    expect(await printer.print(receipt)).toMatchObject({ state: 'printed' });
    expect(queue.list('pending')).toHaveLength(0);
  });
});
