import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { PermissionDeniedError } from './errors.js';
import type { StaffDirectory, StaffMember } from './roles.js';

/**
 * Wrong PINs slow down, then lock the till's PIN entry (issue 14, "PINs that
 * resist": 8,008 tries once found a PIN in 290 s). After FREE_TRIES wrong
 * PINs in a row each further try must wait twice as long as the last, from
 * 1 s up to 5 min; after LOCK_AFTER the PIN entry locks for LOCKOUT_MS. The
 * count is persisted, so restarting the till does not reset it, and a right
 * PIN clears it. While waiting or locked no PIN is even checked.
 */
export const PIN_POLICY = {
  freeTries: 3,
  lockAfter: 10,
  lockoutMs: 15 * 60_000,
  maxDelayMs: 5 * 60_000,
} as const;

export const pinAttemptsSchema = z.object({
  failures: z.number().int().min(0),
  /** No PIN is checked before this time (ms). */
  nextTryAt: z.number().int().min(0),
});
export type PinAttempts = z.infer<typeof pinAttemptsSchema>;

/** Where the counter lives (a 0600 file beside staff.json; memory in tests). */
export interface PinAttemptStore {
  load(): PinAttempts;
  save(attempts: PinAttempts): void;
}

/** A counter kept in memory. */
export function memoryPinAttempts(): PinAttemptStore {
  let attempts: PinAttempts = { failures: 0, nextTryAt: 0 };
  return { load: () => attempts, save: (next) => (attempts = next) };
}

/** The wait before the next try after `failures` wrong PINs in a row (0 while free). */
export function pinDelayMs(failures: number): number {
  if (failures >= PIN_POLICY.lockAfter) return PIN_POLICY.lockoutMs;
  if (failures < PIN_POLICY.freeTries) return 0;
  return Math.min(PIN_POLICY.maxDelayMs, 1_000 * 2 ** (failures - PIN_POLICY.freeTries));
}

/** A StaffDirectory that refuses PINs while the counter says wait, and counts the wrong ones. */
export class GuardedStaffDirectory implements StaffDirectory {
  constructor(
    private readonly inner: StaffDirectory,
    private readonly attempts: PinAttemptStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Throws PermissionDeniedError('pin-locked') while the till must wait;
   * otherwise checks and counts. The try is counted as wrong *before* the
   * (asynchronous) check and cleared if the PIN is right, so tries sent in
   * parallel cannot all slip in under one reading of the counter.
   */
  async findByPin(pin: string): Promise<StaffMember | undefined> {
    const state = this.attempts.load();
    const now = this.clock.now();
    if (now < state.nextTryAt) {
      const seconds = Math.ceil((state.nextTryAt - now) / 1_000);
      throw new PermissionDeniedError(
        'pin-locked',
        state.failures >= PIN_POLICY.lockAfter
          ? `Too many wrong PINs: PIN entry is locked for ${Math.ceil(seconds / 60)} min.`
          : `Wrong PIN too often: try again in ${seconds} s.`,
      );
    }
    const failures = state.failures + 1;
    this.attempts.save({ failures, nextTryAt: now + pinDelayMs(failures) });
    const member = await this.inner.findByPin(pin);
    if (member) this.attempts.save({ failures: 0, nextTryAt: 0 });
    return member;
  }
}
