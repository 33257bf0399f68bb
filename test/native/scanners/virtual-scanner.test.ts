import { describe, expect, it } from 'vitest';
import type { ScanErrorEvent, ScanEvent } from '../../../src/devices/scanner.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { VirtualScanner } from '../../../native/scanners/index.js';

describe('VirtualScanner (training-mode scan box)', () => {
  it('accepts a typed or pasted code, trimming the paste', async () => {
    const clock = new ManualClock();
    const scanner = new VirtualScanner('scan-box', clock, silentLogger);
    const scans: ScanEvent[] = [];
    scanner.on('scan', (e) => scans.push(e));
    await scanner.start();
    expect(scanner.submit('  134728953980228598\r\n')).toBe(true);
    expect(scans).toEqual([
      { source: 'virtual', deviceId: 'scan-box', code: '134728953980228598', at: clock.now() },
    ]);
    expect(scanner.status()).toMatchObject({ state: 'connected', driver: 'virtual-scanner' });
  });

  it('refuses empty and control-character input with a scan-error', async () => {
    const scanner = new VirtualScanner('scan-box', new ManualClock(), silentLogger);
    const errors: ScanErrorEvent[] = [];
    scanner.on('scan-error', (e) => errors.push(e));
    await scanner.start();
    expect(scanner.submit('   ')).toBe(false);
    expect(scanner.submit('12\u000734')).toBe(false);
    expect(errors.map((e) => e.reason)).toEqual([
      'empty scan',
      expect.stringMatching(/control characters/),
    ]);
  });

  it('keeps GS separators of GS1 codes', async () => {
    const scanner = new VirtualScanner('scan-box', new ManualClock(), silentLogger);
    await scanner.start();
    expect(scanner.submit('0108801234567893\u001d10ABC')).toBe(true);
  });

  it('carries codes from the renderer wedge detector as keyboard-wedge scans', async () => {
    const scanner = new VirtualScanner('wedge', new ManualClock(), silentLogger, 'keyboard-wedge');
    const scans: ScanEvent[] = [];
    scanner.on('scan', (e) => scans.push(e));
    await scanner.start();
    scanner.submit('8801234567893');
    expect(scans[0]).toMatchObject({ source: 'keyboard-wedge', deviceId: 'wedge' });
    expect(scanner.status().driver).toBe('keyboard-wedge');
  });

  it('ignores input while stopped', async () => {
    const scanner = new VirtualScanner('scan-box', new ManualClock(), silentLogger);
    expect(scanner.submit('123456')).toBe(false);
  });
});
