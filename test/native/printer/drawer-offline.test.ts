import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DrawerUnavailableError } from '../../../src/devices/drawer.js';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { EscPosCashDrawer } from '../../../native/printer/escpos-drawer.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { PrintQueue } from '../../../native/printer/print-queue.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { TcpTransport } from '../../../native/printer/transports/tcp-transport.js';
import { VirtualTcpPrinter } from '../../../native/printer/virtual-tcp-printer.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('pos-drawer-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(profileId: string) {
  const profile = printerProfile(profileId);
  const fake = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
  const port = await fake.start();
  cleanups.push(() => fake.stop());
  const queue = new PrintQueue(join(tempDir(), 'pos.db'), systemClock);
  cleanups.push(() => queue.close());
  const printer = new EscPosPrinter({
    deviceId: 'receipt-printer',
    transport: new TcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 500 }),
    queue,
    encoder: new EscPosReceiptEncoder(profile, new PngDirectoryImageSource()),
    clock: systemClock,
    logger: silentLogger,
    retryDelayMs: 40,
    statusTimeoutMs: 500,
    realTimePulse: profile.realTimePulse,
  });
  printer.start();
  cleanups.push(() => printer.stop());
  return { fake, printer, drawer: new EscPosCashDrawer('cash-drawer', printer) };
}

describe('a cash drawer on an offline printer', () => {
  it('opens with the real-time pulse (DLE DC4 1) while the paper is out, not a buffered ESC p', async () => {
    const { fake, drawer } = await rig('korean-80');
    fake.setPaperOut(true);
    await drawer.kick();
    expect(fake.device.drawerKicks).toEqual([2]);
    expect(fake.device.heldKicks).toEqual([]);
  });

  it('refuses with the printer’s reason where the profile has no real-time pulse', async () => {
    const { fake, drawer } = await rig('korean-58-no-qr');
    fake.setCoverOpen(true);
    await expect(drawer.kick()).rejects.toThrow(DrawerUnavailableError);
    await expect(drawer.kick()).rejects.toThrow(/cover open/);
    expect(fake.device.drawerKicks).toEqual([]);
    expect(fake.device.heldKicks).toEqual([]);
  });

  it('reads the drawer-open sensor (DLE EOT 1, connector pin 3)', async () => {
    const { fake, drawer } = await rig('korean-80');
    expect(await drawer.isOpen()).toBe(false);
    fake.device.status.drawerOpen = true;
    expect(await drawer.isOpen()).toBe(true);
  });
});
