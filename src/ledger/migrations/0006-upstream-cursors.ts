import type { Migration } from '../migration.js';

/**
 * One cursor per extra upstream (the store server): how far along the
 * journal that upstream has confirmed, so each upstream drains on its own
 * and one that is down never holds back another (the relay's per-row outbox).
 */
export const upstreamCursorsMigration: Migration = {
  version: 6,
  name: 'upstream cursors',
  up(db) {
    db.exec(`
      CREATE TABLE upstream_cursors (
        upstream TEXT PRIMARY KEY,
        acked_seq INTEGER NOT NULL,
        acked_hash TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        last_error TEXT
      );
    `);
  },
};
