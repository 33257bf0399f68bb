import Database from 'better-sqlite3';

export type SandboxDatabase = Database.Database;

/**
 * The sandbox gateway's own SQLite file. It cannot share the till's
 * `openDatabase` (the sandbox is a separate server, see eslint.config.js), so
 * it sets the same durability itself: WAL with synchronous=FULL, because
 * better-sqlite3 defaults WAL databases to NORMAL, which can lose
 * acknowledged charges on power loss — the very thing a gateway must not do.
 */
export function openSandboxDatabase(path: string): SandboxDatabase {
  const db = new Database(path, { timeout: 5_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const mode = db.pragma('journal_mode', { simple: true });
    const sync = db.pragma('synchronous', { simple: true });
    // ':memory:' databases report 'memory'; a file must run in WAL.
    if ((mode !== 'wal' && path !== ':memory:') || sync !== 2) {
      throw new Error(
        `${path}: sandbox database runs with journal_mode=${String(mode)} synchronous=${String(sync)}`,
      );
    }
    db.exec(SCHEMA);
    addMissingColumns(db);
    // The sweep asks every 250 ms for late reports that have come; few payments wait, so the index holds only those.
    db.exec('CREATE INDEX IF NOT EXISTS payments_reports ON payments (reported_at) WHERE reported_at IS NOT NULL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Columns added after a table was first created: a sandbox file of an older version gains them. */
const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; definition: string }> = [
  { table: 'refunds', column: 'status', definition: "TEXT NOT NULL DEFAULT 'SUCCESS'" },
  { table: 'refunds', column: 'completes_at', definition: 'INTEGER' },
  // A sandbox file from before journal anchoring lacks prev_hash; its old rows keep an empty one.
  { table: 'journal_records', column: 'prev_hash', definition: "TEXT NOT NULL DEFAULT ''" },
  { table: 'payments', column: 'reported_at', definition: 'INTEGER' },
];

function addMissingColumns(db: SandboxDatabase): void {
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const columns = db.pragma(`table_info(${table})`) as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}

/** Every amount is an integer of minor units; every time is ms since the epoch. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS terminals (
  terminal_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  registered_at INTEGER NOT NULL
);
-- The gateway's own signing keys, newest last, and the rotations between them.
CREATE TABLE IF NOT EXISTS gateway_keys (
  key_no INTEGER PRIMARY KEY AUTOINCREMENT,
  private_pem TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS gateway_key_rotations (
  rotation_no INTEGER PRIMARY KEY AUTOINCREMENT,
  rotation_json TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS nonces (
  terminal_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (terminal_id, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces (expires_at);
-- Nonces are per signing key (not per claimed terminal id): a request signed
-- with a key being registered cannot burn the nonces of the terminal's key.
CREATE TABLE IF NOT EXISTS key_nonces (
  key_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (key_id, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS key_nonces_expiry ON key_nonces (expires_at);
-- One-time enrollment codes for re-keying a registered terminal, consumed on use.
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  consumed_at INTEGER
);

CREATE TABLE IF NOT EXISTS payments (
  payment_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  payment_request_id TEXT NOT NULL,
  scenario TEXT NOT NULL CHECK (scenario IN ('CPM', 'MPM')),
  wallet TEXT,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  customer_amount INTEGER,
  customer_currency TEXT,
  bill_number TEXT,
  order_title TEXT,
  masked_code TEXT,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('PROCESSING', 'SUCCESS', 'FAIL', 'CANCELLED')),
  fail_code TEXT,
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  closed_at INTEGER,
  resolve_at INTEGER,
  resolve_to TEXT,
  qr_payload TEXT,
  expires_at INTEGER,
  refunded INTEGER NOT NULL DEFAULT 0,
  reported_at INTEGER,
  UNIQUE (terminal_id, payment_request_id)
);
CREATE INDEX IF NOT EXISTS payments_bill ON payments (terminal_id, bill_number);
CREATE INDEX IF NOT EXISTS payments_open ON payments (status, resolve_at, expires_at);

-- A cancel for a payment the gateway never saw closes its request id, so a
-- pay that arrives late (after the till gave up) is refused, never charged.
CREATE TABLE IF NOT EXISTS closed_requests (
  terminal_id TEXT NOT NULL,
  payment_request_id TEXT NOT NULL,
  closed_at INTEGER NOT NULL,
  PRIMARY KEY (terminal_id, payment_request_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS refunds (
  refund_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  refund_request_id TEXT NOT NULL,
  payment_id TEXT NOT NULL REFERENCES payments (payment_id),
  amount INTEGER NOT NULL,
  customer_amount INTEGER,
  fingerprint TEXT NOT NULL,
  refunded_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'SUCCESS' CHECK (status IN ('PROCESSING', 'SUCCESS')),
  completes_at INTEGER,
  UNIQUE (terminal_id, refund_request_id)
);
CREATE INDEX IF NOT EXISTS refunds_payment ON refunds (payment_id);

-- Customer payment codes are single-use (WeChat Pay, Alipay+): the first pay consumes one,
-- whatever its result. Codes the customer simulator issued also carry their expiry.
CREATE TABLE IF NOT EXISTS payment_codes (
  code_digest TEXT PRIMARY KEY,
  issued_at INTEGER,
  expires_at INTEGER,
  consumed_at INTEGER,
  consumed_by TEXT
) WITHOUT ROWID;

-- The money ledger: what moved, from which the settlement statements and the
-- admin ledger are read. CHARGE when a payment succeeds, REVERSAL when a paid
-- payment is cancelled, REFUND per refund.
CREATE TABLE IF NOT EXISTS ledger (
  entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
  terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('CHARGE', 'REVERSAL', 'REFUND')),
  payment_id TEXT NOT NULL,
  payment_request_id TEXT NOT NULL,
  refund_request_id TEXT,
  wallet TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  customer_amount INTEGER,
  customer_currency TEXT,
  fee INTEGER NOT NULL,
  net INTEGER NOT NULL,
  at INTEGER NOT NULL,
  business_date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_day ON ledger (terminal_id, business_date);
CREATE INDEX IF NOT EXISTS ledger_payment ON ledger (payment_id);
-- The merchant statement reads a date across every terminal.
CREATE INDEX IF NOT EXISTS ledger_date ON ledger (business_date);

CREATE TABLE IF NOT EXISTS events (
  event_id INTEGER PRIMARY KEY AUTOINCREMENT,
  terminal_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payment_json TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_terminal ON events (terminal_id, event_id);

CREATE TABLE IF NOT EXISTS journal_records (
  record_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  body TEXT NOT NULL,
  detail TEXT,
  received_at INTEGER NOT NULL
);
-- Chain continuity is checked against the neighbours held for the terminal (journal-intake.ts).
CREATE UNIQUE INDEX IF NOT EXISTS journal_records_chain ON journal_records (terminal_id, seq);
`;
