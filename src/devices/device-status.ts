import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';

/** What a device is for, in the shop's words. */
export type DeviceKind = 'scanner' | 'customer-display' | 'printer' | 'drawer';

/**
 * Where a device's connection stands. `disconnected` means the driver is
 * retrying on its own (unplugged, not yet plugged in); `error` means it needs a
 * person (permission denied, wrong settings); `stopped` means we closed it.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'error' | 'stopped';

/** One row of the device list the cashier and the operator see. */
export interface DeviceStatus {
  deviceId: string;
  kind: DeviceKind;
  /** The driver behind it: 'serial-scanner', 'hid-pos-scanner', 'dmd-pole-display', ... */
  driver: string;
  state: ConnectionState;
  /** Why it is in this state, in words an operator can act on. */
  reason?: string;
  /** Clock time the state was entered. */
  since: number;
  /** Clock time of the next reconnection attempt, while `disconnected`. */
  nextRetryAt?: number;
  /** A drawer's open sensor (DLE EOT 1, connector pin 3), where it can be read. */
  drawerOpen?: boolean;
}

type Listener<A> = (arg: A) => void;

/**
 * A small typed event channel. Unlike a bare EventEmitter, a listener that
 * throws is logged and skipped: a bug in a screen that listens to scans must
 * not take the serial driver's read loop down with it.
 */
export class DeviceEvents<M extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof M, Set<Listener<never>>>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes; returns the function that unsubscribes. */
  on<E extends keyof M>(event: E, listener: Listener<M[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Calls every listener of `event` with `arg`, isolating their failures. */
  emit<E extends keyof M>(event: E, arg: M[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as Listener<M[E]>)(arg);
      } catch (err) {
        this.logger.error({ err, event: String(event) }, 'device event listener failed');
      }
    }
  }
}

/**
 * The device list: the latest status of every device, fed by drivers'
 * `state` events. The UI shows it and `compose` logs it; a device that
 * reconnects after a replug simply moves back to `connected` here.
 */
export class DeviceStatusBoard {
  private readonly statuses = new Map<string, DeviceStatus>();
  private readonly events: DeviceEvents<{ change: DeviceStatus; removed: string }>;

  constructor(logger: Logger) {
    this.events = new DeviceEvents(logger);
  }

  /** Records a device's new status and tells listeners. */
  update(status: DeviceStatus): void {
    this.statuses.set(status.deviceId, status);
    this.events.emit('change', status);
  }

  /** Forgets a device that was removed from the configuration. */
  remove(deviceId: string): void {
    if (this.statuses.delete(deviceId)) this.events.emit('removed', deviceId);
  }

  /** Every known device, sorted by kind then id, so the list does not jump around. */
  list(): DeviceStatus[] {
    return [...this.statuses.values()].sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.deviceId.localeCompare(b.deviceId),
    );
  }

  /** Subscribes to status changes and removals; returns the unsubscribe function. */
  on<E extends 'change' | 'removed'>(
    event: E,
    listener: (arg: E extends 'change' ? DeviceStatus : string) => void,
  ): () => void {
    return this.events.on(event, listener as never);
  }
}

/** Builds a status row stamped with the clock's time. */
export function deviceStatus(
  clock: Clock,
  base: Pick<DeviceStatus, 'deviceId' | 'kind' | 'driver'>,
  state: ConnectionState,
  extra: { reason?: string; nextRetryAt?: number; drawerOpen?: boolean } = {},
): DeviceStatus {
  return { ...base, state, since: clock.now(), ...extra };
}

/** Thrown when a command is sent to a device that is not connected right now. */
export class DeviceUnavailableError extends Error {
  override readonly name = 'DeviceUnavailableError';

  constructor(
    readonly deviceId: string,
    readonly state: ConnectionState,
  ) {
    super(`device ${deviceId} is ${state}`);
  }
}
