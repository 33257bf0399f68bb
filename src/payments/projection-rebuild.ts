import type { SqliteDatabase } from '../ledger/index.js';
import type { JournalRow } from '../ledger/journal-row.js';
import { PAYMENT_TABLES } from './migrations.js';
import { projectionDrift } from './projection-audit.js';
import { Projector } from './projector.js';

/** Journal rows read per statement: better-sqlite3 refuses writes while a read is still being iterated. */
const SLICE_ROWS = 1_000;

/**
 * Replaces the payment tables with what the journal makes of them: the way
 * out of a projection hold (docs/payments.md), for a till that is stopped and
 * whose journal chain has been checked first. One transaction: a row that
 * does not apply, or tables that still disagree after the replay, throw and
 * leave every table as it was. Returns the journal rows replayed.
 */
export function rebuildProjection(db: SqliteDatabase): number {
  const projector = new Projector(db);
  const slice = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?');
  return db.transaction(() => {
    // Children before parents (PAYMENT_TABLES lists parents first).
    for (const table of [...PAYMENT_TABLES].reverse()) db.prepare(`DELETE FROM ${table}`).run();
    let replayed = 0;
    for (let after = 0; ; ) {
      const rows = slice.all(after, SLICE_ROWS) as JournalRow[];
      if (rows.length === 0) break;
      for (const raw of rows) projector.replay(raw);
      replayed += rows.length;
      after = rows.at(-1)!.seq;
    }
    const left = projectionDrift(db);
    if (left.length > 0) throw new Error(`the rebuilt payment tables still disagree with the journal (${left[0]!.message})`);
    return replayed;
  })();
}
