import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CloseOut } from '../../src/closeout/index.js';
import type { Clock } from '../../src/platform/clock.js';

const DAY_MS = 24 * 3_600_000;
/** Re-read the day file at most this often (the sandbox's clock is read on every request). */
const REREAD_MS = 10;

/**
 * The `day-crossing` fault's calendar: how many business days the run has
 * turned, kept in one file of the run's directory so the till (every start
 * of it) and the sandbox gateway (the parent) see the same world. Turning a
 * day moves both clocks 24 h ahead: the business date turns, the Alipay+
 * cancel window closes, order codes in flight expire, as if the night passed
 * in the middle of the payment. It never goes back, so a restarted till
 * never dates a sale on a day its Z closed.
 */
export class ChaosDays {
  private readonly path: string;
  private cached = 0;
  private readAt = -Infinity;

  constructor(dir: string) {
    this.path = join(dir, 'chaos-day');
  }

  /** The days turned so far. */
  turned(): number {
    const now = performance.now();
    if (now - this.readAt >= REREAD_MS) {
      this.readAt = now;
      try {
        this.cached = Number(readFileSync(this.path, 'utf8')) || 0;
      } catch {
        this.cached = 0;
      }
    }
    return this.cached;
  }

  /**
   * Turns one more day, on disk before anything reads the new date. The new
   * count is written beside the file and renamed over it, so a reader (the
   * gateway rereads every 10 ms) or a worker killed mid-turn sees the old
   * count or the new one: truncating the file in place left it empty, read
   * as no day turned, and both clocks went back (a pos chaos seed 5 run stalled
   * with its day file empty).
   */
  turn(): void {
    const next = this.turned() + 1;
    const pending = `${this.path}.next`;
    const fd = openSync(pending, 'w');
    try {
      writeSync(fd, String(next));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(pending, this.path);
    this.cached = next;
    this.readAt = performance.now();
  }

  /** `base` moved ahead by the days turned; the monotonic clock is untouched (durations stay true). */
  clock(base: Clock): Clock {
    return { now: () => base.now() + this.turned() * DAY_MS, monotonic: () => base.monotonic() };
  }
}

/**
 * The owner's Z for every day whose business day is over, taken with the
 * payments still in flight recorded as open (the Z lists them; their money
 * lands on the day it is confirmed).
 */
export async function closeLateDays(closeout: CloseOut, ownerPin: string): Promise<void> {
  for (const businessDate of closeout.lateDays()) await closeout.z({ ownerPin, businessDate, recordOpen: true });
}
