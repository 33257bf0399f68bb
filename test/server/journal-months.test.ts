import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { recordHash } from '../../src/ledger/chain-head.js';
import { toStoreRecord } from '../../src/store/store-sync.js';
import type { StoreDatabase } from '../../server/db/database.js';
import { ensureJournalMonths, monthsBetween } from '../../server/db/journal-months.js';
import { migrateServer, serverMigrations } from '../../server/db/migrations.js';
import { upsertStore } from '../../server/stores.js';
import { serveEngine } from './served-engine.js';
import { ENGINES } from './test-databases.js';
import { openTestTill } from './till-fixture.js';

/** The table each of a till's rows sits in, by seq. */
async function tablesOf(db: StoreDatabase, tillId: string): Promise<string[]> {
  const { rows } = await db.query<{ t: string }>('SELECT tableoid::regclass::text AS t FROM journal_records WHERE till_id = $1 ORDER BY seq', [tillId]);
  return rows.map((r) => r.t);
}

describe('monthsBetween', () => {
  it('lists UTC months across a year end, each ending where the next starts', () => {
    const months = monthsBetween(Date.UTC(2026, 10, 30, 23), Date.UTC(2027, 1, 1));
    expect(months.map((m) => m.suffix)).toEqual(['m202611', 'm202612', 'm202701', 'm202702']);
    expect(months[1]).toMatchObject({ from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 0, 1) });
    months.slice(1).forEach((m, i) => expect(m.from).toBe(months[i]!.to));
  });
});

// Issue 18 point 6: the journal partitioned by store and by date, on both engines, with duplicates
// still refused by the database's keys.
describe.each(ENGINES)('journal partitioned by store and month on %s', (_name, open) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0));
  const served = serveEngine(open, clock);

  it('puts a till’s records in its store partition’s month table', async () => {
    const till = openTestTill('T-MONTH', served.url, clock);
    await till.link.register('CODE-S1');
    till.sell(3);
    await till.sync.drain();
    const tables = await tablesOf(served.db, 'T-MONTH');
    expect(tables).toHaveLength(3);
    expect(new Set(tables).size).toBe(1);
    expect(tables[0]).toMatch(/^journal_records_p[0-7]_m202601$/);
  });

  it('reads a time window of one store from its month table alone (the dashboard’s windows)', async () => {
    const { rows } = await served.db.query<Record<string, string>>(
      `EXPLAIN SELECT seq FROM journal_records WHERE store_id = 'S1' AND till_id = 'T-MONTH' AND at >= ${Date.UTC(2026, 0, 5)} AND at < ${Date.UTC(2026, 0, 6)}`,
    );
    const plan = rows.map((r) => Object.values(r)[0]).join('\n');
    const tables = new Set(plan.match(/journal_records_p\d_(m\d{6}|default)/g));
    expect(tables.size).toBe(1);
    expect([...tables][0]).toMatch(/^journal_records_p[0-7]_m202601$/);
  });

  it('keeps a record of a month not made yet in the default, and moves it into its month once made', async () => {
    const skewed = openTestTill('T-SKEWED', served.url, clock);
    await skewed.link.register('CODE-S1');
    skewed.store.journal.append({ kind: 'test.sale', aggregateId: 'X1', body: { amount: 100 } });
    const [first] = skewed.store.journal.readAfter(0, 1).map(toStoreRecord);
    // Half a year ahead of the server's months, as a till whose clock is wrong would write it.
    const at = Date.UTC(2026, 6, 10, 3);
    const record = { ...first!, at, hash: recordHash(first!.prevHash, { ...first!, at }) };
    expect((await skewed.link.upload([record])).acks[0]!.status).toBe('ACCEPTED');
    expect(await tablesOf(served.db, 'T-SKEWED')).toEqual([expect.stringMatching(/^journal_records_p[0-7]_default$/)]);

    const made = await served.db.transaction((tx) => ensureJournalMonths(tx, new ManualClock(Date.UTC(2026, 6, 1))));
    expect(made.filter((t) => t.endsWith('_m202607'))).toHaveLength(8);
    expect(await tablesOf(served.db, 'T-SKEWED')).toEqual([expect.stringMatching(/^journal_records_p[0-7]_m202607$/)]);
    const { rows } = await served.db.query<{ hash: string }>("SELECT hash FROM journal_records WHERE till_id = 'T-SKEWED'");
    expect(rows.map((r) => r.hash)).toEqual([record.hash]);
    // Run again (another process starting): nothing more to make.
    expect(await served.db.transaction((tx) => ensureJournalMonths(tx, new ManualClock(Date.UTC(2026, 6, 1))))).toEqual([]);
  });

  it('still refuses a record stored twice by its key, and a fork at a stored seq by the till’s head', async () => {
    const till = openTestTill('T-KEYS', served.url, clock);
    await till.link.register('CODE-S1');
    till.sell(3);
    const records = till.store.journal.readAfter(0, 10).map(toStoreRecord);
    await till.link.upload(records);
    // Straight into the table, past the ingest's checks: the partitioned keys alone refuse it.
    await expect(
      served.db.query(
        `INSERT INTO journal_records (store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at)
         SELECT store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at FROM journal_records WHERE till_id = 'T-KEYS' AND seq = 2`,
      ),
    ).rejects.toThrow(/duplicate key/);
    // The same seq with another time (so another month's table) and a valid hash: a fork, named, not stored.
    const at = Date.UTC(2026, 1, 20);
    const fork = { ...records[1]!, at, hash: recordHash(records[1]!.prevHash, { ...records[1]!, at }) };
    const answer = await till.link.upload([fork]);
    expect(answer.acks[0]).toMatchObject({ seq: 2, status: 'REJECTED', code: 'ALTERED' });
    const { rows } = await served.db.query<{ n: string | number }>("SELECT count(*) AS n FROM journal_records WHERE till_id = 'T-KEYS'");
    expect(Number(rows[0]!.n)).toBe(3);
  });

  it('upgrades a schema-5 journal in place: every row kept, each moved into its month', async () => {
    // A database as the last release left it, with rows, then this server's migrations.
    const fresh = await open();
    try {
      await fresh.db.query('DROP SCHEMA public CASCADE');
      await fresh.db.query('CREATE SCHEMA public');
      await migrateServer(fresh.db, clock, 5);
      await upsertStore(fresh.db, clock, { storeId: 'S1', name: 'old', enrollmentCode: 'CODE-S1' });
      await fresh.db.query(
        `INSERT INTO journal_records (store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at)
         SELECT 'S1', 'T-OLD', s, gen_random_uuid(), 'test.sale', 'A' || s, $1::bigint + s::bigint * 86400000, '{}', 'p', 'h', 0 FROM generate_series(1, 40) AS s`,
        [Date.UTC(2025, 11, 20)],
      );
      expect(await migrateServer(fresh.db, clock)).toBe(serverMigrations.length);
      const tables = await tablesOf(fresh.db, 'T-OLD');
      expect(tables).toHaveLength(40);
      expect([...new Set(tables.map((t) => t.replace(/^journal_records_p[0-7]_/, '')))]).toEqual(['m202512', 'm202601']);
    } finally {
      await fresh.dispose();
    }
  });
});
