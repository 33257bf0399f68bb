import { describe, expect, it } from 'vitest';
import { DeviceStatusBoard } from '../../src/devices/device-status.js';
import type { DeviceStatus } from '../../src/devices/device-status.js';
import {
  ScannerHub,
  decodeScanBytes,
  previewHex,
  scanTextSchema,
  symbologyName,
} from '../../src/devices/scanner.js';
import type { ScanEvent } from '../../src/devices/scanner.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { silentLogger } from '../../src/platform/logger.js';
import { VirtualScanner } from '../../native/scanners/index.js';

describe('ScannerHub', () => {
  it('merges the scans of every scanner and keeps the device list current', async () => {
    const clock = new ManualClock();
    const board = new DeviceStatusBoard(silentLogger);
    const hub = new ScannerHub(board, silentLogger);
    const box = new VirtualScanner('scan-box', clock, silentLogger);
    const wedge = new VirtualScanner('wedge', clock, silentLogger, 'keyboard-wedge');
    hub.add(box);
    hub.add(wedge);
    expect(board.list().map((s) => [s.deviceId, s.state])).toEqual([
      ['scan-box', 'stopped'],
      ['wedge', 'stopped'],
    ]);

    const scans: ScanEvent[] = [];
    hub.on('scan', (e) => scans.push(e));
    await hub.startAll();
    box.submit('111111');
    clock.advance(1000);
    wedge.submit('222222');
    expect(scans.map((e) => [e.deviceId, e.source, e.code])).toEqual([
      ['scan-box', 'virtual', '111111'],
      ['wedge', 'keyboard-wedge', '222222'],
    ]);
    expect(hub.list().every((s) => s.state === 'connected')).toBe(true);
    expect(hub.get('wedge')).toBe(wedge);

    await hub.remove('wedge');
    expect(board.list().map((s) => s.deviceId)).toEqual(['scan-box']);
    wedge.submit('333333');
    expect(scans).toHaveLength(2);
    await hub.stopAll();
    expect(board.list()[0]!.state).toBe('stopped');
  });

  it('refuses two scanners with the same id', () => {
    const hub = new ScannerHub(new DeviceStatusBoard(silentLogger), silentLogger);
    hub.add(new VirtualScanner('a', new ManualClock(), silentLogger));
    expect(() => hub.add(new VirtualScanner('a', new ManualClock(), silentLogger))).toThrow(
      /already in the hub/,
    );
  });

  it('keeps delivering when one listener throws, and logs the failure', async () => {
    const logged: object[] = [];
    const logger: Logger = { ...silentLogger, error: (obj) => void logged.push(obj) };
    const hub = new ScannerHub(new DeviceStatusBoard(logger), logger);
    const box = new VirtualScanner('box', new ManualClock(), logger);
    hub.add(box);
    await hub.startAll();
    const got: string[] = [];
    hub.on('scan', () => {
      throw new Error('screen bug');
    });
    hub.on('scan', (e) => got.push(e.code));
    expect(box.submit('123456')).toBe(true);
    expect(got).toEqual(['123456']);
    expect(logged).toHaveLength(1);
  });

  it('tells board listeners about changes', async () => {
    const board = new DeviceStatusBoard(silentLogger);
    const changes: DeviceStatus[] = [];
    board.on('change', (s) => changes.push(s));
    const hub = new ScannerHub(board, silentLogger);
    hub.add(new VirtualScanner('box', new ManualClock(), silentLogger));
    await hub.startAll();
    expect(changes.map((s) => s.state)).toEqual(['stopped', 'connected']);
  });
});

describe('scan text helpers', () => {
  it('names AIM symbologies', () => {
    expect(symbologyName(']Q1')).toBe('QR Code');
    expect(symbologyName(']E0')).toBe('EAN/UPC');
    expect(symbologyName(']C1')).toBe('Code 128');
    expect(symbologyName(']J0')).toBeUndefined();
    expect(symbologyName('Q0')).toBeUndefined();
  });

  it('decodes UTF-8 strictly', () => {
    expect(decodeScanBytes(Buffer.from('제로페이 123', 'utf8'))).toBe('제로페이 123');
    expect(() => decodeScanBytes(Buffer.from([0xed, 0xa0, 0x80]))).toThrow(/not valid UTF-8/);
  });

  it('limits length to what a QR code can hold', () => {
    expect(scanTextSchema.safeParse('1'.repeat(7089)).success).toBe(true);
    expect(scanTextSchema.safeParse('1'.repeat(7090)).success).toBe(false);
  });

  it('previews long frames', () => {
    expect(previewHex(Buffer.alloc(40, 0xab), 2)).toBe('ab ab …(40 bytes)');
  });
});
