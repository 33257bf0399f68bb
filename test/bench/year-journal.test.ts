import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BulkJournalWriter, openLedger } from '../../src/ledger/index.js';
import { projectionDrift } from '../../src/payments/projection-audit.js';
import { ManualClock } from '../../src/platform/clock.js';

// A small year (3 days, 601 payments) from the same generator the benchmarks use: it must be a
// journal the till itself could have written (issue 15, Deliver 7: "a valid chain and real projections").
// The first day is the template the later days are copied from, and takes the remainder's one sale.
const scratch = mkdtempSync(join(tmpdir(), 'pos-year-'));
process.env.BENCH_YEAR_PAYMENTS = '601';
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
      // The generator writes without checking references row by row: every one must hold.
      expect(ledger.db.pragma('foreign_key_check')).toEqual([]);
      const kinds = ledger.db.prepare('SELECT kind, count(*) AS n FROM journal GROUP BY kind').all() as Array<{ kind: string; n: number }>;
      const count = (kind: string) => kinds.find((k) => k.kind === kind)?.n ?? 0;
      expect(count('sale.completed')).toBe(601);
      expect(count('closeout.z')).toBe(2);
      expect(count('business-day.opened')).toBe(3);
      expect(ledger.outbox.depth()).toBe(0);
      expect(lastDay()).toBe('2025-01-03');
      // Each copied day is its own: its date on every sale, its receipts numbered from 1, its hours, new ids.
      const days = ledger.db
        .prepare(
          `SELECT json_extract(body, '$.businessDate') AS date, count(*) AS sales, count(DISTINCT aggregate_id) AS ids,
             min(json_extract(body, '$.receiptNumber')) AS firstReceipt, min(at) AS first, max(at) AS last
           FROM journal WHERE kind = 'sale.completed' GROUP BY 1 ORDER BY 1`,
        )
        .all() as Array<{ date: string; sales: number; ids: number; firstReceipt: string; first: number; last: number }>;
      expect(days.map(({ date, sales, ids, firstReceipt }) => ({ date, sales, ids, firstReceipt }))).toEqual([
        { date: '2025-01-01', sales: 201, ids: 201, firstReceipt: '20250101-BENCH-01-0001' },
        { date: '2025-01-02', sales: 200, ids: 200, firstReceipt: '20250102-BENCH-01-0001' },
        { date: '2025-01-03', sales: 200, ids: 200, firstReceipt: '20250103-BENCH-01-0001' },
      ]);
      for (const day of days) {
        expect(day.first).toBeGreaterThanOrEqual(Date.parse(`${day.date}T09:00:00+09:00`));
        expect(day.last).toBeLessThanOrEqual(Date.parse(`${day.date}T22:00:00+09:00`));
      }
      const saleIds = ledger.db.prepare(`SELECT count(DISTINCT aggregate_id) AS n FROM journal WHERE kind = 'sale.opened'`).get() as { n: number };
      expect(saleIds.n).toBe(601);
      // The Z of the copied day counts the copied sales: they are dated and numbered as its own.
      const receipts = ledger.journal.ofKind('closeout.z').map((z) => (z.body as { report: { totals: { receipts: number } } }).report.totals.receipts);
      expect(receipts).toEqual([201, 200]);
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
