import { readFileSync, writeFileSync } from 'node:fs';
import type { Clock } from '../../src/platform/clock.js';

/**
 * The shop's clock in a crash-matrix cell: the system clock plus an offset
 * kept in one file of the cell's directory, read by the till (the worker,
 * across its restarts) and the sandbox gateway (the parent) alike, so a flow
 * can set the shop's time (a sale a minute before midnight, a void after the
 * gateway's cancel window closed) and both sides see it. No file: offset 0.
 * `monotonic` is never shifted (durations are measured on it).
 */
export function fileOffsetClock(path: string): Clock & { setOffset(ms: number): void } {
  const offset = (): number => {
    try {
      return Number(readFileSync(path, 'utf8')) || 0;
    } catch {
      return 0;
    }
  };
  return {
    now: () => Date.now() + offset(),
    monotonic: () => performance.now(),
    setOffset: (ms) => writeFileSync(path, String(ms)),
  };
}

/** The clock file's name in a cell's directory. */
export const CLOCK_FILE = 'clock-offset';
