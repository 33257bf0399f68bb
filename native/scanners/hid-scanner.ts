import { HIDAsync } from 'node-hid';
import { z } from 'zod';
import { ScannerBase } from '../../src/devices/scanner.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { HID_POS_LAYOUTS, layoutForVendor } from './hid-pos-layout.js';
import type { HidPosLayout } from './hid-pos-layout.js';
import { HidPosAssembler, HidReportError, decodeHidPosReport } from './hid-pos-report.js';
import { layoutFromDescriptor, readHidrawDescriptor } from './hid-report-descriptor.js';
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

/** Reads the device's HID report descriptor; undefined where the platform does not give it. */
export type ReadHidDescriptor = (path: string) => Promise<Uint8Array | undefined>;

/** Configuration of a USB HID POS scanner (usage page 0x8C). */
export const hidScannerConfigSchema = z.object({
  deviceId: z.string().min(1),
  /** The hidraw path node-hid reported (e.g. /dev/hidraw3). */
  path: z.string().min(1),
  reportId: z.enum(['auto', 'present', 'absent']).default('auto'),
  /**
   * Where the report's fields sit: `auto` reads the device's report descriptor, else falls
   * back to the layout known for `vendorId` (hid-pos-layout.ts).
   */
  layout: z.enum(['auto', 'honeywell', 'newland']).default('auto'),
  /** The USB vendor id, for the fallback layout when no descriptor can be read. */
  vendorId: z.number().int().min(0).max(0xffff).optional(),
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
  private layout: HidPosLayout;
  // After a code was abandoned: reports until this timer fires are its late tail, not a new code.
  private lateTimer: NodeJS.Timeout | null = null;

  constructor(
    config: z.input<typeof hidScannerConfigSchema>,
    private readonly open: OpenHidDevice,
    clock: Clock,
    logger: Logger,
    private readonly readDescriptor: ReadHidDescriptor = readHidrawDescriptor,
  ) {
    const parsed = hidScannerConfigSchema.parse(config);
    super(parsed.deviceId, 'hid', 'hid-pos-scanner', clock, logger);
    this.config = parsed;
    this.assembler = new HidPosAssembler();
    this.layout = layoutForVendor(parsed.vendorId);
    this.reconnect = new ReconnectLoop(parsed.reconnect, clock, () => this.connect());
  }

  async start(): Promise<void> {
    await this.reconnect.start();
  }

  async stop(): Promise<void> {
    this.reconnect.stop();
    this.clearTimers();
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
    this.layout = await this.resolveLayout();
    this.device = device;
    this.reconnect.connected();
    device.on('data', (report) => this.onReport(report));
    device.on('error', (err) => void this.onDeviceError(device, err));
    this.setState('connected');
  }

  /** The configured layout, else the descriptor's, else the vendor's fallback. */
  private async resolveLayout(): Promise<HidPosLayout> {
    if (this.config.layout !== 'auto') return HID_POS_LAYOUTS[this.config.layout];
    const descriptor = await this.readDescriptor(this.config.path).catch(() => undefined);
    const fromDescriptor = descriptor ? layoutFromDescriptor(descriptor) : undefined;
    if (!fromDescriptor && descriptor)
      this.logger.warn({ deviceId: this.deviceId }, 'report descriptor has no HID POS scanned-data report');
    return fromDescriptor ?? layoutForVendor(this.config.vendorId);
  }

  private onReport(report: Buffer): void {
    let decoded;
    try {
      decoded = decodeHidPosReport(report, this.config.reportId, this.layout);
    } catch (err) {
      if (!(err instanceof HidReportError)) throw err;
      this.publishError(err.message, report);
      return;
    }
    if (this.lateTimer) {
      // The tail of a code already reported as incomplete: publishing it would pay with a
      // fragment (issue 16). Drop it up to its last report.
      this.publishError('late continuation report dropped (its code was already discarded)', report);
      if (!decoded.more) this.clearLateWindow();
      return;
    }
    let scan: AssembledScan | null;
    try {
      scan = this.assembler.push(decoded);
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
    const timeout = this.config.continuationTimeoutMs;
    this.continuationTimer = setTimeout(() => {
      this.continuationTimer = null;
      this.publishError(
        `incomplete code discarded: the continuation report did not come within ${timeout} ms`,
        this.assembler.abandon(),
      );
      // A continuation that is merely late comes soon after; a new code needs a new trigger pull.
      this.lateTimer = setTimeout(() => this.clearLateWindow(), 2 * timeout);
    }, timeout);
  }

  private clearLateWindow(): void {
    if (this.lateTimer) clearTimeout(this.lateTimer);
    this.lateTimer = null;
  }

  private clearTimers(): void {
    if (this.continuationTimer) clearTimeout(this.continuationTimer);
    this.continuationTimer = null;
    this.clearLateWindow();
  }

  private async onDeviceError(device: HidDeviceLike, err: Error): Promise<void> {
    if (this.device !== device) return;
    this.device = null;
    this.logger.warn({ err, deviceId: this.deviceId }, 'HID read failed');
    // Half a code from before the unplug must not be glued to the first code after it.
    this.clearTimers();
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
