import { afterEach, describe, expect, it } from 'vitest';
import { devicesConfigSchema } from '../../main/services/device-config.js';
import { LivePrinter } from '../../native/printer/printer-factory.js';
import { sampleReceipt } from '../../native/printer/sample-receipt.js';
import { VirtualTcpPrinter } from '../../native/printer/virtual-tcp-printer.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait.js';

/** The `"status": "none"` printer setting reaches the printer as a write-only link (issue 16, Deliver 6). */

const tempDir = useTempDir('pos-live-printer-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the live printer setting "status"', () => {
  it('defaults to asking the printer, and takes "none" for a write-only link', () => {
    const asked = devicesConfigSchema.parse({ printer: { transport: 'tcp', host: '10.0.0.5' } });
    expect(asked.printer).toMatchObject({ status: 'dle-eot' });
    const serial = devicesConfigSchema.parse({ printer: { transport: 'serial', path: '/dev/ttyS0', status: 'none' } });
    expect(serial.printer).toMatchObject({ status: 'none' });
    const bad = devicesConfigSchema.safeParse({ printer: { transport: 'tcp', host: 'p', status: 'never' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/"none" \(a write-only link\)/);
  });

  it('prints through a print server that never answers DLE EOT when set to "none"', async () => {
    const fake = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
    fake.setAnswersStatus(false);
    const port = await fake.start();
    cleanups.push(() => fake.stop());
    const { printer: setting } = devicesConfigSchema.parse({
      printer: { transport: 'tcp', host: '127.0.0.1', port, status: 'none' },
    });
    const live = LivePrinter.create({
      setting: setting!,
      preferredProfile: 'korean-80',
      drawerPin: 2,
      deviceIds: { printer: 'receipt-printer', drawer: 'cash-drawer' },
      dataDir: tempDir(),
      clock: systemClock,
      logger: silentLogger,
    });
    live.start();
    cleanups.push(() => live.stop());
    expect(await live.printer.print(sampleReceipt())).toMatchObject({ state: 'printed' });
    await waitUntil(() => fake.device.printed.length === 1, 'the receipt on paper');
    expect(live.printer.connectionState().driver).toBe(`escpos tcp://127.0.0.1:${port} (no status)`);
  });
});
