import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/api/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { VirtualTcpPrinter } from '../../native/printer/index.js';
import { startBridgeServer } from '../../main/browser/bridge-server.js';
import { compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { RENDERER_DIST_DIR } from '../../main/paths.js';
import { startLiveGateway } from '../helpers/live-gateway.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { launchChromium, watchPage } from './support/browser.js';

const TERMINAL = 'LIVE-DRAWER-01';
const tempDir = useTempDir('pos-e2e-drawer-');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Issue 16, Deliver 4: the drawer-open sensor (DLE EOT 1, connector pin 3) is read through
// the printer and shown on the drawer's row in Settings → Devices, and follows the drawer.
describe('the drawer-open sensor on the devices screen, live mode, in Chromium', () => {
  it('shows the drawer closed, then open when the sensor says so, then closed again', async () => {
    const dataDir = tempDir();
    const printer = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
    const printerPort = await printer.start();
    cleanups.push(() => printer.stop());
    const gateway = await startLiveGateway(dataDir, tempDir(), TERMINAL);
    cleanups.push(() => gateway.close());
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        terminalId: TERMINAL,
        gateway: { url: gateway.url },
        devices: { printer: { transport: 'tcp', host: '127.0.0.1', port: printerPort, profile: 'korean-80' }, drawer: { pin: 2 } },
      }),
    );
    const services = await compose(await loadPosConfig(dataDir), { logger: silentLogger, clock: systemClock, appVersion: '0.0.0-e2e', validateContract: true });
    cleanups.push(() => services.close());
    expect(services.mode).toBe('live');
    const dispatcher = createDispatcher({ handlers: contractHandlers(services), validateResults: true, logger: silentLogger });
    const bridge = await startBridgeServer({ dispatcher, events: services.events, rendererDir: RENDERER_DIST_DIR, logger: silentLogger });
    cleanups.push(() => bridge.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());

    const page = await browser.context.newPage();
    const { problems } = watchPage(page);
    await page.goto(bridge.url);
    await page.getByTestId('status-bar').waitFor();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-devices').click();
    const sensor = page.locator('[data-testid="device-row"]', { hasText: 'cash-drawer' }).getByTestId('drawer-sensor');
    // The sensor is read every few seconds; the row repaints when it changes.
    await expect.poll(() => sensor.textContent(), { timeout: 20_000 }).toContain('돈통 닫힘');
    printer.device.status.drawerOpen = true;
    await expect.poll(() => sensor.textContent(), { timeout: 20_000 }).toContain('돈통 열림');
    expect(await sensor.getAttribute('class')).toContain('open');
    printer.device.status.drawerOpen = false;
    await expect.poll(() => sensor.textContent(), { timeout: 20_000 }).toContain('돈통 닫힘');
    expect(problems).toEqual([]);
  }, 90_000);
});
