import { z } from 'zod';
import { customerDisplayViewSchema } from '../../src/devices/customer-display.js';
import type { CustomerDisplay, CustomerDisplayView } from '../../src/devices/customer-display.js';
import type { DeviceStatus } from '../../src/devices/device-status.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { reconnectPolicySchema } from '../scanners/reconnect-policy.js';
import { SerialLink, serialSettingsSchema } from '../scanners/serial-link.js';
import { dmdScreen, dmdSetup } from './dmd-commands.js';
import { layoutPoleDisplay } from './pole-layout.js';

/** Configuration of a serial pole display (2 lines; 20 columns on nearly all models). */
export const poleDisplayConfigSchema = serialSettingsSchema.extend({
  deviceId: z.string().min(1),
  columns: z.number().int().min(16).max(40).default(20),
  reconnect: reconnectPolicySchema.prefault({}),
});

export type PoleDisplayConfig = z.infer<typeof poleDisplayConfigSchema>;

/**
 * A 2x20 serial pole display driven with Epson DM-D commands. It keeps the
 * latest screen: when the display is unplugged and plugged back in, it is
 * initialised again and shows what it should, without the sale noticing.
 */
export class PoleDisplay implements CustomerDisplay {
  readonly deviceId: string;
  private readonly config: PoleDisplayConfig;
  private readonly link: SerialLink;
  private latest: Buffer | null = null;
  private written: Buffer | null = null;
  // Writes go one after another so a reconnect's setup never interleaves with a screen.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    config: z.input<typeof poleDisplayConfigSchema>,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.config = poleDisplayConfigSchema.parse(config);
    this.deviceId = this.config.deviceId;
    this.link = new SerialLink({
      deviceId: this.deviceId,
      kind: 'customer-display',
      driver: 'dmd-pole-display',
      settings: this.config,
      reconnect: this.config.reconnect,
      clock,
      logger,
    });
    this.link.on('state', (s) => {
      if (s.state !== 'connected') return;
      this.written = null;
      void this.enqueue(dmdSetup()).then(() => this.flush());
    });
  }

  async start(): Promise<void> {
    await this.link.start();
    await this.queue;
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.link.stop();
  }

  async show(view: CustomerDisplayView): Promise<void> {
    const parsed = customerDisplayViewSchema.parse(view);
    this.latest = dmdScreen(layoutPoleDisplay(parsed, this.config.columns));
    await this.flush();
  }

  status(): DeviceStatus {
    return this.link.status();
  }

  on(event: 'state', listener: (status: DeviceStatus) => void): () => void {
    return this.link.on(event, listener);
  }

  private flush(): Promise<void> {
    return this.enqueue(null);
  }

  /** Queues `bytes` (or, for null, the latest screen if it is not on the display yet). */
  private enqueue(bytes: Buffer | null): Promise<void> {
    this.queue = this.queue.then(async () => {
      const screen = bytes ?? this.latest;
      if (!screen || this.link.status().state !== 'connected') return;
      if (bytes === null && this.written?.equals(screen)) return;
      try {
        await this.link.write(screen);
        if (bytes === null) this.written = screen;
      } catch (err) {
        // The display went away mid-write; the reconnect shows the latest screen again.
        this.logger.warn({ err, deviceId: this.deviceId }, 'pole display write failed');
      }
    });
    return this.queue;
  }
}
