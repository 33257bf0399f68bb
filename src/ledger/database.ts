import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** The pragmas a journal connection must run with, and what they must read back as. */
const REQUIRED_PRAGMAS: ReadonlyArray<[pragma: string, set: string, expected: string | number]> = [
  ['journal_mode', 'WAL', 'wal'],
  // better-sqlite3 is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a WAL
  // database silently runs at NORMAL (1) and can lose committed sales on power
  // loss. FULL (2) fsyncs the WAL on every commit.
  ['synchronous', 'FULL', 2],
  ['foreign_keys', 'ON', 1],
];

/** Raised when a connection does not run with the durability the journal needs. */
export class DurabilityError extends Error {}

/**
 * Opens a SQLite file as a journal connection: WAL, synchronous=FULL and
 * foreign keys, each set explicitly and read back. Every connection (the app's,
 * the print queue's, a CLI's) goes through here.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  const db = new Database(path, { readonly: options.readonly ?? false, timeout: 5_000 });
  try {
    for (const [pragma, value, expected] of REQUIRED_PRAGMAS) {
      if (options.readonly && pragma === 'journal_mode') continue;
      db.pragma(`${pragma} = ${value}`);
      const actual = db.pragma(pragma, { simple: true });
      if (actual !== expected) {
        throw new DurabilityError(`${path}: PRAGMA ${pragma} is ${String(actual)}, expected ${expected}`);
      }
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Runs `work` in one transaction committed without an fsync (synchronous =
 * NORMAL for this commit only; FULL again afterwards). In WAL mode such a
 * commit survives a killed process (it is in the operating system's cache)
 * and is forced to disk by the next FULL commit; only a power cut before
 * that can lose it. For facts whose loss costs a re-delivery and nothing
 * else (the event stream cursor: a lost cursor replays events the engine
 * applies idempotently), never for money. Inside an open transaction it
 * simply joins it.
 */
export function commitWithoutFsync<T>(db: SqliteDatabase, work: () => T): T {
  if (db.inTransaction) return work();
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(work).immediate();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/**
 * A throwaway in-memory database with foreign keys on, for rebuilding a
 * projection from the journal to compare it with the stored one (nothing in
 * it needs to survive power loss, so no WAL).
 */
export function openScratchDatabase(): SqliteDatabase {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}
