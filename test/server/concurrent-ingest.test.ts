import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { toStoreRecord } from '../../src/store/store-sync.js';
import { StoreLink } from '../../src/store/store-link.js';
import { openPostgres } from '../../server/db/database.js';
import { migrateServer } from '../../server/db/migrations.js';
import { StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { freshPostgres } from './test-databases.js';
import { openTestTill } from './till-fixture.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// Issue 18 point 2: several server processes on one PostgreSQL ingest
// concurrently without duplicates; the database decides, not their memory.
describe('two store servers on one PostgreSQL', () => {
  it('store each record once when the same batches race through both', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0));
    const { db, url, dispose } = await freshPostgres();
    cleanups.push(dispose);
    const second = await openPostgres(url);
    cleanups.push(() => second.close());
    // Both "processes" run the migrations at start, at once: the advisory lock lets one do them.
    await Promise.all([migrateServer(db, clock), migrateServer(second, clock)]);
    await upsertStore(db, clock, { storeId: 'S1', name: 'store', enrollmentCode: 'CODE-S1' });
    const a = await new StoreServer({ db, clock }).listen(0);
    const b = await new StoreServer({ db: second, clock }).listen(0);
    cleanups.push(() => a.close(), () => b.close());

    const tills = Array.from({ length: 4 }, (_, i) => openTestTill(`T${i}`, a.url, clock));
    for (const till of tills) {
      await till.link.register('CODE-S1');
      till.sell(200);
    }
    const sends: Array<Promise<unknown>> = [];
    for (const till of tills) {
      const records = till.store.journal.readAfter(0, 1_000).map(toStoreRecord);
      const viaB = new StoreLink({ baseUrl: b.url, tillId: till.tillId, privateKey: till.privateKey, clock, serverKey: till.serverKey });
      for (let start = 0; start < records.length; start += 50) {
        const batch = records.slice(start, start + 100);
        sends.push(till.link.upload(batch), viaB.upload([...batch].reverse()), till.link.upload(batch));
      }
    }
    await Promise.all(sends);
    for (const till of tills) await till.sync.drain();

    const { rows } = await db.query<{ n: string; distinct_ids: string; max_seq: string }>(
      'SELECT count(*) AS n, count(DISTINCT record_id) AS distinct_ids, max(seq) AS max_seq FROM journal_records',
    );
    expect(rows[0]).toEqual({ n: '800', distinct_ids: '800', max_seq: '200' });
    const heads = await db.query<{ head_seq: string }>('SELECT head_seq FROM tills ORDER BY till_id');
    expect(heads.rows.map((r) => Number(r.head_seq))).toEqual([200, 200, 200, 200]);
    expect(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM chain_breaks')).rows[0]!.n)).toBe(0);
  }, 60_000);
});
