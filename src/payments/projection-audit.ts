import {
  type JournalProblem,
  type SqliteDatabase,
  migrate,
  migrations,
  openScratchDatabase,
} from '../ledger/index.js';
import type { JournalRow } from '../ledger/journal-row.js';
import { PAYMENT_TABLES, migratePayments } from './migrations.js';
import { Projector } from './projector.js';

/** The key of each projection table: typed over PAYMENT_TABLES, so a new table cannot be left out of the comparison. */
const KEYS: Record<(typeof PAYMENT_TABLES)[number], string> = {
  pay_business_days: 'business_date',
  pay_sales: 'sale_id',
  pay_tenders: 'tender_id',
  pay_refunds: 'refund_id',
  pay_cash_receipts: 'tender_id',
  pay_counters: 'name',
};
const TABLES = PAYMENT_TABLES.map((table) => ({ table, key: KEYS[table] }));

type Row = Record<string, unknown>;

/** Rows replayed or compared between two pauses of the sliced comparison: 1,000 took up to 150 ms at load 12 (bench/projection-check.ts). */
const SLICE_ROWS = 250;

/**
 * Rebuilds the payment projection from the journal in a scratch database and
 * names every stored row that disagrees with it: a row edited behind the
 * app's back (pay_tenders.amount 4,500 → 450,000, which history would offer
 * as refundable), a row the journal never made, a row whose journal records
 * were deleted. The journal is the truth (docs/payments.md); the projection
 * is only its index.
 */
export function projectionDrift(db: SqliteDatabase): JournalProblem[] {
  const steps = driftSteps(db);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same comparison, pausing after every slice of journal rows so that a
 * till running it at start-up goes on answering. `db` must see one snapshot
 * throughout: a read-only connection inside a transaction, so the till's own
 * writes meanwhile are not taken for drift.
 */
export async function projectionDriftInSlices(db: SqliteDatabase, pause: () => Promise<void>): Promise<JournalProblem[]> {
  const steps = driftSteps(db);
  try {
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await pause();
    }
  } finally {
    // A pause that threw (the till is stopping) closes the scratch database too.
    steps.return([]);
  }
}

function* driftSteps(db: SqliteDatabase): Generator<void, JournalProblem[]> {
  const scratch = openScratchDatabase();
  const problems: JournalProblem[] = [];
  try {
    migrate(scratch, migrations);
    migratePayments(scratch);
    const projector = new Projector(scratch);
    const slice = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?');
    const replay = scratch.transaction((rows: JournalRow[]) => {
      for (const raw of rows) {
        try {
          projector.replay(raw);
        } catch (error) {
          problems.push({ kind: 'projection', seq: raw.seq, message: `row ${raw.seq} (${raw.kind}) does not apply: ${(error as Error).message}` });
        }
      }
    });
    for (let after = 0; ; ) {
      const rows = slice.all(after, SLICE_ROWS) as JournalRow[];
      if (rows.length === 0) break;
      replay(rows);
      after = rows.at(-1)!.seq;
      yield;
    }
    for (const { table, key } of TABLES) yield* compareTable(db, scratch, table, key, problems);
  } finally {
    scratch.close();
  }
  return problems;
}

/**
 * Names each row of `table` that differs from the rebuilt one, then each
 * rebuilt row the store lacks; a slice of rows at a time, by rowid, each
 * looked up by its key on the other side (a year has a million tenders).
 */
function* compareTable(stored: SqliteDatabase, rebuilt: SqliteDatabase, table: string, key: string, problems: JournalProblem[]): Generator<void> {
  const inSlices = function* (db: SqliteDatabase) {
    const slice = db.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${SLICE_ROWS}`);
    for (let after = 0; ; ) {
      const rows = slice.all(after) as Row[];
      if (rows.length === 0) return;
      after = Number(rows.at(-1)!._rowid);
      yield rows.map(({ _rowid, ...row }) => row);
    }
  };
  const byKey = (db: SqliteDatabase) => db.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`);
  const truthOf = byKey(rebuilt);
  for (const rows of inSlices(stored)) {
    for (const row of rows) {
      const id = String(row[key]);
      const truth = truthOf.get(row[key]) as Row | undefined;
      if (!truth) {
        problems.push({ kind: 'projection', message: `${table} ${id} has no journal records (forged, or its records were deleted)` });
        continue;
      }
      for (const [column, value] of Object.entries(row)) {
        if (value !== truth[column])
          problems.push({ kind: 'projection', message: `${table} ${id}: ${column} is ${String(value)}, the journal says ${String(truth[column])}` });
      }
    }
    yield;
  }
  const storedRow = byKey(stored);
  for (const rows of inSlices(rebuilt)) {
    for (const row of rows) {
      if (!storedRow.get(row[key])) problems.push({ kind: 'projection', message: `${table} ${String(row[key])} is in the journal but missing from the projection` });
    }
    yield;
  }
}
