import { HIDAsync } from 'node-hid';
import { z } from 'zod';
import { ScannerBase } from '../../src/devices/scanner.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { HidPosAssembler, HidReportError, decodeHidPosReport } from './hid-pos-report.js';
import type { AssembledScan } from './hid-pos-report.js';
import { ReconnectLoop } from './reconnect-loop.js';
import { reconnectPolicySchema } from './reconnect-policy.js';

/**
 * What the HID scanner needs from an open HID device. node-hid's HIDAsync
 * satisfies it; tests feed recorded and synthetic reports through a fake,
 * since no USB scanner is attached to the build machines.
 */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void | Promise<void>;
}

/** Opens the device; rejects when it is absent or not accessible. */
export type OpenHidDevice = () => Promise<HidDeviceLike>;

/** Configuration of a USB HID POS scanner (usage page 0x8C). */
export const hidScannerConfigSchema = z.object({
  deviceId: z.string().min(1),
  /** The hidraw path node-hid reported (e.g. /dev/hidraw3). */
  path: z.string().min(1),
  reportId: z.enum(['auto', 'present', 'absent']).default('auto'),
  /** A continuation report that does not arrive within this many ms abandons the code. */
  continuationTimeoutMs: z.number().int().positive().default(500),
  reconnect: reconnectPolicySchema.prefault({}),
});

export type HidScannerConfig = z.infer<typeof hidScannerConfigSchema>;

/** Opens a hidraw path with node-hid. */
export function nodeHidOpener(path: string): OpenHidDevice {
  return async () => (await HIDAsync.open(path)) as unknown as HidDeviceLike;
}

function openErrorReason(err: Error): string {
  // hidapi says "could not open device" for both absent and no-permission; the
  // udev rule in docs/hardware-scanners.md fixes the second.
  return `cannot open: ${err.message} (unplugged, or no udev rule for hidraw access)`;
}

/**
 * A scanner in USB HID POS mode: codes arrive as scanned-data reports, so the
 * OS keyboard never sees them and a focused text field cannot swallow them.
 * On a read error (unplug) the device is closed and reopened with backoff.
 */
export class HidScanner extends ScannerBase {
  private readonly config: HidScannerConfig;
  private readonly assembler: HidPosAssembler;
  private readonly reconnect: ReconnectLoop;
  private device: HidDeviceLike | null = null;
  private continuationTimer: NodeJS.Timeout | null = null;

  constructor(
    config: z.input<typeof hidScannerConfigSchema>,
    private readonly open: OpenHidDevice,
    clock: Clock,
    logger: Logger,
  ) {
    const parsed = hidScannerConfigSchema.parse(config);
    super(parsed.deviceId, 'hid', 'hid-pos-scanner', clock, logger);
    this.config = parsed;
    this.assembler = new HidPosAssembler();
    this.reconnect = new ReconnectLoop(parsed.reconnect, clock, () => this.connect());
  }

  async start(): Promise<void> {
    await this.reconnect.start();
  }

  async stop(): Promise<void> {
    this.reconnect.stop();
    if (this.continuationTimer) clearTimeout(this.continuationTimer);
    this.continuationTimer = null;
    const device = this.device;
    this.device = null;
    if (device) await device.close();
    this.setState('stopped');
  }

  private async connect(): Promise<void> {
    this.setState('connecting');
    let device: HidDeviceLike;
    try {
      device = await this.open();
    } catch (err) {
      this.scheduleRetry(openErrorReason(err as Error));
      return;
    }
    if (!this.reconnect.running) {
      await device.close();
      return;
    }
    this.device = device;
    this.reconnect.connected();
    device.on('data', (report) => this.onReport(report));
    device.on('error', (err) => void this.onDeviceError(device, err));
    this.setState('connected');
  }

  private onReport(report: Buffer): void {
    let scan: AssembledScan | null;
    try {
      scan = this.assembler.push(decodeHidPosReport(report, this.config.reportId));
    } catch (err) {
      if (!(err instanceof HidReportError)) throw err;
      this.publishError(err.message, report);
      return;
    }
    if (scan) this.publishBytes(scan.bytes, scan.aimId);
    this.armContinuationTimer();
  }

  private armContinuationTimer(): void {
    if (this.continuationTimer) clearTimeout(this.continuationTimer);
    this.continuationTimer = null;
    if (!this.assembler.waiting) return;
    this.continuationTimer = setTimeout(() => {
      this.continuationTimer = null;
      this.publishAbandoned(this.assembler.abandon());
    }, this.config.continuationTimeoutMs);
  }

  private publishAbandoned(bytes: Buffer): void {
    this.publishError('incomplete code: the continuation report never came', bytes);
  }

  private async onDeviceError(device: HidDeviceLike, err: Error): Promise<void> {
    if (this.device !== device) return;
    this.device = null;
    this.logger.warn({ err, deviceId: this.deviceId }, 'HID read failed');
    // Half a code from before the unplug must not be glued to the first code after it.
    if (this.continuationTimer) clearTimeout(this.continuationTimer);
    this.continuationTimer = null;
    this.assembler.abandon();
    try {
      await device.close();
    } catch {
      // Closing an unplugged device may fail too; it is gone either way.
    }
    if (this.reconnect.running) this.scheduleRetry(`read failed: ${err.message} (unplugged?)`);
  }

  private scheduleRetry(reason: string): void {
    this.setState('disconnected', { reason, nextRetryAt: this.reconnect.retryLater() });
  }
}
