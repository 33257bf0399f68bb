import Database from 'better-sqlite3';
import { type Ledger, migrate, migrations } from '../../src/ledger/index.js';
import { PAYMENT_TABLES, migratePayments } from '../../src/payments/migrations.js';
import { Projector } from '../../src/payments/projector.js';

/**
 * Folds the journal's rows into a fresh database and returns both sets of
 * projection tables: the live ones must equal the rebuilt ones, or a
 * projection was written without its journal row (or the other way round).
 */
export function rebuildProjections(ledger: Ledger): { live: Record<string, unknown[]>; rebuilt: Record<string, unknown[]> } {
  const fresh = new Database(':memory:');
  try {
    migrate(fresh, migrations);
    migratePayments(fresh);
    const projector = new Projector(fresh);
    fresh.transaction(() => {
      for (let after = 0; ; ) {
        const rows = ledger.journal.readAfter(after, 1_000);
        if (rows.length === 0) break;
        for (const row of rows) projector.apply(row);
        after = rows[rows.length - 1]!.seq;
      }
    })();
    const dump = (db: Database.Database) =>
      Object.fromEntries(PAYMENT_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
    return { live: dump(ledger.db), rebuilt: dump(fresh) };
  } finally {
    fresh.close();
  }
}
