import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { layoutReceipt, receiptPlainText } from '../../../src/receipts/receipt-layout.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { PrintQueue } from '../../../native/printer/print-queue.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { sampleReceipt } from '../../../native/printer/sample-receipt.js';
import { SerialTransport } from '../../../native/printer/transports/serial-transport.js';
import { VirtualPrinterDevice } from '../../../native/printer/virtual-printer-device.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { startPtyPair } from '../../helpers/pty-pair.js';
import { waitUntil } from '../../helpers/wait.js';

const tempDir = useTempDir('pos-serial-printer-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The printer's end of the pair: a virtual printer answering on a real serial port. */
async function serialPrinter(path: string): Promise<VirtualPrinterDevice> {
  const device = new VirtualPrinterDevice({ columns: 42, startsInDoubleByte: true });
  const port = new SerialPort({ path, baudRate: 19200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const session = {};
  device.connect(session);
  port.on('data', (chunk: Buffer) => {
    const reply = device.receive(session, chunk);
    if (reply.length > 0) port.write(Buffer.from(reply));
  });
  cleanups.push(
    () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  );
  return device;
}

describe('ESC/POS printer on a serial port (socat pseudo-terminals, real serialport bindings)', () => {
  it('prints a Korean receipt and reads real-time status over the same line', async () => {
    const pair = await startPtyPair(tempDir(), 'printer');
    cleanups.push(() => pair.stop());
    const device = await serialPrinter(pair.host);
    const queue = new PrintQueue(join(tempDir(), 'pos.db'), systemClock);
    cleanups.push(() => queue.close());
    const profile = printerProfile('korean-80');
    const printer = new EscPosPrinter({
      deviceId: 'serial-printer',
      transport: new SerialTransport({ path: pair.device, baudRate: 19200 }),
      queue,
      encoder: new EscPosReceiptEncoder(profile, new PngDirectoryImageSource()),
      clock: systemClock,
      logger: silentLogger,
      retryDelayMs: 40,
      statusTimeoutMs: 1000,
    });
    printer.start();
    cleanups.push(() => printer.stop());

    const doc = sampleReceipt(4);
    expect(await printer.print(doc)).toMatchObject({ state: 'printed' });
    await waitUntil(() => device.printed.length === 1, 'the receipt over serial');
    expect(device.printedTexts()[0]).toEqual(receiptPlainText(layoutReceipt(doc, 42), 42));

    device.status.paperEnd = true;
    expect(await printer.status()).toBe('paper-out');
    expect(await printer.print(doc)).toMatchObject({ state: 'queued', reason: 'out of paper' });
    device.status.paperEnd = false;
    await waitUntil(() => device.printed.length === 2, 'the queued receipt after paper is loaded');
    expect(printer.connectionState().state).toBe('connected');
  });
});
