import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { type DeviceRow, createDispatcher } from '../../src/api/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { SandboxGateway } from '../../sandbox/index.js';
import { startLiveGateway } from '../helpers/live-gateway.js';
import { VirtualTcpPrinter } from '../../native/printer/index.js';
import { type ServiceSet, compose } from '../../main/compose.js';
import { ConfigError, loadPosConfig } from '../../main/config.js';
import { devicesConfigSchema } from '../../main/services/device-config.js';
import { LiveDevices } from '../../main/services/live-devices.js';
import { DeviceStatusBoard } from '../../src/devices/device-status.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { type PtyPair, closeQuietly, openHost, startPtyPair, writeAll } from '../helpers/pty-pair.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait.js';

const TERMINAL = 'LIVE-01';
// A WeChat Pay code (REFERENCE.md) whose last digits the sandbox approves.
const WALLET_CODE = '134728953980227777';
const cart = { lines: [{ name: '아메리카노', unitPrice: 4_500, quantity: 2, tax: 'taxable' as const }] };

const tempDir = useTempDir('pos-live-devices-');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The sandbox as the live gateway, closed after the test. */
async function liveGateway(dataDir: string): Promise<SandboxGateway> {
  const gateway = await startLiveGateway(dataDir, tempDir(), TERMINAL);
  cleanups.push(() => gateway.close());
  return gateway;
}

async function ptyPair(name: string): Promise<PtyPair> {
  const pair = await startPtyPair(tempDir(), name);
  cleanups.push(() => pair.stop());
  return pair;
}

async function host(path: string): Promise<SerialPort> {
  const port = await openHost(path);
  cleanups.push(() => closeQuietly(port));
  return port;
}

async function composeLive(dataDir: string, devices: unknown): Promise<ServiceSet> {
  const gateway = await liveGateway(dataDir);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ terminalId: TERMINAL, gateway: { url: gateway.url }, devices }));
  const services = await compose(await loadPosConfig(dataDir), {
    logger: silentLogger,
    clock: systemClock,
    appVersion: '0.0.0-test',
    validateContract: true,
  });
  cleanups.push(() => services.close());
  return services;
}

describe('live mode devices from config.json', () => {
  it('prints on the configured printer, opens its drawer, takes scans from a serial scanner, mirrors the pole display, and lists a missing device with its reason', async () => {
    const dataDir = tempDir();
    const printerDevice = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
    const printerPort = await printerDevice.start();
    cleanups.push(() => printerDevice.stop());
    const scanner = await ptyPair('scanner');
    const pole = await ptyPair('pole');
    const missingTty = join(tempDir(), 'ttyACM9');

    const services = await composeLive(dataDir, {
      printer: { transport: 'tcp', host: '127.0.0.1', port: printerPort, profile: 'korean-80' },
      drawer: { pin: 2 },
      scanners: [
        { kind: 'serial', id: 'counter-scanner', path: scanner.device, suffix: 'CR' },
        { kind: 'serial', id: 'unplugged-scanner', path: missingTty },
      ],
      poleDisplay: { path: pole.device, baud: 9600 },
    });
    expect(services.mode).toBe('live');
    const dispatcher = createDispatcher({ handlers: contractHandlers(services), validateResults: true, logger: silentLogger });
    const cashier = { role: 'cashier', transport: 'bridge' } as const;
    const deviceList = async (): Promise<DeviceRow[]> => {
      const answer = await dispatcher.call('devices.list', undefined, cashier);
      if (!answer.ok) throw new Error(answer.error.message);
      return (answer.result as { devices: DeviceRow[] }).devices;
    };
    const row = (rows: DeviceRow[], id: string) => rows.find((d) => d.deviceId === id);

    // Every configured device is in the list; the one whose path is absent says why, the rest work.
    await waitUntil(() => services.status.get().printer.state === 'ready', 'the printer to answer its first status request');
    const rows = await deviceList();
    expect(row(rows, 'receipt-printer')).toMatchObject({ kind: 'printer', driver: `escpos tcp://127.0.0.1:${printerPort}`, state: 'connected' });
    expect(row(rows, 'cash-drawer')).toMatchObject({ kind: 'drawer', state: 'connected' });
    // The drawer-open sensor (DLE EOT 1, pin 3) reaches the device list (issue 16, Deliver 4).
    const sensorShows = async (open: boolean): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (row(await deviceList(), 'cash-drawer')?.drawerOpen !== open) {
        if (Date.now() > deadline) throw new Error(`the drawer row never showed drawerOpen ${open}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await sensorShows(false);
    printerDevice.device.status.drawerOpen = true;
    await sensorShows(true);
    printerDevice.device.status.drawerOpen = false;
    expect(row(rows, 'counter-scanner')).toMatchObject({ kind: 'scanner', driver: 'serial-scanner', state: 'connected' });
    expect(row(rows, 'pole-display')).toMatchObject({ kind: 'customer-display', driver: 'dmd-pole-display', state: 'connected' });
    expect(row(rows, 'unplugged-scanner')).toMatchObject({ kind: 'scanner', state: 'disconnected' });
    expect(row(rows, 'unplugged-scanner')?.reason).toBe(`cannot open ${missingTty}: not found (unplugged?)`);
    expect(services.status.get().scanners.map((s) => [s.deviceId, s.state])).toEqual(
      expect.arrayContaining([
        ['counter-scanner', 'connected'],
        ['unplugged-scanner', 'disconnected'],
      ]),
    );

    // A code sent by the serial scanner goes straight to the checkout session and pays through the live gateway.
    const { engine, checkout } = services.till;
    // A live till sells only once its receipts name the seller (issue 13 point 8).
    await services.settings.update({ store: { name: '한강분식', businessNumber: '123-45-67891', representative: '김한강' } });
    checkout.addLine({ name: '아메리카노', unitPrice: 4_500, quantity: 2, tax: 'taxable' });
    // Live mode starts offline until the gateway answers; a wallet code is refused offline.
    await waitUntil(() => engine.sync.status().connectivity === 'online', 'the gateway online');
    await writeAll(await host(scanner.host), `${WALLET_CODE}\r`);
    await waitUntil(() => checkout.state().outcome !== null, 'the scanned payment');
    expect(checkout.state().outcome).toMatchObject({ kind: 'approved', method: 'cpm', amount: 9_000, complete: true });
    // Its receipt names the wallet the gateway reported, in Korean (src/receipts/wallet-labels.ts).
    await waitUntil(() => printerDevice.device.printed.some((r) => r.text.some((l) => l.includes('위챗페이'))), 'the receipt naming 위챗페이');

    // The test page arrives at the printer and decodes to the Korean sample receipt.
    const printed = await dispatcher.call('devices.testPrint', undefined, cashier);
    expect(printed).toEqual({ ok: true, result: { state: 'printed' } });
    await waitUntil(() => printerDevice.device.printed.some((r) => r.text.some((l) => l.includes('카운터 커피 성수점'))), 'the test page');

    // Cash: the drawer opens through the printer (ESC p, pin 2) and the sale's receipt prints.
    const poleHost = await host(pole.host);
    const poleBytes: Buffer[] = [];
    poleHost.on('data', (chunk: Buffer) => poleBytes.push(chunk));
    services.till.display.showBasket([{ name: '아메리카노', quantity: 2, amount: { currency: 'KRW', minor: 9_000 } }], { currency: 'KRW', minor: 9_000 });
    await waitUntil(() => Buffer.concat(poleBytes).toString('latin1').includes('TOTAL'), 'the pole display to show the total');
    expect(Buffer.concat(poleBytes).toString('latin1')).toContain('KRW 9,000');
    const cashSale = engine.openSale(cart);
    await engine.takeCash(cashSale.saleId, 10_000);
    await waitUntil(() => printerDevice.device.drawerKicks.length > 0, 'the drawer kick');
    expect(printerDevice.device.drawerKicks).toEqual([2]);
    await waitUntil(() => printerDevice.device.printed.some((r) => r.text.some((l) => l.includes('현금'))), 'the cash receipt');

    // Closing the till closes every device: rows end stopped, the serial ports and the printer link are released.
    await services.close();
    const closed = services.till.board.list();
    for (const id of ['receipt-printer', 'counter-scanner', 'unplugged-scanner', 'pole-display']) expect(row(closed, id)?.state).toBe('stopped');
  }, 20_000);

  it('starts with a printer it cannot reach and a HID scanner that is not attached, saying why', async () => {
    const dataDir = tempDir();
    const off = new VirtualTcpPrinter();
    const port = await off.start();
    await off.stop(); // a port nobody listens on: the printer is switched off
    const services = await composeLive(dataDir, {
      printer: { transport: 'tcp', host: '127.0.0.1', port },
      scanners: [{ kind: 'hid', vendorId: '0c2e', productId: '0b61' }],
    });
    await waitUntil(() => services.status.get().printer.state === 'offline', 'the printer to show offline');
    const rows = services.till.board.list();
    expect(rows.find((d) => d.deviceId === 'receipt-printer')).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/ECONNREFUSED/) });
    expect(rows.find((d) => d.deviceId === 'hid-scanner-1')).toMatchObject({
      driver: 'hid-pos-scanner',
      state: 'disconnected',
      reason: expect.stringContaining('no USB device 0c2e:0b61 is attached'),
    });
    // The sale still goes on: the receipt waits in the queue.
    const sale = services.till.engine.openSale(cart);
    const taken = await services.till.engine.takeCash(sale.saleId, 9_000);
    expect(taken.tender.state).toBe('approved');
  }, 20_000);

  it('tells a HID scanner left in keyboard mode from one that is not attached', async () => {
    const live = new LiveDevices({
      config: devicesConfigSchema.parse({ scanners: [{ kind: 'hid', id: 'honeywell', vendorId: 0x0c2e, productId: '0x0B61' }] }),
      dataDir: tempDir(),
      preferredProfile: 'korean-80',
      board: new DeviceStatusBoard(silentLogger),
      clock: systemClock,
      logger: silentLogger,
      // The scanner is there, but only as a keyboard (usage page 0x01): its codes would go to the OS.
      listHidDevices: async () => [{ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x01, usage: 0x06, path: '/dev/hidraw0' }],
    });
    const [scanner] = live.scanners;
    await scanner!.start();
    cleanups.push(() => scanner!.stop());
    expect(scanner!.status()).toMatchObject({ deviceId: 'honeywell', state: 'disconnected' });
    expect(scanner!.status().reason).toContain('USB device 0c2e:0b61 has no HID POS interface (usage page 0x8C)');
  });

  it('refuses a devices section it cannot use, naming the field', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ devices: { drawer: { pin: 3 }, scanners: [{ kind: 'hid' }], poleDisplay: { path: '/dev/ttyUSB0', baud: 9601 } } }),
    );
    const error = await loadPosConfig(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('drawer.pin: 2 or 5');
    expect(message).toContain('a hid scanner needs either path (/dev/hidraw3) or both vendorId and productId');
    expect(message).toContain('baud: one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200');
    expect(message).toMatch(/devices\.poleDisplay\.baud/);
  });
});
