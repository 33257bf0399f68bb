import type { Clock } from '../../src/platform/clock.js';
import type { Queryable, StoreDatabase } from './database.js';

/**
 * journal_records is partitioned by store, then by month (issue 18 point 6,
 * docs/scaling.md "Partitions"): hash partitions `journal_records_p0..p7` by
 * `store_id`, each split by range of `at` into one table per UTC month
 * (`journal_records_p3_m202612`) and a default (`journal_records_p3_default`)
 * for any record outside the months made. A month's rows then live in a few
 * tables of their own: the dashboard's time windows read only those, and an
 * old month can be vacuumed, archived or detached alone.
 *
 * Month tables are made here, ahead of time, never on the upload path.
 */
export const STORE_PARTITIONS = 8;

/** Months made ahead of the current one, so a server that runs for weeks never writes into a default. */
const MONTHS_AHEAD = 2;
/** How far back a record found in a default gets its month made (older ones stay there: a till clock years off). */
const MONTHS_BACK = 36;

/** An arbitrary constant: the advisory lock that lets one process at a time make month tables. */
const MONTHS_LOCK = 180_002;
/** How often a running server checks its months are made. */
const UPKEEP_MS = 86_400_000;

/** The hash partitions of journal_records, by store. */
export function storePartitionNames(): string[] {
  return Array.from({ length: STORE_PARTITIONS }, (_, i) => `journal_records_p${i}`);
}

/** A UTC month as [first ms, first ms of the next month) and its table suffix `mYYYYMM`. */
interface Month {
  from: number;
  to: number;
  suffix: string;
}

function monthOf(year: number, monthIndex: number): Month {
  // Date.UTC carries a month index past 11 into the next year.
  const start = new Date(Date.UTC(year, monthIndex, 1));
  return {
    from: start.getTime(),
    to: Date.UTC(year, monthIndex + 1, 1),
    suffix: `m${start.getUTCFullYear()}${String(start.getUTCMonth() + 1).padStart(2, '0')}`,
  };
}

/** Every month from the one holding `fromMs` to the one holding `toMs`, oldest first. */
export function monthsBetween(fromMs: number, toMs: number): Month[] {
  const first = new Date(fromMs);
  const months: Month[] = [];
  for (let k = 0; ; k++) {
    const month = monthOf(first.getUTCFullYear(), first.getUTCMonth() + k);
    if (month.from > toMs) return months;
    months.push(month);
  }
}

/**
 * Makes the month tables from the oldest record waiting in a default (at
 * most 36 months back) to two months ahead of `clock`, moving each month's
 * rows out of the default into its new table. Run inside the migration's
 * transaction and advisory lock (several processes may start at once), and
 * daily by a running server. Returns the tables made.
 */
export async function ensureJournalMonths(tx: Queryable, clock: Clock): Promise<string[]> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MONTHS_LOCK]);
  const now = clock.now();
  const earliest = new Date(now);
  earliest.setUTCMonth(earliest.getUTCMonth() - MONTHS_BACK);
  const latest = new Date(now);
  latest.setUTCMonth(latest.getUTCMonth() + MONTHS_AHEAD);
  const existing = new Set(
    (await tx.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname LIKE 'journal\\_records\\_p%\\_m%' AND relkind IN ('r', 'p')`)).rows.map(
      (r) => r.relname,
    ),
  );
  const made: string[] = [];
  for (const parent of storePartitionNames()) {
    const waiting = (await tx.query<{ lo: string | number | null }>(`SELECT min(at) AS lo FROM ${parent}_default`)).rows[0]?.lo;
    const from = waiting == null ? now : Math.min(now, Math.max(Number(waiting), earliest.getTime()));
    for (const month of monthsBetween(from, latest.getTime())) {
      const table = `${parent}_${month.suffix}`;
      if (existing.has(table)) continue;
      if (waiting == null) {
        await tx.query(`CREATE TABLE ${table} PARTITION OF ${parent} FOR VALUES FROM (${month.from}) TO (${month.to})`);
      } else {
        // A default holding rows of this month would refuse the new partition: move them first.
        await tx.query(`CREATE TABLE ${table} (LIKE ${parent})`);
        await tx.query(
          `WITH moved AS (DELETE FROM ${parent}_default WHERE at >= ${month.from} AND at < ${month.to} RETURNING *) INSERT INTO ${table} SELECT * FROM moved`,
        );
        await tx.query(`ALTER TABLE ${parent} ATTACH PARTITION ${table} FOR VALUES FROM (${month.from}) TO (${month.to})`);
      }
      made.push(table);
    }
  }
  return made;
}

/**
 * A running server's daily upkeep: the months ahead are made while the
 * server runs for months without a restart. Returns the stop.
 */
export function keepJournalMonths(db: StoreDatabase, clock: Clock, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => void db.transaction((tx) => ensureJournalMonths(tx, clock)).catch(onError), UPKEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
