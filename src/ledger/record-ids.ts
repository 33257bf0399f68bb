import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';

/**
 * Record ids that sort in the order they are made: UUID version 7 (RFC 9562,
 * §5.7 with §6.2's counter in `rand_a`): 48 bits of milliseconds from the
 * till's clock, a 12-bit counter within the millisecond, then 62 random bits.
 * The journal's `record_id UNIQUE` index then grows at its right edge, the
 * page the previous commit already wrote, instead of at a random leaf
 * anywhere in the file (bench/journal-pages.ts: random UUIDs cost each commit
 * 1.43 WAL frames for that index). Strictly increasing within one connection,
 * so SQLite appends to the last leaf without rebalancing its neighbours; a
 * clock stepped back keeps counting from the last millisecond used. Still a
 * UUID to the gateway and the store server (`z.uuid()`), and unique across
 * tills and processes by the random bits.
 */
export function orderedRecordIds(clock: Clock): () => string {
  let lastMs = -1;
  let counter = 0;
  return () => {
    // randomUUID draws from a buffered pool; a fresh randomBytes(16) per id cost 10 times more.
    const random = randomUUID();
    let ms = Math.max(lastMs, Math.trunc(clock.now()));
    if (ms === lastMs) {
      counter++;
      if (counter > 0xfff) {
        ms++;
        counter = 0;
      }
    } else {
      // A random start in the lower half leaves room to count within the millisecond.
      counter = parseInt(random.slice(15, 18), 16) & 0x7ff;
    }
    lastMs = ms;
    const time = ms.toString(16).padStart(12, '0');
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${counter.toString(16).padStart(3, '0')}-${random.slice(19)}`;
  };
}
