import {
  type JournalProblem,
  type SqliteDatabase,
  migrate,
  migrations,
  openScratchDatabase,
} from '../ledger/index.js';
import { toRecord, type JournalRow } from '../ledger/journal-row.js';
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

/** Journal rows replayed between two pauses of the sliced comparison: about 20 ms of CPU here. */
const SLICE_ROWS = 1_000;

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
          projector.apply(toRecord(raw));
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
    for (const { table, key } of TABLES) problems.push(...compareTable(db, scratch, table, key));
  } finally {
    scratch.close();
  }
  return problems;
}

function compareTable(stored: SqliteDatabase, rebuilt: SqliteDatabase, table: string, key: string): JournalProblem[] {
  const read = (db: SqliteDatabase) =>
    new Map((db.prepare(`SELECT * FROM ${table}`).all() as Row[]).map((row) => [String(row[key]), row]));
  const have = read(stored);
  const want = read(rebuilt);
  const problems: JournalProblem[] = [];
  for (const [id, row] of have) {
    const truth = want.get(id);
    if (!truth) {
      problems.push({ kind: 'projection', message: `${table} ${id} has no journal records (forged, or its records were deleted)` });
      continue;
    }
    for (const [column, value] of Object.entries(row)) {
      if (value !== truth[column])
        problems.push({ kind: 'projection', message: `${table} ${id}: ${column} is ${String(value)}, the journal says ${String(truth[column])}` });
    }
  }
  for (const id of want.keys()) {
    if (!have.has(id)) problems.push({ kind: 'projection', message: `${table} ${id} is in the journal but missing from the projection` });
  }
  return problems;
}
