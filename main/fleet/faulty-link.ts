import type { StoreRecord } from '../../src/store/protocol.js';
import type { StoreLink } from '../../src/store/store-link.js';
import type { StoreUpload } from '../../src/store/store-sync.js';

/** How often the fleet's network misbehaves, per upload. */
export interface LinkFaults {
  /** The batch arrives twice (a retry after a lost answer). */
  duplicate: number;
  /** The batch's records arrive shuffled. */
  reorder: number;
  /** Only part of the batch arrives, with a hole in it. */
  partial: number;
}

/**
 * A till's store link with the fleet simulation's faults in front of it:
 * batches duplicated, reordered and cut, as a flaky shop network and a
 * retrying client deliver them. The server must store each record once,
 * in order, whatever arrives.
 */
export class FaultyLink implements StoreUpload {
  constructor(
    private readonly link: StoreLink,
    private readonly faults: LinkFaults,
    private readonly random: () => number,
  ) {}

  /** Uploads `records` through the faults; the answer is the last upload's. */
  async upload(records: StoreRecord[]) {
    let batch = records;
    if (batch.length > 2 && this.random() < this.faults.partial) {
      const cut = 1 + Math.floor(this.random() * (batch.length - 2));
      batch = [...batch.slice(0, cut), ...batch.slice(cut + 1)];
    }
    if (this.random() < this.faults.reorder) batch = shuffle(batch, this.random);
    if (this.random() < this.faults.duplicate) await this.link.upload(batch);
    return this.link.upload(batch);
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
