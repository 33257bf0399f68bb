import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';

/** What an id names: P payment request, R refund request, S sale, M cash movement, C checkout cart. */
export type IdKind = 'P' | 'R' | 'S' | 'M' | 'C';

/**
 * Makes the till's ids: `<terminal>-<kind>-<time>-<random>`. They double as
 * the gateway's idempotency keys (paymentRequestId, refundRequestId ≤ 64
 * characters of [A-Za-z0-9_.:-]), so they must be unique across restarts
 * without a counter: time in base 36 plus 40 random bits.
 */
export class IdFactory {
  constructor(
    private readonly terminalId: string,
    private readonly clock: Clock,
  ) {}

  /** A fresh id of this kind. */
  next(kind: IdKind): string {
    // The 40 bits from a version-4 UUID's last group, all random: randomUUID draws from a buffered
    // pool, where randomBytes(5) paid a call into OpenSSL and a Buffer per id (bench/journal-append.ts).
    return `${this.terminalId}-${kind}-${this.clock.now().toString(36)}-${randomUUID().slice(26)}`;
  }
}
