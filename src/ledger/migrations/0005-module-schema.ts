import type { Migration } from '../migration.js';

/**
 * The registry of module-owned tables (`migrateModule`): each module keeps
 * its own version here. Also the two journal indexes version 3 used to
 * create (IF NOT EXISTS: a database from before already has them): one Z
 * report per business day (a unique index over the journal's `closeout.z`
 * rows, docs/closeout.md), and the report's list of records the gateway
 * refused, which would otherwise scan the whole outbox.
 */
export const moduleSchemaMigration: Migration = {
  version: 5,
  name: 'module schema registry and journal indexes',
  up(db) {
    db.exec(`
      CREATE TABLE module_schema (
        module TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS journal_one_z_per_day ON journal(aggregate_id) WHERE kind = 'closeout.z';
      CREATE INDEX IF NOT EXISTS outbox_quarantined ON outbox(seq) WHERE quarantined_at IS NOT NULL AND acked_at IS NULL;
    `);
  },
};
