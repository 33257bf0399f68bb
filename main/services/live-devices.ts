import { type EscPosPrinter, LivePrinter } from '../../native/printer/index.js';
import { PoleDisplay } from '../../native/displays/index.js';
import { type HidDeviceEntry, systemProbes, usbId } from '../../native/discovery/index.js';
import { HID_POS_USAGE_PAGE, HidScanner, type OpenHidDevice, SerialScanner, nodeHidOpener } from '../../native/scanners/index.js';
import type { CustomerDisplayView } from '../../src/devices/customer-display.js';
import { type DeviceKind, type DeviceStatus, type DeviceStatusBoard, deviceStatus } from '../../src/devices/device-status.js';
import type { CashDrawer } from '../../src/devices/drawer.js';
import type { Scanner } from '../../src/devices/scanner.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { type DevicesConfig, type HidScannerSetting, LIVE_DEVICE_IDS, type ScannerSetting } from './device-config.js';

/** How often the drawer-open sensor is read: soon enough that a drawer left open shows. */
const DRAWER_SENSOR_MS = 5000;

export interface LiveDevicesDeps {
  /** config.json's `devices`; undefined means none configured. */
  config: DevicesConfig | undefined;
  dataDir: string;
  /** The printer profile chosen on the settings screen (devices.json), used when the config names none. */
  preferredProfile: string;
  board: DeviceStatusBoard;
  clock: Clock;
  logger: Logger;
  /** Lists HID interfaces, to find a scanner named by USB ids (default: node-hid through native/discovery). */
  listHidDevices?: () => Promise<HidDeviceEntry[]>;
}

/**
 * Opens a HID POS scanner by hidraw path, or by USB ids: the interface on
 * usage page 0x8C is looked up at every open, because its hidraw number
 * changes whenever the scanner is replugged.
 */
function hidOpener(setting: HidScannerSetting, list: () => Promise<HidDeviceEntry[]>): OpenHidDevice {
  const { path, vendorId, productId } = setting;
  if (path !== undefined) return nodeHidOpener(path);
  const name = `${usbId(vendorId ?? 0)}:${usbId(productId ?? 0)}`;
  return async () => {
    const interfaces = (await list()).filter((d) => d.vendorId === vendorId && d.productId === productId);
    const pos = interfaces.find((d) => d.usagePage === HID_POS_USAGE_PAGE && d.path !== undefined);
    if (pos?.path === undefined) {
      throw new Error(
        interfaces.length > 0
          ? `USB device ${name} has no HID POS interface (usage page 0x8C); scan the scanner's "USB HID POS" programming code`
          : `no USB device ${name} is attached`,
      );
    }
    return nodeHidOpener(pos.path)();
  };
}

/**
 * Live mode's counter hardware, built from config.json's `devices`: the
 * ESC/POS printer and its drawer, serial and HID scanners (handed to the
 * scanner hub, which starts and stops them), and a serial pole display
 * (a mirror of the customer display feed). A device that cannot be built or
 * opened never stops the till: it shows in the device list with the reason,
 * and the drivers keep retrying the ones that are merely absent.
 */
export class LiveDevices {
  readonly printer: EscPosPrinter | undefined;
  readonly drawer: CashDrawer | undefined;
  readonly scanners: readonly Scanner[];
  readonly poleDisplay: PoleDisplay | undefined;
  /** Why the configured printer could not be set up, for the status bar. */
  readonly printerProblem: string | undefined;
  private readonly livePrinter: LivePrinter | undefined;
  private sensorTimer: NodeJS.Timeout | undefined;
  private readSensor: (() => Promise<void>) | undefined;

  constructor(private readonly deps: LiveDevicesDeps) {
    const config = deps.config;
    let problem: string | undefined;
    if (config?.printer) {
      const setting = config.printer;
      try {
        this.livePrinter = LivePrinter.create({
          setting,
          preferredProfile: deps.preferredProfile,
          drawerPin: config.drawer?.pin,
          deviceIds: { printer: LIVE_DEVICE_IDS.printer, drawer: LIVE_DEVICE_IDS.drawer },
          dataDir: deps.dataDir,
          clock: deps.clock,
          logger: deps.logger,
        });
      } catch (err) {
        problem = this.failed(LIVE_DEVICE_IDS.printer, 'printer', `escpos ${setting.transport}`, err);
      }
    }
    this.printerProblem = problem;
    this.printer = this.livePrinter?.printer;
    this.drawer = this.livePrinter?.drawer;
    if (this.printer && this.drawer && config?.drawer) this.mirrorDrawerRow(this.printer, this.drawer, config.drawer.pin);
    this.scanners = (config?.scanners ?? []).flatMap((setting) => this.scanner(setting));
    this.poleDisplay = config?.poleDisplay ? this.pole(config.poleDisplay) : undefined;
  }

  /**
   * Starts the printer (without waiting for it) and the pole display, which
   * then shows `initialView`. Scanners are started by the scanner hub.
   */
  async start(initialView: CustomerDisplayView): Promise<void> {
    this.livePrinter?.start();
    const readSensor = this.readSensor;
    if (readSensor) {
      void readSensor();
      this.sensorTimer = setInterval(() => void readSensor(), DRAWER_SENSOR_MS);
      this.sensorTimer.unref();
    }
    const pole = this.poleDisplay;
    if (!pole) return;
    try {
      await pole.start();
      await pole.show(initialView);
    } catch (err) {
      this.failed(pole.deviceId, 'customer-display', 'dmd-pole-display', err);
    }
  }

  /** Stops the printer (after its current job), closes its queue and the pole display. */
  async close(): Promise<void> {
    clearInterval(this.sensorTimer);
    await Promise.all([this.livePrinter?.stop(), this.poleDisplay?.stop()]);
  }

  private scanner(setting: ScannerSetting): Scanner[] {
    const { clock, logger } = this.deps;
    try {
      if (setting.kind === 'serial') {
        const { id, path, baud, suffix, idleTimeoutMs, aimPrefix } = setting;
        return [new SerialScanner({ deviceId: id, path, baudRate: baud, terminator: suffix, idleTimeoutMs, aimPrefix }, clock, logger)];
      }
      const open = hidOpener(setting, this.deps.listHidDevices ?? systemProbes().listHidDevices);
      const path = setting.path ?? `usb:${usbId(setting.vendorId ?? 0)}:${usbId(setting.productId ?? 0)}`;
      const vendor = setting.vendorId === undefined ? {} : { vendorId: setting.vendorId };
      return [new HidScanner({ deviceId: setting.id, path, ...vendor }, open, clock, logger)];
    } catch (err) {
      this.failed(setting.id, 'scanner', `${setting.kind}-scanner`, err);
      return [];
    }
  }

  private pole(setting: NonNullable<DevicesConfig['poleDisplay']>): PoleDisplay | undefined {
    const { board, clock, logger } = this.deps;
    try {
      const pole = new PoleDisplay(
        { deviceId: LIVE_DEVICE_IDS.poleDisplay, path: setting.path, baudRate: setting.baud, columns: setting.columns },
        clock,
        logger,
      );
      board.update(pole.status());
      pole.on('state', (s) => board.update(s));
      return pole;
    } catch (err) {
      this.failed(LIVE_DEVICE_IDS.poleDisplay, 'customer-display', 'dmd-pole-display', err);
      return undefined;
    }
  }

  /**
   * The drawer has no link of its own: its row follows the printer's connection, and carries
   * the drawer-open sensor, read through the printer every few seconds (issue 16, Deliver 4).
   */
  private mirrorDrawerRow(printer: EscPosPrinter, drawer: CashDrawer, pin: 2 | 5): void {
    const { board, clock } = this.deps;
    const base = { deviceId: LIVE_DEVICE_IDS.drawer, kind: 'drawer' as const, driver: `escpos drawer kick, pin ${pin}` };
    let sensor: boolean | undefined;
    let last = printer.connectionState();
    const mirror = ({ state, reason }: DeviceStatus): void => {
      const extra = { ...(reason === undefined ? {} : { reason: `printer: ${reason}` }), ...(sensor === undefined ? {} : { drawerOpen: sensor }) };
      board.update(deviceStatus(clock, base, state, extra));
    };
    mirror(last);
    printer.on('state', (row) => {
      last = row;
      if (row.state !== 'connected') sensor = undefined;
      mirror(row);
    });
    this.readSensor = async () => {
      const open = await drawer.isOpen?.();
      if (open === sensor) return;
      sensor = open;
      mirror(last);
    };
  }

  /** Puts a device that could not be set up in the device list, in `error` with the reason; returns the reason. */
  private failed(deviceId: string, kind: DeviceKind, driver: string, err: unknown): string {
    const reason = err instanceof Error ? err.message : String(err);
    this.deps.logger.warn({ deviceId, reason }, 'device could not be set up');
    this.deps.board.update(deviceStatus(this.deps.clock, { deviceId, kind, driver }, 'error', { reason }));
    return reason;
  }
}
