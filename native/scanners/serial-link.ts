import { realpath } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { z } from 'zod';
import {
  DeviceEvents,
  DeviceUnavailableError,
  deviceStatus,
} from '../../src/devices/device-status.js';
import type { ConnectionState, DeviceKind, DeviceStatus } from '../../src/devices/device-status.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { ReconnectLoop } from './reconnect-loop.js';
import type { ReconnectPolicy } from './reconnect-policy.js';

/** Line settings of a serial device. Scanners and pole displays ship at 9600 8N1. */
export const serialSettingsSchema = z.object({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.literal([5, 6, 7, 8]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.literal([1, 1.5, 2]).default(1),
});

export type SerialSettings = z.infer<typeof serialSettingsSchema>;

/** What a SerialLink needs to know and use. */
export interface SerialLinkOptions {
  deviceId: string;
  kind: DeviceKind;
  driver: string;
  settings: SerialSettings;
  reconnect: ReconnectPolicy;
  clock: Clock;
  logger: Logger;
}

/** Events of a SerialLink: bytes read and connection states. */
export interface SerialLinkEventMap extends Record<string, unknown> {
  data: Buffer;
  state: DeviceStatus;
}

// serialport's errors carry the OS message, not always an errno code.
function describeOpenError(err: Error): { state: ConnectionState; reason: string } {
  const message = err.message;
  if (/ENOENT|No such file/i.test(message))
    return { state: 'disconnected', reason: 'not found (unplugged?)' };
  if (/EACCES|Permission denied/i.test(message)) {
    return { state: 'error', reason: 'permission denied: add the user to the dialout group' };
  }
  if (/EBUSY|Resource busy|Cannot lock/i.test(message)) {
    return { state: 'error', reason: 'in use by another program' };
  }
  return { state: 'error', reason: message };
}

/**
 * A serial port that stays open: when the device is unplugged (or never was
 * plugged in) it reopens the same path with backoff until the device is back,
 * so a cashier who replugs a scanner or pole display never restarts the app.
 * Shared by the serial scanner and the pole display driver.
 */
export class SerialLink {
  private readonly events: DeviceEvents<SerialLinkEventMap>;
  private readonly reconnect: ReconnectLoop;
  private port: SerialPort | null = null;
  private presenceTimer: NodeJS.Timeout | null = null;
  /** The device node the open port refers to (the path may be a symlink). */
  private openedTarget: string | null = null;
  private current: DeviceStatus;

  constructor(private readonly options: SerialLinkOptions) {
    this.events = new DeviceEvents(options.logger);
    this.current = this.statusOf('stopped');
    this.reconnect = new ReconnectLoop(options.reconnect, options.clock, () => this.connect());
  }

  /** Opens the port; resolves after the first attempt, connected or not (retries continue). */
  async start(): Promise<void> {
    await this.reconnect.start();
  }

  /** Closes the port and stops retrying. */
  async stop(): Promise<void> {
    this.reconnect.stop();
    this.stopPresenceCheck();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setState('stopped');
  }

  /** Writes bytes and waits until the OS has taken them; throws DeviceUnavailableError when not connected. */
  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new DeviceUnavailableError(this.options.deviceId, this.current.state);
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) reject(err);
        else port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
      });
    });
  }

  status(): DeviceStatus {
    return this.current;
  }

  /** Subscribes to `data` and `state`; returns the unsubscribe function. */
  on<E extends keyof SerialLinkEventMap>(
    event: E,
    listener: (arg: SerialLinkEventMap[E]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  private async connect(): Promise<void> {
    this.setState('connecting');
    const { path, baudRate, dataBits, parity, stopBits } = this.options.settings;
    const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) =>
        port.open((err) => (err ? reject(err) : resolve())),
      );
    } catch (err) {
      const { state, reason } = describeOpenError(err as Error);
      this.scheduleRetry(state, `cannot open ${path}: ${reason}`);
      return;
    }
    if (!this.reconnect.running) {
      port.close();
      return;
    }
    this.port = port;
    this.reconnect.connected();
    this.openedTarget = await realpath(path).catch(() => path);
    this.startPresenceCheck(port);
    port.on('data', (chunk: Buffer) => this.events.emit('data', chunk));
    // Without an 'error' listener a write error would be thrown as an uncaught exception.
    port.on('error', (err: Error) =>
      this.options.logger.warn({ err, deviceId: this.options.deviceId }, 'serial error'),
    );
    port.on('close', (err?: Error & { disconnected?: boolean }) => this.onClosed(port, err));
    this.setState('connected');
  }

  private onClosed(port: SerialPort, err?: Error & { disconnected?: boolean }): void {
    if (this.port !== port) return;
    this.port = null;
    this.stopPresenceCheck();
    if (!this.reconnect.running) return;
    const reason = err?.disconnected
      ? 'device unplugged'
      : `port closed${err ? `: ${err.message}` : ''}`;
    this.scheduleRetry('disconnected', reason);
  }

  // serialport does not always emit 'close' when a device is unplugged (node-serialport
  // #2043, #1465; seen here with pseudo-terminals too), so a connected port's path is
  // checked: gone, or now another device node, means the device we opened is gone.
  private startPresenceCheck(port: SerialPort): void {
    this.presenceTimer = setInterval(
      () => void this.checkPresence(port),
      this.options.reconnect.presenceCheckMs,
    );
    this.presenceTimer.unref();
  }

  private stopPresenceCheck(): void {
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
  }

  private async checkPresence(port: SerialPort): Promise<void> {
    const target = await realpath(this.options.settings.path).catch(() => null);
    if (this.port !== port || target === this.openedTarget) return;
    this.port = null;
    this.stopPresenceCheck();
    port.close(() => undefined);
    if (this.reconnect.running)
      this.scheduleRetry(
        'disconnected',
        target === null ? 'device unplugged' : 'the path now leads to another device',
      );
  }

  private scheduleRetry(state: ConnectionState, reason: string): void {
    this.setState(state, { reason, nextRetryAt: this.reconnect.retryLater() });
  }

  private setState(
    state: ConnectionState,
    extra: { reason?: string; nextRetryAt?: number } = {},
  ): void {
    this.current = this.statusOf(state, extra);
    this.events.emit('state', this.current);
  }

  private statusOf(
    state: ConnectionState,
    extra: { reason?: string; nextRetryAt?: number } = {},
  ): DeviceStatus {
    const { deviceId, kind, driver, clock } = this.options;
    return deviceStatus(clock, { deviceId, kind, driver }, state, extra);
  }
}
