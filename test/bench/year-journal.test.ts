import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BulkJournalWriter, openLedger } from '../../src/ledger/index.js';
import { projectionDrift } from '../../src/payments/projection-audit.js';
import { ManualClock } from '../../src/platform/clock.js';

// A small year (3 days, 600 payments) from the same generator the benchmarks use: it must be a
// journal the till itself could have written (issue 15, Deliver 7: "a valid chain and real projections").
const scratch = mkdtempSync(join(tmpdir(), 'pos-year-'));
process.env.BENCH_YEAR_PAYMENTS = '600';
process.env.BENCH_YEAR_DAYS = '3';
process.env.TMPDIR = scratch;
const { lastDay, yearJournal } = await import('../../bench/lib/year-journal.js');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bench year journal', () => {
  it('is one whole chain whose projection is the real projector replaying it, its days closed by Zs', { timeout: 60_000 }, async () => {
    const file = await yearJournal();
    const ledger = openLedger(file, { clock: new ManualClock() });
    try {
      const verified = ledger.journal.verify();
      expect(verified).toMatchObject({ ok: true });
      expect(projectionDrift(ledger.db)).toEqual([]);
      const kinds = ledger.db.prepare('SELECT kind, count(*) AS n FROM journal GROUP BY kind').all() as Array<{ kind: string; n: number }>;
      const count = (kind: string) => kinds.find((k) => k.kind === kind)?.n ?? 0;
      expect(count('sale.completed')).toBe(600);
      expect(count('closeout.z')).toBe(2);
      expect(count('business-day.opened')).toBe(3);
      expect(ledger.outbox.depth()).toBe(0);
      expect(lastDay()).toBe('2025-01-03');
    } finally {
      ledger.close();
    }
  });
});

describe('BulkJournalWriter', () => {
  it('writes the rows and hashes Journal.append would, reading the tail once', () => {
    const ids = (prefix: string) => {
      let n = 0;
      return () => `${prefix}-${++n}`;
    };
    const entries = [
      { kind: 'sale.opened', aggregateId: 'S1', body: { total: 1000, lines: [{ b: 1, a: 2 }] }, sync: true },
      { kind: 'sale.completed', aggregateId: 'S1', body: { total: 1000 } },
    ];
    const clock = new ManualClock(1_000);
    const live = openLedger(join(scratch, 'live.db'), { clock, recordIds: ids('r') });
    live.journal.append(...entries);
    const bulk = openLedger(join(scratch, 'bulk.db'), { clock, recordIds: ids('live') });
    const writer = new BulkJournalWriter(bulk.db, ids('r'));
    bulk.journal.atomically(() => entries.forEach((e) => writer.append(e, 1_000)));
    const rows = (db: typeof live.db) => db.prepare('SELECT * FROM journal ORDER BY seq').all();
    expect(rows(bulk.db)).toEqual(rows(live.db));
    // Its outbox rows are history the gateway has: acknowledged.
    expect(bulk.outbox.depth()).toBe(0);
    expect(bulk.outbox.isAcknowledged(1)).toBe(true);
    // After rows appended elsewhere, resync continues the chain from the new tail.
    bulk.journal.append({ kind: 'note', aggregateId: 'x', body: {} });
    writer.resync();
    bulk.journal.atomically(() => writer.append({ kind: 'note', aggregateId: 'y', body: {} }, 2_000));
    expect(bulk.journal.verify()).toMatchObject({ ok: true, rows: 4 });
    live.close();
    bulk.close();
  });
});
