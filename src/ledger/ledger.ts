import type { Clock } from '../platform/clock.js';
import { type SqliteDatabase, openDatabase } from './database.js';
import { Journal } from './journal.js';
import { type Migration, migrate } from './migration.js';
import { migrations as allMigrations } from './migrations/index.js';
import { Outbox } from './outbox.js';

/** An open journal database with its services. */
export interface Ledger {
  db: SqliteDatabase;
  journal: Journal;
  outbox: Outbox;
  schemaVersion: number;
  close(): void;
}

/**
 * Opens (creating if needed) the till's journal: durable connection, schema
 * brought up to date, journal and outbox ready.
 */
export function openLedger(
  path: string,
  deps: {
    clock: Clock;
    migrations?: readonly Migration[];
    /**
     * Record ids for new rows (default time-ordered UUIDs, record-ids.ts).
     * Only a bulk-generated journal passes its own: a counter, since its
     * clock is simulated and millions of rows are made in minutes.
     */
    recordIds?: () => string;
  },
): Ledger {
  const db = openDatabase(path);
  try {
    const schemaVersion = migrate(db, deps.migrations ?? allMigrations);
    return {
      db,
      journal: new Journal(db, deps.clock, deps.recordIds),
      outbox: new Outbox(db, deps.clock),
      schemaVersion,
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
