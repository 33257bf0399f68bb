import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openLedger } from '../../src/ledger/index.js';
import { orderedRecordIds } from '../../src/ledger/record-ids.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('record ids', () => {
  it('are version 7 UUIDs that carry the clock’s millisecond, as the gateway’s and the store’s schemas take them', () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 2, 4, 30));
    const id = orderedRecordIds(clock)();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(clock.now());
  });

  it('sort in the order they are made, and never repeat within a millisecond', () => {
    const clock = new ManualClock();
    const next = orderedRecordIds(clock);
    const ids: string[] = [];
    for (let ms = 0; ms < 50; ms++) {
      for (let i = 0; i < 200; i++) ids.push(next());
      clock.advance(1);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  it('keep increasing when the clock steps back, or when one millisecond makes more ids than its counter holds', () => {
    const clock = new ManualClock();
    const next = orderedRecordIds(clock);
    const before = next();
    clock.advance(-60_000);
    const ids = [before, ...Array.from({ length: 5_000 }, next)];
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are what the journal gives its rows, so the record-id index grows at its end', () => {
    const clock = new ManualClock();
    const ledger = openLedger(join(tempDir(), 'journal.db'), { clock });
    const ids = Array.from({ length: 20 }, (_, i) => {
      clock.advance(1);
      return ledger.journal.append({ kind: 'sale.opened', aggregateId: `S${i}`, body: {} })[0]!.recordId;
    });
    expect(ids).toEqual([...ids].sort());
    expect(ids[0]).toMatch(/^[0-9a-f-]{14}7/);
    ledger.close();
  });
});
