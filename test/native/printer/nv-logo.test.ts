import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { buildSaleReceipt } from '../../../src/receipts/sale-receipt.js';
import { type Bitmap, createBitmap, setDot } from '../../../native/printer/bitmap.js';
import type { DecodedElement } from '../../../native/printer/decoder/decoded-receipt.js';
import { EscPosReceiptEncoder, nvLogoId } from '../../../native/printer/escpos-encoder.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { MapImageSource, PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { NvLogoStore } from '../../../native/printer/nv-logo-store.js';
import { PrintQueue } from '../../../native/printer/print-queue.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { sampleSaleData } from '../../../native/printer/sample-receipt.js';
import { TcpTransport } from '../../../native/printer/transports/tcp-transport.js';
import { VirtualTcpPrinter } from '../../../native/printer/virtual-tcp-printer.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { waitUntil } from '../../helpers/wait.js';

/**
 * Issue 16, Deliver 9: the logo is stored once in the printer's NV memory
 * (`GS ( L` function 67, or `FS q` where the profile has only that), printed
 * by key after that, and stored again only when it changes.
 */

const tempDir = useTempDir('pos-nv-logo-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const receipt = (n: number) => buildSaleReceipt({ ...sampleSaleData(6), receiptNumber: `NV-${n}` });

async function rig(profileId: string, encoder: EscPosReceiptEncoder, dir: string, fake?: VirtualTcpPrinter) {
  const printer = fake ?? new VirtualTcpPrinter({ columns: printerProfile(profileId).columns.fontA, startsInDoubleByte: true });
  const port = fake ? undefined : await printer.start();
  if (!fake) cleanups.push(() => printer.stop());
  const queue = new PrintQueue(join(dir, 'pos.db'), systemClock);
  const nvLogos = new NvLogoStore(join(dir, 'pos.db'), systemClock);
  const escpos = new EscPosPrinter({
    deviceId: 'receipt-printer',
    transport: new TcpTransport({ host: '127.0.0.1', port: port ?? portOf.get(printer)!, connectTimeoutMs: 500 }),
    queue,
    encoder,
    clock: systemClock,
    logger: silentLogger,
    retryDelayMs: 50,
    statusTimeoutMs: 1000,
    nvLogos,
  });
  if (port !== undefined) portOf.set(printer, port);
  escpos.start();
  const stop = async () => {
    await escpos.stop();
    queue.close();
    nvLogos.close();
  };
  cleanups.push(stop);
  return { fake: printer, printer: escpos, stop };
}
const portOf = new Map<VirtualTcpPrinter, number>();

const images = (elements: DecodedElement[]) =>
  elements.filter((e): e is Extract<DecodedElement, { kind: 'image' }> => e.kind === 'image');

/** A 320 x 80 logo different from the shipped one. */
function otherLogo(): Bitmap {
  const bitmap = createBitmap(320, 80);
  for (let y = 0; y < 80; y++) for (let x = 0; x < 320; x += 3) setDot(bitmap, x + (y % 3), y);
  return bitmap;
}

describe('the logo in NV memory', () => {
  it('stores it once (GS ( L fn 67), prints it by key (fn 69), the same dots as the raster', async () => {
    const profile = printerProfile('korean-80');
    const encoder = new EscPosReceiptEncoder(profile, new PngDirectoryImageSource());
    const dir = tempDir();
    const { fake, printer } = await rig('korean-80', encoder, dir);
    for (let n = 1; n <= 3; n++) expect(await printer.print(receipt(n))).toMatchObject({ state: 'printed' });
    expect(fake.device.nv.writes).toBe(1);
    const raster = images(decode(encoder.encode(receipt(1))));
    for (const printed of fake.device.printed) {
      const [logo] = images(printed.elements);
      expect(logo?.source).toBe('GS ( L NV graphic');
      expect(Buffer.from(logo!.bitmap.data).equals(Buffer.from(raster[0]!.bitmap.data))).toBe(true);
    }
    // By key, the job is kilobytes shorter than with the raster logo.
    const stored = new Set([nvLogoId('counter-logo', 'center')]);
    expect(encoder.encode(receipt(1)).length - encoder.encode(receipt(1), stored).length).toBeGreaterThan(5000);
  });

  it('does not store it again after a restart, and stores it again when the logo changes', async () => {
    const dir = tempDir();
    const shipped = new EscPosReceiptEncoder(printerProfile('korean-80'), new PngDirectoryImageSource());
    const first = await rig('korean-80', shipped, dir);
    await first.printer.print(receipt(1));
    await first.stop();
    const again = await rig('korean-80', shipped, dir, first.fake);
    await again.printer.print(receipt(2));
    expect(first.fake.device.nv.writes).toBe(1);
    await again.stop();

    const changed = new EscPosReceiptEncoder(printerProfile('korean-80'), new MapImageSource(new Map([['counter-logo', otherLogo()]])));
    const third = await rig('korean-80', changed, dir, first.fake);
    await third.printer.print(receipt(3));
    await third.printer.print(receipt(4));
    expect(first.fake.device.nv.writes).toBe(2);
    await waitUntil(() => first.fake.device.printed.length === 4, 'four receipts');
    const [newLogo] = images(first.fake.device.printed[3]!.elements);
    const [expected] = images(decode(changed.encode(receipt(4))));
    expect(Buffer.from(newLogo!.bitmap.data).equals(Buffer.from(expected!.bitmap.data))).toBe(true);
  });

  it('uses FS q / FS p where the profile has only NV bit images', async () => {
    // The korean-58 profile's kind of memory on the 80 mm one, whose cutter ends each receipt.
    const profile = { ...printerProfile('korean-80'), nvGraphics: 'fs-q' as const };
    expect(printerProfile('korean-58').nvGraphics).toBe('fs-q');
    const encoder = new EscPosReceiptEncoder(profile, new PngDirectoryImageSource());
    const { fake, printer } = await rig('korean-80', encoder, tempDir());
    await printer.print(receipt(1));
    await printer.print(receipt(2));
    expect(fake.device.nv.writes).toBe(1);
    const [logo] = images(fake.device.printed[1]!.elements);
    expect(logo?.source).toBe('FS p (NV bit image)');
    const [raster] = images(decode(encoder.encode(receipt(2))));
    expect(Buffer.from(logo!.bitmap.data).equals(Buffer.from(raster!.bitmap.data))).toBe(true);
  });

  it('sends the raster every time where the profile has no NV memory', () => {
    const encoder = new EscPosReceiptEncoder(printerProfile('korean-58-no-qr'), new PngDirectoryImageSource());
    expect(encoder.nvLogos(receipt(1))).toEqual([]);
  });
});

function decode(bytes: Uint8Array): DecodedElement[] {
  const device = new VirtualTcpPrinter({ startsInDoubleByte: true }).device;
  const session = {};
  device.connect(session);
  device.receive(session, bytes);
  return device.printed[0]!.elements;
}
