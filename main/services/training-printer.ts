import { join } from 'node:path';
import {
  EscPosCashDrawer,
  EscPosPrinter,
  EscPosReceiptEncoder,
  PngDirectoryImageSource,
  PrintQueue,
  TcpTransport,
  VirtualTcpPrinter,
  printerProfile,
  renderReceiptPng,
} from '../../native/printer/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';

/**
 * Training mode's receipt printer: the real ESC/POS stack (durable queue,
 * encoder with Korean text, TCP transport, status checks) talking to the
 * virtual printer on a loopback port, which decodes what it receives so the
 * screen can show the receipts. Only the paper is simulated.
 */
export class TrainingPrinter {
  private constructor(
    readonly device: VirtualTcpPrinter,
    readonly printer: EscPosPrinter,
    readonly drawer: EscPosCashDrawer,
    private readonly queue: PrintQueue,
    private readonly paper: { dotsPerLine: number; columns: number },
  ) {}

  static async start(options: { dataDir: string; profileId: string; clock: Clock; logger: Logger }): Promise<TrainingPrinter> {
    const profile = printerProfile(options.profileId);
    const device = new VirtualTcpPrinter({
      columns: profile.columns.fontA,
      startsInDoubleByte: profile.korean?.startsInDoubleByte ?? false,
    });
    const port = await device.start();
    const queue = new PrintQueue(join(options.dataDir, 'print-queue-training.db'), options.clock);
    const printer = new EscPosPrinter({
      deviceId: 'virtual-printer',
      transport: new TcpTransport({ host: '127.0.0.1', port }),
      queue,
      encoder: new EscPosReceiptEncoder(profile, new PngDirectoryImageSource()),
      clock: options.clock,
      logger: options.logger,
      retryDelayMs: 1000,
      printWaitMs: 3000,
      realTimePulse: profile.realTimePulse,
    });
    printer.start();
    return new TrainingPrinter(device, printer, new EscPosCashDrawer('virtual-drawer', printer), queue, {
      dotsPerLine: profile.dotsPerLine,
      columns: profile.columns.fontA,
    });
  }

  /** Printed receipts as text, newest first. */
  receipts(limit = 20): Array<{ index: number; lines: string[] }> {
    const printed = this.device.device.printed;
    return printed
      .map((r, index) => ({ index, lines: r.text }))
      .slice(-limit)
      .reverse();
  }

  /** One printed receipt as a PNG data URL, or undefined for an unknown index. */
  receiptImage(index: number): string | undefined {
    const receipt = this.device.device.printed[index];
    if (!receipt) return undefined;
    const png = renderReceiptPng({ elements: receipt.elements, warnings: [] }, this.paper);
    return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  }

  async stop(): Promise<void> {
    await this.printer.stop();
    await this.device.stop();
    this.queue.close();
  }
}
