import type { ConnectivityState } from './gateway.js';

/** When the till calls the gateway degraded or offline. */
export interface ConnectivityOptions {
  /** Consecutive failed calls after which the gateway is offline (fewer: degraded). */
  offlineAfterFailures: number;
  /** An answer slower than this marks the connection degraded though it worked. */
  slowAnswerMs: number;
}

export const DEFAULT_CONNECTIVITY: ConnectivityOptions = {
  offlineAfterFailures: 3,
  slowAnswerMs: 3_000,
};

/**
 * Derives online / degraded / offline from real traffic, not from pings:
 * every call (and event-stream connection) reports its outcome here.
 *
 * - a call that got a validated answer resets the failure count: online, or
 *   degraded when the answer was slow;
 * - a failed call (timeout, connection, 5xx, malformed) is degraded until
 *   `offlineAfterFailures` in a row, then offline.
 *
 * An answer with result F is a success here: the gateway was reached.
 */
export class ConnectivityMonitor {
  private current: ConnectivityState;
  private consecutiveFailures = 0;
  private readonly listeners = new Set<(state: ConnectivityState) => void>();

  constructor(
    private readonly options: ConnectivityOptions = DEFAULT_CONNECTIVITY,
    initial: ConnectivityState = 'online',
  ) {
    this.current = initial;
  }

  /** The state now. */
  state(): ConnectivityState {
    return this.current;
  }

  /** A call got a validated answer after `latencyMs`. */
  recordAnswer(latencyMs: number): void {
    this.consecutiveFailures = 0;
    this.set(latencyMs > this.options.slowAnswerMs ? 'degraded' : 'online');
  }

  /** A call produced no trustworthy answer. */
  recordFailure(): void {
    this.consecutiveFailures++;
    this.set(
      this.consecutiveFailures >= this.options.offlineAfterFailures ? 'offline' : 'degraded',
    );
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  onChange(listener: (state: ConnectivityState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: ConnectivityState): void {
    if (next === this.current) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener(next);
  }
}
