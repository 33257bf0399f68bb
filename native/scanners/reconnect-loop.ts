import type { Clock } from '../../src/platform/clock.js';
import { type ReconnectPolicy, reconnectDelay } from './reconnect-policy.js';

/**
 * The open-retry loop a driver of an unpluggable device runs: one attempt on
 * start, another after a doubling delay whenever an attempt fails or the open
 * device goes away, none after stop. The driver does the opening (`connect`)
 * and reports back with `connected()` or `retryLater()`; shared by the HID
 * scanner and the serial link so both back off the same way.
 */
export class ReconnectLoop {
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private active = false;

  constructor(
    private readonly policy: ReconnectPolicy,
    private readonly clock: Clock,
    private readonly connect: () => Promise<void>,
  ) {}

  /** False after stop(): an open that completes late must close what it opened. */
  get running(): boolean {
    return this.active;
  }

  /** Makes the first attempt; resolves after it, connected or not (retries continue). */
  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    this.attempt = 0;
    await this.connect();
  }

  /** Stops retrying; a pending attempt never runs. */
  stop(): void {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The device opened: the next failure starts the backoff from its first delay. */
  connected(): void {
    this.attempt = 0;
  }

  /** Schedules the next attempt after the backoff delay; returns when it will run (clock ms). */
  retryLater(): number {
    const delay = reconnectDelay(this.attempt++, this.policy);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.active) void this.connect();
    }, delay);
    // A device nobody plugs back in must not keep the process alive.
    this.timer.unref();
    return this.clock.now() + delay;
  }
}
