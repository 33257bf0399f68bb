import { execFileSync } from 'node:child_process';
import { mkdtemp, realpath, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../src/devices/device-status.js';
import type { ScanErrorEvent, ScanEvent } from '../../../src/devices/scanner.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { SerialScanner } from '../../../native/scanners/index.js';
import type { SerialScannerConfig } from '../../../native/scanners/index.js';
import {
  closeQuietly,
  nextEvent,
  openHost,
  startPtyPair,
  usePtyPair,
  writeAll,
} from '../../helpers/pty-pair.js';

const WECHAT_CODE = '134728953980228598';
const fastRetry = { initialDelayMs: 20, maxDelayMs: 100, presenceCheckMs: 50 };

describe('SerialScanner over a socat pseudo-terminal pair (real serialport bindings)', () => {
  let host: SerialPort | undefined;
  let scanner: SerialScanner | undefined;
  const clock = new ManualClock();
  const pair = usePtyPair('scanner', async () => {
    await scanner?.stop();
    await closeQuietly(host);
    scanner = host = undefined;
  });

  async function connect(config: Partial<SerialScannerConfig> = {}): Promise<SerialScanner> {
    scanner = new SerialScanner(
      { deviceId: 'counter-scanner', path: pair().device, reconnect: fastRetry, ...config },
      clock,
      silentLogger,
    );
    await scanner.start();
    expect(scanner.status().state).toBe('connected');
    host = await openHost(pair().host);
    return scanner;
  }

  const scanOf = (s: SerialScanner) => nextEvent<ScanEvent>((l) => s.on('scan', l));

  it('emits one scan per CR-terminated code, with source, device id and clock time', async () => {
    const s = await connect();
    const scanned = scanOf(s);
    await writeAll(host!, `${WECHAT_CODE}\r`);
    expect(await scanned).toEqual({
      source: 'serial',
      deviceId: 'counter-scanner',
      code: WECHAT_CODE,
      at: clock.now(),
    });
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const)(
    'frames %s suffixes even when a code arrives in pieces',
    async (terminator, suffix) => {
      const s = await connect({ terminator });
      const texts: string[] = [];
      s.on('scan', (e) => texts.push(e.code));
      const second = nextEvent<ScanEvent>(
        (l) => s.on('scan', l),
        (e) => e.code === 'hQVDUFYwMWEaTwegAAAAA',
      );
      await writeAll(host!, WECHAT_CODE.slice(0, 7));
      await new Promise((r) => setTimeout(r, 30));
      await writeAll(host!, `${WECHAT_CODE.slice(7)}${suffix}hQVDUFYwMWEaTwegAAAAA${suffix}`);
      await second;
      expect(texts).toEqual([WECHAT_CODE, 'hQVDUFYwMWEaTwegAAAAA']);
    },
  );

  it.each([
    ['CR', 'CRLF', '\r'],
    ['LF', 'CR', '\n'],
    ['CRLF', 'LF', '\r\n'],
    ['none', 'CR', ''],
  ] as const)(
    'reads a %s scanner set up as %s from the first scan, and says the setting is wrong',
    async (sent, configured, suffix) => {
      const s = await connect({ terminator: configured });
      const warned = nextEvent<DeviceStatus>(
        (l) => s.on('state', l),
        (st) => /the setting says/.test(st.reason ?? ''),
      );
      const scanned = scanOf(s);
      await writeAll(host!, `${WECHAT_CODE}${suffix}`);
      expect((await scanned).code).toBe(WECHAT_CODE);
      const status = await warned;
      expect(status.state).toBe('connected');
      expect(status.reason).toBe(
        `the scanner ends codes with ${sent === 'none' ? 'no suffix' : sent}, the setting says ${configured}: reading ${sent === 'none' ? 'by the idle timeout' : sent}; change the setting`,
      );
    },
  );

  it('frames codes of a scanner that sends no suffix by the inter-byte timeout', async () => {
    const s = await connect({ terminator: 'none', idleTimeoutMs: 40 });
    const texts: string[] = [];
    s.on('scan', (e) => texts.push(e.code));
    const second = nextEvent<ScanEvent>(
      (l) => s.on('scan', l),
      (e) => e.code === '8801234567893',
    );
    await writeAll(host!, WECHAT_CODE);
    await new Promise((r) => setTimeout(r, 120));
    await writeAll(host!, '8801234567893');
    await second;
    expect(texts).toEqual([WECHAT_CODE, '8801234567893']);
  });

  it('reads the AIM prefix as the symbology when the scanner is set to send it', async () => {
    const s = await connect({ aimPrefix: true });
    const scanned = scanOf(s);
    await writeAll(host!, `]Q0${WECHAT_CODE}\r`);
    expect(await scanned).toMatchObject({
      code: WECHAT_CODE,
      symbology: ']Q0',
      symbologyName: 'QR Code',
    });
  });

  it('reports garbled (non-UTF-8) bytes as a scan-error and keeps reading', async () => {
    const s = await connect();
    const failed = nextEvent<ScanErrorEvent>((l) => s.on('scan-error', l));
    await writeAll(host!, Buffer.from([0x31, 0xff, 0xfe, 0x80, 0x0d]));
    const error = await failed;
    expect(error.reason).toMatch(/not valid UTF-8.*baud rate/);
    expect(error.bytesHex).toBe('31 ff fe 80');
    const scanned = scanOf(s);
    await writeAll(host!, `${WECHAT_CODE}\r`);
    expect((await scanned).code).toBe(WECHAT_CODE);
    expect(s.status().state).toBe('connected');
  });

  it('reports control characters (typical of a parity mismatch) as a scan-error', async () => {
    const s = await connect();
    const failed = nextEvent<ScanErrorEvent>((l) => s.on('scan-error', l));
    await writeAll(host!, Buffer.from([0x31, 0x00, 0x32, 0x0d]));
    expect((await failed).reason).toMatch(/control characters/);
  });

  it('reports a stream with no suffix as an overflow instead of buffering forever', async () => {
    const s = await connect({ maxFrameBytes: 64 });
    const failed = nextEvent<ScanErrorEvent>((l) => s.on('scan-error', l));
    await writeAll(host!, 'x'.repeat(100));
    expect((await failed).reason).toMatch(/no line end within 64 bytes/);
  });

  it('reconnects after an unplug and replug on the same path, without a restart', async () => {
    const s = await connect();
    const states: DeviceStatus[] = [];
    s.on('state', (st) => states.push(st));

    const gone = nextEvent<DeviceStatus>(
      (l) => s.on('state', l),
      (st) => st.state === 'disconnected',
    );
    await writeAll(host!, '1347'); // half a code, then the cable is pulled
    await new Promise((r) => setTimeout(r, 30));
    await pair().unplug();
    expect((await gone).reason).toBe('device unplugged');
    await new Promise((r) => setTimeout(r, 150)); // a few failed retries while unplugged

    const back = nextEvent<DeviceStatus>(
      (l) => s.on('state', l),
      (st) => st.state === 'connected',
    );
    const replugAt = performance.now();
    await pair().replug();
    await back;
    const reconnectMs = performance.now() - replugAt;

    host = await openHost(pair().host);
    const scanned = scanOf(s);
    await writeAll(host, `${WECHAT_CODE}\r`);
    expect((await scanned).code).toBe(WECHAT_CODE); // not glued to the half code from before
    expect(reconnectMs).toBeLessThan(1000);
    expect(
      states.some((st) => st.state === 'disconnected' && /not found/.test(st.reason ?? '')),
    ).toBe(true);
    expect(states.at(-1)?.state).toBe('connected');
  });

  it('notices when its path starts leading to another device, though the old port never closed', async () => {
    // A udev alias (/dev/serial/by-id/...) re-pointed at a new node: serialport reports nothing.
    const alias = join(pair().dir, 'alias');
    await symlink(await realpath(pair().device), alias);
    const otherDir = await mkdtemp(join(tmpdir(), 'pos-scanner-b-'));
    const other = await startPtyPair(otherDir, 'scanner');
    try {
      scanner = new SerialScanner(
        { deviceId: 'aliased', path: alias, reconnect: fastRetry },
        clock,
        silentLogger,
      );
      await scanner.start();
      const moved = nextEvent<DeviceStatus>(
        (l) => scanner!.on('state', l),
        (st) => st.state === 'disconnected',
      );
      const back = nextEvent<DeviceStatus>(
        (l) => scanner!.on('state', l),
        (st) => st.state === 'connected',
      );
      await symlink(await realpath(other.device), `${alias}.new`);
      await rename(`${alias}.new`, alias);
      expect((await moved).reason).toBe('the path now leads to another device');
      await back;
      const otherHost = await openHost(other.host);
      const scanned = scanOf(scanner);
      await writeAll(otherHost, `${WECHAT_CODE}\r`);
      expect((await scanned).code).toBe(WECHAT_CODE);
      await closeQuietly(otherHost);
    } finally {
      await scanner?.stop();
      await other.stop();
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('starts while the scanner is absent and connects when it appears', async () => {
    await pair().unplug();
    scanner = new SerialScanner(
      { deviceId: 'late', path: pair().device, reconnect: fastRetry },
      clock,
      silentLogger,
    );
    await scanner.start();
    expect(scanner.status()).toMatchObject({
      state: 'disconnected',
      kind: 'scanner',
      driver: 'serial-scanner',
    });
    expect(scanner.status().reason).toMatch(/cannot open .*scanner: not found/);
    expect(scanner.status().nextRetryAt).toBeGreaterThanOrEqual(clock.now());
    const back = nextEvent<DeviceStatus>(
      (l) => scanner!.on('state', l),
      (st) => st.state === 'connected',
    );
    await pair().replug();
    await back;
  });

  it('opens with the configured line settings, as the terminal reports them', async () => {
    // Linux's pty driver forces cs8 and no parity on pseudo-terminals, so only the
    // baud rate and stop bits can be read back here; data bits and parity go through
    // the same serialport open options.
    await connect({ baudRate: 19200, stopBits: 2 });
    const stty = execFileSync('stty', ['-F', pair().device, '-a'], { encoding: 'utf8' });
    expect(stty).toMatch(/speed 19200 baud/);
    expect(stty).toMatch(/(^|\s)cstopb(\s|$)/);
  });
});
