import type { StoreDatabase } from './database.js';

/** One forward-only schema step; the same SQL runs on PGlite and on PostgreSQL. */
export interface ServerMigration {
  version: number;
  name: string;
  sql: string;
}

/** Hash partitions of the per-store tables (docs/scaling.md): one store's rows live in one. */
const STORE_PARTITIONS = 8;

function hashPartitions(table: string): string {
  return Array.from(
    { length: STORE_PARTITIONS },
    (_, i) =>
      `CREATE TABLE ${table}_p${i} PARTITION OF ${table} FOR VALUES WITH (MODULUS ${STORE_PARTITIONS}, REMAINDER ${i});`,
  ).join('\n');
}

/**
 * Every schema step, oldest first. Append only: a store that ran a step
 * never runs an edited one. Every per-store row carries `store_id` (a chain
 * is many stores on one server).
 */
export const serverMigrations: readonly ServerMigration[] = [
  {
    version: 1,
    name: 'stores, tills, journal',
    sql: `
      CREATE TABLE stores (
        store_id text PRIMARY KEY,
        name text NOT NULL,
        enrollment_code_sha256 text NOT NULL,
        cutoff_hour integer NOT NULL DEFAULT 4 CHECK (cutoff_hour BETWEEN 0 AND 23),
        created_at bigint NOT NULL
      );
      CREATE TABLE tills (
        till_id text PRIMARY KEY,
        store_id text NOT NULL REFERENCES stores (store_id),
        public_key text NOT NULL,
        registered_at bigint NOT NULL,
        head_seq bigint NOT NULL DEFAULT 0,
        head_hash text NOT NULL DEFAULT '${'0'.repeat(64)}',
        last_seen_at bigint
      );
      CREATE INDEX tills_by_store ON tills (store_id);
      -- A nonce is kept until its timestamp leaves the signature window: a
      -- replay is refused by this key, by whichever server process gets it.
      CREATE TABLE request_nonces (
        till_id text NOT NULL,
        nonce text NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (till_id, nonce)
      );
      CREATE INDEX request_nonces_expiry ON request_nonces (expires_at);
      -- Every till's journal, exactly once: (store, till, seq) and the record
      -- id are keys, so a record sent twice, or by two server processes at
      -- once, is stored once whatever either process believed. body is the
      -- till's canonical JSON text, byte for byte, so the chain can be
      -- re-verified here at any time.
      CREATE TABLE journal_records (
        store_id text NOT NULL,
        till_id text NOT NULL,
        seq bigint NOT NULL,
        record_id uuid NOT NULL,
        kind text NOT NULL,
        aggregate_id text NOT NULL,
        at bigint NOT NULL,
        body text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        received_at bigint NOT NULL,
        PRIMARY KEY (store_id, till_id, seq),
        UNIQUE (store_id, record_id)
      ) PARTITION BY HASH (store_id);
      ${hashPartitions('journal_records')}
      CREATE INDEX journal_records_by_time ON journal_records (store_id, at);
      -- A record that did not continue its till's chain: named, kept, shown.
      CREATE TABLE chain_breaks (
        store_id text NOT NULL,
        till_id text NOT NULL,
        seq bigint NOT NULL,
        record_id uuid NOT NULL,
        reason text NOT NULL,
        detected_at bigint NOT NULL,
        PRIMARY KEY (store_id, till_id, seq, record_id)
      );
    `,
  },
  {
    version: 2,
    name: 'store close-outs',
    sql: `
      -- Every run of the store's close-out is kept, newest version last.
      CREATE TABLE store_closeouts (
        store_id text NOT NULL REFERENCES stores (store_id),
        business_date text NOT NULL,
        version integer NOT NULL,
        generated_at bigint NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (store_id, business_date, version)
      );
      -- The close-out finds each till's Z of a day by its aggregate (day:<date>).
      CREATE INDEX journal_records_by_aggregate ON journal_records (store_id, aggregate_id, kind);
    `,
  },
  {
    version: 3,
    name: 'dashboard logins',
    sql: `
      -- The owner's dashboard (issue 18 points 5, 6): an HQ login sees every
      -- store, an owner login the stores listed for it. Passwords are kept as
      -- scrypt digests (server/auth/passwords.ts), never in clear.
      CREATE TABLE dashboard_accounts (
        login text PRIMARY KEY,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('hq', 'owner')),
        password_hash text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE dashboard_account_stores (
        login text NOT NULL REFERENCES dashboard_accounts (login) ON DELETE CASCADE,
        store_id text NOT NULL REFERENCES stores (store_id),
        PRIMARY KEY (login, store_id)
      );
      -- A session is a random token in an HttpOnly cookie; only its digest is
      -- kept, so any server process can check it and a leaked table opens nothing.
      CREATE TABLE dashboard_sessions (
        token_sha256 text PRIMARY KEY,
        login text NOT NULL REFERENCES dashboard_accounts (login) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at);
      -- Failed logins, counted per login over a window to slow password guessing.
      CREATE TABLE dashboard_login_failures (
        login text NOT NULL,
        at bigint NOT NULL
      );
      CREATE INDEX dashboard_login_failures_by_login ON dashboard_login_failures (login, at);
    `,
  },
  {
    version: 4,
    name: 'the store data the tills follow',
    sql: `
      -- The store's data, managed once and followed by its tills (server/store-data.ts). Every
      -- change is a version; each row keeps the version that last changed it, so a till at
      -- version N is sent only the rows above N (a 50,000-item catalog travels whole once).
      CREATE TABLE store_data_versions (
        store_id text NOT NULL REFERENCES stores (store_id),
        version integer NOT NULL,
        created_at bigint NOT NULL,
        created_by text NOT NULL,
        summary text NOT NULL,
        PRIMARY KEY (store_id, version)
      );
      CREATE TABLE store_items (
        store_id text NOT NULL REFERENCES stores (store_id),
        item_id text NOT NULL,
        version integer NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (store_id, item_id)
      );
      CREATE INDEX store_items_by_version ON store_items (store_id, version);
      -- A barcode names one item of the store: the key refuses a second, as the till's catalog does.
      CREATE TABLE store_item_barcodes (
        store_id text NOT NULL,
        code text NOT NULL,
        item_id text NOT NULL,
        PRIMARY KEY (store_id, code),
        FOREIGN KEY (store_id, item_id) REFERENCES store_items (store_id, item_id)
      );
      CREATE INDEX store_item_barcodes_by_item ON store_item_barcodes (store_id, item_id);
      -- The parts replaced whole: quick keys, staff (PIN hashes only), store details, device settings.
      CREATE TABLE store_data_parts (
        store_id text NOT NULL REFERENCES stores (store_id),
        part text NOT NULL CHECK (part IN ('quickKeys', 'staff', 'store', 'devices')),
        version integer NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (store_id, part)
      );
      -- The version each till last said it holds (its ask), for the owner's view of the fleet.
      ALTER TABLE tills ADD COLUMN data_version integer NOT NULL DEFAULT 0;
      ALTER TABLE tills ADD COLUMN data_asked_at bigint;
    `,
  },
];

/** An arbitrary constant: the advisory lock that serialises migrations across server processes. */
const MIGRATION_LOCK = 180_001;

/**
 * Brings the database up to the newest step. Several server processes may
 * start at once on one PostgreSQL: the advisory lock makes the second wait
 * and then find nothing to do. Refuses a database from a newer server.
 */
export async function migrateServer(db: StoreDatabase, migrations: readonly ServerMigration[] = serverMigrations): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    if (current > migrations.length) {
      throw new Error(`the store database is at schema ${current}; this server knows up to ${migrations.length}`);
    }
    for (const migration of migrations.slice(current)) {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    return migrations.length;
  });
}

/** The statements of a migration, one per query (a parameterised query takes one statement). */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
