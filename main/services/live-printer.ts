import { join } from 'node:path';
import {
  DeviceFileTransport,
  EscPosCashDrawer,
  EscPosPrinter,
  EscPosReceiptEncoder,
  NvLogoStore,
  PngDirectoryImageSource,
  PrintQueue,
  type PrinterTransport,
  SerialTransport,
  TcpTransport,
  WriteOnlyLink,
  printerProfile,
} from '../../native/printer/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { LIVE_DEVICE_IDS, type PrinterSetting } from './device-config.js';

/** How often the printer is asked for its status: often enough that "paper out" shows before the next sale. */
const STATUS_CHECK_MS = 30_000;

function linkFor(setting: PrinterSetting): PrinterTransport {
  switch (setting.transport) {
    case 'tcp':
      return new TcpTransport({ host: setting.host, port: setting.port });
    case 'serial':
      return new SerialTransport({ path: setting.path, baudRate: setting.baud, rtscts: setting.rtscts });
    case 'device':
      return new DeviceFileTransport(setting.path);
  }
}

/** The configured link; `"status": "none"` makes a two-way one write-only (issue 16, Deliver 6). */
function transportFor(setting: PrinterSetting): PrinterTransport {
  const link = linkFor(setting);
  return setting.transport !== 'device' && setting.status === 'none' ? new WriteOnlyLink(link) : link;
}

/**
 * Live mode's receipt printer: the ESC/POS stack training uses, over the
 * configured link, with its durable queue in the data directory (a file of
 * its own, so training receipts never print on the shop's paper) and the
 * drawer on its kick connector. The printer is asked for its status at start
 * and every 30 s after, so the device list says whether it is
 * on and has paper before a sale needs it, and notices when it comes back.
 */
export class LivePrinter {
  private statusTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly printer: EscPosPrinter,
    readonly drawer: EscPosCashDrawer | undefined,
    private readonly queue: PrintQueue,
    private readonly nvLogos: NvLogoStore,
  ) {}

  /** Builds the parts; opens nothing on the wire yet (that is `start`). Throws for an unknown profile or an unusable queue file. */
  static create(options: {
    setting: PrinterSetting;
    /** The profile chosen on the settings screen, used when the config names none. */
    preferredProfile: string;
    drawerPin: 2 | 5 | undefined;
    dataDir: string;
    clock: Clock;
    logger: Logger;
  }): LivePrinter {
    const { setting, clock, logger } = options;
    const profile = printerProfile(setting.profile ?? options.preferredProfile);
    const queueFile = join(options.dataDir, 'print-queue-live.db');
    const queue = new PrintQueue(queueFile, clock);
    // Which logo the shop's printer holds in NV memory, beside its queue: stored once, not per receipt.
    const nvLogos = new NvLogoStore(queueFile, clock);
    const printer = new EscPosPrinter({
      deviceId: LIVE_DEVICE_IDS.printer,
      transport: transportFor(setting),
      queue,
      nvLogos,
      encoder: new EscPosReceiptEncoder(profile, new PngDirectoryImageSource()),
      clock,
      logger,
      realTimePulse: profile.realTimePulse,
    });
    const drawer = options.drawerPin === undefined ? undefined : new EscPosCashDrawer(LIVE_DEVICE_IDS.drawer, printer, options.drawerPin);
    return new LivePrinter(printer, drawer, queue, nvLogos);
  }

  /** Starts the worker (jobs left from the last run print now) and the status checks; never waits for the printer. */
  start(): void {
    this.printer.start();
    const check = (): void => void this.printer.status();
    check();
    this.statusTimer = setInterval(check, STATUS_CHECK_MS);
    this.statusTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.statusTimer);
    await this.printer.stop();
    this.queue.close();
    this.nvLogos.close();
  }
}
