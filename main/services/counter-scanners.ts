import type { EventHub } from '../../src/api/index.js';
import type { DeviceStatusBoard } from '../../src/devices/device-status.js';
import { ScannerHub } from '../../src/devices/scanner.js';
import { VirtualScanner } from '../../native/scanners/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import type { StatusSource } from './status-source.js';

/** The contract's scan event carries at most this much (a wallet code is far shorter). */
const MAX_EVENT_TEXT = 4096;

export type SoftwareScanSource = 'scan-box' | 'keyboard-wedge';

/**
 * The counter's scanners as one hub: the keyboard-wedge detector of the
 * cashier window (always), the training scan box, and whatever hardware
 * scanners are added. Every scan becomes the contract's `scan` event, every
 * state change the status bar's scanner list.
 */
export class CounterScanners {
  readonly hub: ScannerHub;
  private readonly software = new Map<SoftwareScanSource, VirtualScanner>();

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
      if (scan.text.length > MAX_EVENT_TEXT) return logger.warn({ deviceId: scan.deviceId, length: scan.text.length }, 'scan too long for a payment code');
      events.emit('scan', { deviceId: scan.deviceId, text: scan.text, ...(scan.symbology ? { symbology: scan.symbology } : {}), receivedAt: scan.at });
    });
    const publish = (): void =>
      status.update({
        scanners: this.hub.list().map((s) => ({ deviceId: s.deviceId, driver: s.driver, state: s.state, ...(s.reason ? { reason: s.reason } : {}) })),
      });
    this.hub.on('state', publish);
    publish();
  }

  /** A code from the scan box or the wedge detector; false when that scanner is not there. */
  submit(source: SoftwareScanSource, text: string): boolean {
    return this.software.get(source)?.submit(text) ?? false;
  }

  start(): Promise<void> {
    return this.hub.startAll();
  }

  stop(): Promise<void> {
    return this.hub.stopAll();
  }
}
