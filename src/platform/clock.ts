/**
 * Time, injected into every service so tests (and the chaos run) control it.
 * `now()` is wall-clock milliseconds since the epoch; `monotonic()` is for
 * measuring durations and never goes backwards.
 */
export interface Clock {
  now(): number;
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/** A clock that only moves when told to: for tests and deterministic simulations. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 5, 1, 0, 0)) {}
  now(): number {
    return this.current;
  }
  monotonic(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}
