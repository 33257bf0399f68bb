import type { Clock } from '../../src/platform/clock.js';
import type { StoreDatabase } from './database.js';
import { STORE_PARTITIONS, ensureJournalMonths, storePartitionNames } from './journal-months.js';

/** One forward-only schema step; the same SQL runs on PGlite and on PostgreSQL. */
export interface ServerMigration {
  version: number;
  name: string;
  sql: string;
}

function hashPartitions(table: string): string {
  return Array.from(
    { length: STORE_PARTITIONS },
    (_, i) =>
      `CREATE TABLE ${table}_p${i} PARTITION OF ${table} FOR VALUES WITH (MODULUS ${STORE_PARTITIONS}, REMAINDER ${i});`,
  ).join('\n');
}

/** journal_records' columns as step 1 made them; step 6 makes the table again with the same ones. */
const JOURNAL_COLUMNS = `store_id text NOT NULL,
        till_id text NOT NULL,
        seq bigint NOT NULL,
        record_id uuid NOT NULL,
        kind text NOT NULL,
        aggregate_id text NOT NULL,
        at bigint NOT NULL,
        body text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        received_at bigint NOT NULL,`;

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
        ${JOURNAL_COLUMNS}
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
  {
    version: 5,
    name: 'server signing key',
    sql: `
      -- The server's Ed25519 key: it signs every answer, and a till pins its
      -- public half at enrollment. One row, so every server process on this
      -- database signs with the same key.
      CREATE TABLE server_keys (
        key_no integer PRIMARY KEY CHECK (key_no = 1),
        private_pem text NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'journal partitioned by store and month',
    sql: `
      -- Issue 18 point 6: by store (hash) and then by month of the record's time (range); the
      -- month tables are made ahead by ensureJournalMonths (journal-months.ts), a default per
      -- store partition takes a record outside them. A partitioned table's keys must hold its
      -- partition columns, so at joins both keys. That keeps every duplicate refused: at is in
      -- the record's hash, so a record sent again has the same at, lands in the same month and
      -- meets its own key there. A different record claiming a seq already stored is a fork,
      -- refused before any insert by the till's head row (journal-ingest.ts).
      CREATE TABLE journal_records_v5 AS TABLE journal_records;
      DROP TABLE journal_records;
      CREATE TABLE journal_records (
        ${JOURNAL_COLUMNS}
        PRIMARY KEY (store_id, till_id, seq, at),
        UNIQUE (store_id, record_id, at)
      ) PARTITION BY HASH (store_id);
      ${storePartitionNames()
        .map(
          (name, i) => `CREATE TABLE ${name} PARTITION OF journal_records FOR VALUES WITH (MODULUS ${STORE_PARTITIONS}, REMAINDER ${i}) PARTITION BY RANGE (at);
      CREATE TABLE ${name}_default PARTITION OF ${name} DEFAULT;`,
        )
        .join('\n      ')}
      CREATE INDEX journal_records_by_time ON journal_records (store_id, at);
      CREATE INDEX journal_records_by_aggregate ON journal_records (store_id, aggregate_id, kind);
      INSERT INTO journal_records SELECT * FROM journal_records_v5;
      DROP TABLE journal_records_v5;
    `,
  },
];

/** The step that partitions the journal by month: from it on, the month tables are kept made. */
const JOURNAL_MONTHS_STEP = 6;

/** An arbitrary constant: the advisory lock that serialises migrations across server processes. */
const MIGRATION_LOCK = 180_001;

/**
 * Brings the database up to the newest step. Several server processes may
 * start at once on one PostgreSQL: the advisory lock makes the second wait
 * and then find nothing to do. Refuses a database from a newer server.
 * Then, in the same lock, makes the journal's month tables up to two months
 * ahead of `clock` (journal-months.ts). `upTo` stops at an older step (a
 * test of an upgrade starts from the schema a past release left).
 */
export async function migrateServer(db: StoreDatabase, clock: Clock, upTo = serverMigrations.length): Promise<number> {
  const migrations = serverMigrations.slice(0, upTo);
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
    if (migrations.length >= JOURNAL_MONTHS_STEP) await ensureJournalMonths(tx, clock);
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
