import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgres } from './test-databases.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// node-postgres emits an idle client's error on its pool, and a pool with no
// listener throws it: a PostgreSQL restart, a failover or an administrator's
// pg_terminate_backend would then kill the store server (and any tills it
// serves would lose their upstream) though no request was in flight.
describe('a PostgreSQL store database whose idle connections are cut', () => {
  it('keeps the process up and answers the next query on a new connection', async () => {
    const { db, url, dispose } = await freshPostgres();
    cleanups.push(dispose);
    // Two connections, then both idle in the pool.
    await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    cleanups.push(() => admin.end());
    const { rows } = await admin.query<{ cut: boolean }>(
      'SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    expect(rows.filter((r) => r.cut).length).toBeGreaterThanOrEqual(2);
    // Let the terminations reach the idle clients (each emits its error then).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
