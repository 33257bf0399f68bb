import { join } from 'node:path';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { type RenderWorkerEntry, renderReceiptPngInWorker, renderWorkerEntry } from './decoder/render-in-worker.js';
import { EscPosCashDrawer } from './escpos-drawer.js';
import { EscPosReceiptEncoder } from './escpos-encoder.js';
import { EscPosPrinter } from './escpos-printer.js';
import { PngDirectoryImageSource } from './image-source.js';
import { NvLogoStore } from './nv-logo-store.js';
import { PrintQueue } from './print-queue.js';
import { type PrinterProfile, printerProfile } from './profiles.js';
import { DeviceFileTransport } from './transports/device-file-transport.js';
import { SerialTransport } from './transports/serial-transport.js';
import { TcpTransport } from './transports/tcp-transport.js';
import type { PrinterTransport } from './transports/transport.js';
import { WriteOnlyLink } from './transports/write-only-link.js';
import { VirtualTcpPrinter } from './virtual-tcp-printer.js';

/**
 * The one place receipt printers are assembled, live and training alike:
 * the same ESC/POS stack (durable queue, encoder with Korean text, status
 * checks) over the link the shop configured, or over loopback to the virtual
 * printer in training. Each mode has a queue file of its own in the data
 * directory, so training receipts never print on the shop's paper.
 */

/** How the shop's printer is reached (config.json `devices.printer`, validated in main). */
export type PrinterLinkSetting =
  | { transport: 'tcp'; host: string; port: number; status?: 'dle-eot' | 'none' }
  | { transport: 'serial'; path: string; baud: number; rtscts: boolean; status?: 'dle-eot' | 'none' }
  | { transport: 'device'; path: string };

/** How often the live printer is asked for its status: often enough that "paper out" shows before the next sale. */
const STATUS_CHECK_MS = 30_000;

function linkFor(setting: PrinterLinkSetting): PrinterTransport {
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
export function printerTransport(setting: PrinterLinkSetting): PrinterTransport {
  const link = linkFor(setting);
  return setting.transport !== 'device' && setting.status === 'none' ? new WriteOnlyLink(link) : link;
}

function escPosPrinter(options: {
  deviceId: string;
  transport: PrinterTransport;
  profile: PrinterProfile;
  queue: PrintQueue;
  nvLogos?: NvLogoStore;
  clock: Clock;
  logger: Logger;
  retryDelayMs?: number;
  printWaitMs?: number;
}): EscPosPrinter {
  const { profile, ...rest } = options;
  return new EscPosPrinter({
    ...rest,
    encoder: new EscPosReceiptEncoder(profile, new PngDirectoryImageSource()),
    realTimePulse: profile.realTimePulse,
  });
}

/**
 * Live mode's receipt printer over the configured link, its queue in the
 * data directory and the drawer on its kick connector. The printer is asked
 * for its status at start and every 30 s after, so the device list says
 * whether it is on and has paper before a sale needs it.
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
    setting: PrinterLinkSetting & { profile?: string };
    /** The profile chosen on the settings screen, used when the config names none. */
    preferredProfile: string;
    drawerPin: 2 | 5 | undefined;
    deviceIds: { printer: string; drawer: string };
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
    const printer = escPosPrinter({ deviceId: options.deviceIds.printer, transport: printerTransport(setting), profile, queue, nvLogos, clock, logger });
    const drawer = options.drawerPin === undefined ? undefined : new EscPosCashDrawer(options.deviceIds.drawer, printer, options.drawerPin);
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

  /** Stops the status checks and the worker, and closes the queue. */
  async stop(): Promise<void> {
    clearInterval(this.statusTimer);
    await this.printer.stop();
    this.queue.close();
    this.nvLogos.close();
  }
}

/**
 * Training mode's receipt printer: the same stack talking to the virtual
 * printer on a loopback port, which decodes what it receives so the screen
 * can show the receipts. Only the paper is simulated.
 */
export class TrainingPrinter {
  private constructor(
    readonly device: VirtualTcpPrinter,
    readonly printer: EscPosPrinter,
    readonly drawer: EscPosCashDrawer,
    private readonly queue: PrintQueue,
    private readonly paper: { dotsPerLine: number; columns: number },
    private readonly renderWorker: RenderWorkerEntry,
  ) {}

  /** Starts the virtual printer and the printer worker in front of it; `renderWorker` draws receipt images (render-in-worker.ts). */
  static async start(options: { dataDir: string; profileId: string; clock: Clock; logger: Logger; renderWorker?: RenderWorkerEntry }): Promise<TrainingPrinter> {
    const profile = printerProfile(options.profileId);
    const device = new VirtualTcpPrinter({
      columns: profile.columns.fontA,
      startsInDoubleByte: profile.korean?.startsInDoubleByte ?? false,
    });
    const port = await device.start();
    const queue = new PrintQueue(join(options.dataDir, 'print-queue-training.db'), options.clock);
    const printer = escPosPrinter({
      deviceId: 'virtual-printer',
      transport: new TcpTransport({ host: '127.0.0.1', port }),
      profile,
      queue,
      clock: options.clock,
      logger: options.logger,
      retryDelayMs: 1000,
      printWaitMs: 3000,
    });
    printer.start();
    return new TrainingPrinter(device, printer, new EscPosCashDrawer('virtual-drawer', printer), queue, {
      dotsPerLine: profile.dotsPerLine,
      columns: profile.columns.fontA,
    }, options.renderWorker ?? renderWorkerEntry());
  }

  /** Printed receipts as text, newest first. */
  receipts(limit = 20): Array<{ index: number; lines: string[] }> {
    const printed = this.device.device.printed;
    return printed
      .map((r, index) => ({ index, lines: r.text }))
      .slice(-limit)
      .reverse();
  }

  /**
   * One printed receipt as a PNG data URL, or undefined for an unknown index.
   * Drawn on a worker thread within a time and memory budget: the bytes came
   * from a port anyone on the machine can write to (a render bomb froze the
   * till once); a refusal is a RenderRefusedError with its one-line reason.
   */
  async receiptImage(index: number): Promise<string | undefined> {
    const receipt = this.device.device.printed[index];
    if (!receipt) return undefined;
    const png = await renderReceiptPngInWorker({ elements: receipt.elements, warnings: [] }, this.paper, { entry: this.renderWorker });
    return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  }

  /** Stops the worker and the virtual printer, and closes the queue. */
  async stop(): Promise<void> {
    await this.printer.stop();
    await this.device.stop();
    this.queue.close();
  }
}
