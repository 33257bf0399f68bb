import type { Migration } from '../migration.js';

/** The append-only journal with its hash chain, and the outbox of unacknowledged rows. */
export const journalMigration: Migration = {
  version: 1,
  name: 'journal and outbox',
  up(db) {
    db.exec(`
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX journal_by_aggregate ON journal(aggregate_id, seq);
      CREATE INDEX journal_by_kind_at ON journal(kind, at);
      CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
      CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY REFERENCES journal(seq),
        enqueued_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        acked_at INTEGER,
        quarantined_at INTEGER,
        quarantine_reason TEXT
      );
      CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL AND quarantined_at IS NULL;

      CREATE TABLE terminal_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
