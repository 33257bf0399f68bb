import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../src/devices/device-status.js';
import type { ScanErrorEvent, ScanEvent } from '../../../src/devices/scanner.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { HidScanner } from '../../../native/scanners/index.js';
import type { OpenHidDevice } from '../../../native/scanners/index.js';
import { FakeHidDevice, encodeHidPosReports, readHexReports } from './support/hid-reports.js';
import { nextEvent } from '../../helpers/pty-pair.js';

const fixture = fileURLToPath(new URL('./fixtures/access-is-bcbp-reports.hex', import.meta.url));
const newlandFixture = fileURLToPath(
  new URL('./fixtures/newland-fm430-reports.hex', import.meta.url),
);
const NEWLAND_CODE = 'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAVVVWUAh한글상품';
// A base64 code of the length an EMV consumer-presented QR payload has (168 characters: three reports).
const EMV_CPM =
  'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAVVVWUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW6fEAcGAQoDAAAAnyYIMEkN6wF6ksafNgIAAYIC3ACfNwQm9y3j';

describe('HidScanner (node-hid device behind HidDeviceLike)', () => {
  const clock = new ManualClock();
  let scanner: HidScanner | undefined;

  afterEach(async () => {
    await scanner?.stop();
    scanner = undefined;
  });

  /** An opener that hands out the given devices in turn, failing with `failure` when none is left. */
  function opener(devices: FakeHidDevice[], failure = 'could not open device'): OpenHidDevice {
    return async () => {
      const next = devices.shift();
      if (!next) throw new Error(failure);
      return next;
    };
  }

  async function started(
    device = new FakeHidDevice(),
    config: object = {},
    descriptor?: Buffer,
  ): Promise<[HidScanner, FakeHidDevice]> {
    scanner = new HidScanner(
      { deviceId: 'hid-1', path: '/dev/hidraw3', ...config },
      opener([device]),
      clock,
      silentLogger,
      async () => descriptor,
    );
    await scanner.start();
    return [scanner, device];
  }

  it('emits the recorded two-report boarding pass as one scan with its symbology', async () => {
    const [s, device] = await started();
    expect(s.status()).toMatchObject({
      state: 'connected',
      kind: 'scanner',
      driver: 'hid-pos-scanner',
    });
    const scanned = nextEvent<ScanEvent>((l) => s.on('scan', l));
    device.send(...readHexReports(fixture));
    expect(await scanned).toEqual({
      source: 'hid',
      deviceId: 'hid-1',
      code: 'M1GATHERGOOD/MICHAEL  YABCDEF LHRDURAK 3542 052Y003D23  1000',
      symbology: ']Q0',
      symbologyName: 'QR Code',
      at: clock.now(),
    });
  });

  it('joins a long EMV consumer QR code sent over several reports without report ids', async () => {
    const [s, device] = await started(new FakeHidDevice(), { reportId: 'absent' });
    const scanned = nextEvent<ScanEvent>((l) => s.on('scan', l));
    const reports = encodeHidPosReports(Buffer.from(EMV_CPM), ']Q1', false);
    expect(reports.length).toBeGreaterThan(2);
    device.send(...reports);
    expect((await scanned).code).toBe(EMV_CPM);
  });

  it('reports garbled data and malformed reports as scan-errors and keeps reading', async () => {
    const [s, device] = await started();
    const errors: ScanErrorEvent[] = [];
    s.on('scan-error', (e) => errors.push(e));
    device.send(...encodeHidPosReports(Buffer.from([0xc3, 0x28])), Buffer.alloc(12));
    const scanned = nextEvent<ScanEvent>((l) => s.on('scan', l));
    device.send(...encodeHidPosReports(Buffer.from('8801234567893'), ']E0'));
    expect(await scanned).toMatchObject({ code: '8801234567893', symbologyName: 'EAN/UPC' });
    expect(errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/not valid UTF-8/),
      expect.stringMatching(/report of 12 bytes/),
    ]);
    expect(errors[0]!.bytesHex).toBe('c3 28');
  });

  it('abandons a code whose continuation report never comes', async () => {
    const [s, device] = await started(new FakeHidDevice(), { continuationTimeoutMs: 20 });
    const failed = nextEvent<ScanErrorEvent>((l) => s.on('scan-error', l));
    device.send(readHexReports(fixture)[0]!);
    expect((await failed).reason).toMatch(/continuation report did not come within 20 ms/);
    await new Promise((r) => setTimeout(r, 60)); // past the window for a late continuation
    const scanned = nextEvent<ScanEvent>((l) => s.on('scan', l));
    device.send(...encodeHidPosReports(Buffer.from('after')));
    expect((await scanned).code).toBe('after');
  });

  it('reads a Newland scanner (data at bytes 2-57, continuation at 63) named by its vendor id', async () => {
    const [s, device] = await started(new FakeHidDevice(), { vendorId: 0x1eab });
    const errors: ScanErrorEvent[] = [];
    s.on('scan-error', (e) => errors.push(e));
    const scanned = nextEvent<ScanEvent>((l) => s.on('scan', l));
    device.send(...readHexReports(newlandFixture));
    expect((await scanned).code).toBe(NEWLAND_CODE);
    expect(errors).toEqual([]);
  });

  it('takes the layout from the report descriptor when the system gives it', async () => {
    const descriptor = readHexReports(
      fileURLToPath(new URL('./fixtures/newland-report-descriptor.hex', import.meta.url)),
    )[0]!;
    const [s, device] = await started(new FakeHidDevice(), {}, descriptor);
    const scanned = nextEvent<ScanEvent>((l) => s.on('scan', l));
    device.send(...readHexReports(newlandFixture));
    expect((await scanned).code).toBe(NEWLAND_CODE);
  });

  it('discards a code whose continuation comes too late, rather than publish its tail as a scan', async () => {
    const [s, device] = await started(new FakeHidDevice(), { continuationTimeoutMs: 30 });
    const scans: ScanEvent[] = [];
    s.on('scan', (e) => scans.push(e));
    const errors: ScanErrorEvent[] = [];
    s.on('scan-error', (e) => errors.push(e));
    const [first, last] = readHexReports(fixture);
    device.send(first!);
    await new Promise((r) => setTimeout(r, 45)); // past the timeout, inside the late window
    device.send(last!);
    await new Promise((r) => setTimeout(r, 20));
    expect(scans).toEqual([]);
    expect(errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/continuation report did not come within 30 ms/),
      expect.stringMatching(/late continuation report dropped/),
    ]);
    await new Promise((r) => setTimeout(r, 80)); // a new scan later is a new code
    const scanned = nextEvent<ScanEvent>((l) => s.on('scan', l));
    device.send(...encodeHidPosReports(Buffer.from('after')));
    expect((await scanned).code).toBe('after');
  });

  it('reopens the device after an unplug, with backoff, and reads from the new handle', async () => {
    const first = new FakeHidDevice();
    const second = new FakeHidDevice();
    const devices = [first];
    scanner = new HidScanner(
      { deviceId: 'hid-1', path: '/dev/hidraw3', reconnect: { initialDelayMs: 5, maxDelayMs: 20 } },
      opener(devices),
      clock,
      silentLogger,
    );
    const states: DeviceStatus[] = [];
    scanner.on('state', (st) => states.push(st));
    await scanner.start();

    const gone = nextEvent<DeviceStatus>(
      (l) => scanner!.on('state', l),
      (st) => st.state === 'disconnected',
    );
    first.send(readHexReports(fixture)[0]!); // half a code, then the cable is pulled
    first.emit('error', new Error('could not read from HID device'));
    expect((await gone).reason).toMatch(/read failed.*unplugged/);
    expect(first.closed).toBe(true);

    await new Promise((r) => setTimeout(r, 40)); // retries fail while unplugged
    expect(states.filter((st) => st.state === 'disconnected').length).toBeGreaterThan(1);
    const back = nextEvent<DeviceStatus>(
      (l) => scanner!.on('state', l),
      (st) => st.state === 'connected',
    );
    devices.push(second);
    await back;

    const scanned = nextEvent<ScanEvent>((l) => scanner!.on('scan', l));
    second.send(...encodeHidPosReports(Buffer.from('134728953980228598')));
    expect((await scanned).code).toBe('134728953980228598'); // not glued to the half code from before
  });

  it('shows an absent device as disconnected with the reason', async () => {
    scanner = new HidScanner(
      { deviceId: 'hid-2', path: '/dev/hidraw9' },
      opener([]),
      clock,
      silentLogger,
    );
    await scanner.start();
    expect(scanner.status()).toMatchObject({
      state: 'disconnected',
      reason: expect.stringMatching(/cannot open.*udev rule/),
    });
    await scanner.stop();
    expect(scanner.status().state).toBe('stopped');
  });
});
