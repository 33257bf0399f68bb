import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What a query returns, the same from PGlite and from node-postgres. */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Anything SQL can be sent to: the database, or one open transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
}

/**
 * The store server's database: PostgreSQL, either embedded (PGlite, one data
 * folder, one connection) or a server reached by URL (a pool). Both speak the
 * same SQL with `$n` parameters, so the schema, the migrations and every query
 * are one text for both.
 */
export interface StoreDatabase extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens PGlite on `dataDir` (created on first use); `undefined` keeps it in memory. */
export async function openPglite(dataDir: string | undefined): Promise<StoreDatabase> {
  const db = await PGlite.create(dataDir);
  const adapt = (q: { query: PGlite['query'] }): Queryable => ({
    async query<R>(text: string, params: unknown[] = []) {
      const result = await q.query<R>(text, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  });
  const self = adapt(db);
  return {
    kind: 'pglite',
    query: self.query,
    // PGlite is one connection: its transaction holds it exclusively, so
    // other queries wait rather than interleave.
    transaction: (work) => db.transaction((tx) => work(adapt(tx))),
    close: () => db.close(),
  };
}

/**
 * Opens a pool on a PostgreSQL server (15 or later) named by a postgres:// URL.
 * `onIdleError` hears of a connection cut while idle in the pool.
 */
export async function openPostgres(url: string, options: { poolSize?: number; onIdleError?: (error: Error) => void } = {}): Promise<StoreDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 8 });
  // A restart, a failover or pg_terminate_backend cuts idle connections; node-postgres then
  // emits the error on the pool, and an unheard pool error would end the process. The pool has
  // already dropped that client and opens a new one for the next query, so it is only reported.
  pool.on('error', (error) => options.onIdleError?.(error));
  // Fail at start, with the server's own message, rather than at the first request.
  await pool.query('SELECT 1');
  const adapt = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(text: string, params: unknown[] = []) {
      const result = await q.query(text, params);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
  });
  const self = adapt(pool);
  return {
    kind: 'postgres',
    query: self.query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work(adapt(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens what `--database` names: a postgres:// URL, or else PGlite in the data folder `dataDir`. */
export function openStoreDatabase(options: { url?: string; dataDir?: string; onIdleError?: (error: Error) => void }): Promise<StoreDatabase> {
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url)) throw new Error(`--database must be a postgres:// URL, not ${options.url}`);
    return openPostgres(options.url, { onIdleError: options.onIdleError });
  }
  return openPglite(options.dataDir);
}
