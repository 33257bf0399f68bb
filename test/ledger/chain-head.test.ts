import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainHead, formatChainHead, openLedger, recordHash } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('the chain head', () => {
  it('is seq 0 and the genesis hash on an empty journal', () => {
    const store = openLedger(join(tempDir(), 'j.db'), { clock: new ManualClock() });
    expect(chainHead(store.db)).toEqual({ seq: 0, hash: GENESIS_HASH });
    store.close();
  });

  it('is the newest row and moves with every append', () => {
    const store = openLedger(join(tempDir(), 'j.db'), { clock: new ManualClock() });
    store.journal.append({ kind: 'sale.opened', aggregateId: 'S1', body: { total: 1000 } });
    const [second] = store.journal.append({ kind: 'sale.opened', aggregateId: 'S2', body: { total: 2000 } });
    expect(chainHead(store.db)).toEqual({ seq: 2, hash: second!.hash });
    expect(formatChainHead(chainHead(store.db))).toBe(`2:${second!.hash.slice(0, 12)}`);
    store.close();
  });

  it('recomputes a record\'s stored hash from its portable form (what a server checks)', () => {
    const store = openLedger(join(tempDir(), 'j.db'), { clock: new ManualClock() });
    const [first, second] = store.journal.append(
      { kind: 'sale.opened', aggregateId: 'S1', body: { total: 1000, memo: '아메리카노' } },
      { kind: 'sale.closed', aggregateId: 'S1', body: { lines: [{ b: 1, a: 2 }] } },
    );
    expect(recordHash(GENESIS_HASH, first!)).toBe(first!.hash);
    expect(recordHash(first!.hash, second!)).toBe(second!.hash);
    expect(recordHash(first!.hash, { ...second!, body: { lines: [{ a: 2, b: 2 }] } })).not.toBe(second!.hash);
    store.close();
  });
});
