import type { EventHub } from '../../src/api/index.js';
import type { DeviceStatusBoard } from '../../src/devices/device-status.js';
import { ScannerHub } from '../../src/devices/scanner.js';
import { VirtualScanner } from '../../native/scanners/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import type { StatusSource } from './status-source.js';

/** The contract's scan event carries at most this much (a wallet code is far shorter). */
const MAX_EVENT_CODE = 4096;

export type SoftwareScanSource = 'scan-box' | 'keyboard-wedge';

/** Where a scanned code goes: the till's checkout session. */
export interface ScanSink {
  scan(code: string): Promise<void>;
}

/**
 * The counter's scanners as one hub: the keyboard-wedge detector of the
 * cashier window (always), the training scan box, and whatever hardware
 * scanners are added. Every scan goes straight to the checkout session (a
 * hardware scan never travels through the renderer; a wedge scan is the one
 * `devices.submitScan` call), except while the settings screen's test scan
 * is armed: that one scan becomes the contract's `scan` event instead. Every
 * state change becomes the status bar's scanner list.
 */
export class CounterScanners {
  readonly hub: ScannerHub;
  private readonly software = new Map<SoftwareScanSource, VirtualScanner>();
  private sink: ScanSink | undefined;
  private testArmed = false;

  constructor(deps: { board: DeviceStatusBoard; events: EventHub; status: StatusSource; clock: Clock; logger: Logger; training: boolean }) {
    const { board, events, status, clock, logger } = deps;
    this.hub = new ScannerHub(board, logger);
    const sources: SoftwareScanSource[] = deps.training ? ['scan-box', 'keyboard-wedge'] : ['keyboard-wedge'];
    for (const source of sources) {
      const scanner = new VirtualScanner(source, clock, logger, source === 'scan-box' ? 'virtual' : 'keyboard-wedge');
      this.software.set(source, scanner);
      this.hub.add(scanner);
    }
    this.hub.on('scan', (scan) => {
      if (scan.code.length > MAX_EVENT_CODE) return logger.warn({ deviceId: scan.deviceId, length: scan.code.length }, 'scan too long for a payment code');
      if (this.testArmed) {
        this.testArmed = false;
        events.emit('scan', { deviceId: scan.deviceId, code: scan.code, ...(scan.symbology ? { symbology: scan.symbology } : {}), receivedAt: scan.at });
        return;
      }
      if (!this.sink) return logger.warn({ deviceId: scan.deviceId }, 'a scan arrived before the checkout session was ready');
      this.sink.scan(scan.code).catch((err: unknown) => logger.error({ err, deviceId: scan.deviceId }, 'a scanned code failed in the checkout session'));
    });
    const publish = (): void =>
      status.update({
        scanners: this.hub.list().map((s) => ({ deviceId: s.deviceId, driver: s.driver, state: s.state, ...(s.reason ? { reason: s.reason } : {}) })),
      });
    this.hub.on('state', publish);
    publish();
  }

  /** Sends every later scan to `sink` (the checkout session, built once the engine has recovered). */
  routeTo(sink: ScanSink): void {
    this.sink = sink;
  }

  /** The settings screen's test scan: the next scan is shown to it (as the `scan` event) instead of paying. */
  armTest(armed: boolean): void {
    this.testArmed = armed;
  }

  /** A code from the scan box or the wedge detector; false when that scanner is not there. */
  submit(source: SoftwareScanSource, code: string): boolean {
    return this.software.get(source)?.submit(code) ?? false;
  }

  start(): Promise<void> {
    return this.hub.startAll();
  }

  stop(): Promise<void> {
    return this.hub.stopAll();
  }
}
