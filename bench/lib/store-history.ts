import type { Clock } from '../../src/platform/clock.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { GENESIS_HASH } from '../../src/ledger/hash-chain.js';
import type { StoreDatabase } from '../../server/db/database.js';
import { ensureJournalMonths } from '../../server/db/journal-months.js';
import { benchZReport } from './store-z.js';

/** The history's Z amount per channel (benchZReport). */
const Z_AMOUNT = 50_000;
/** Stand-ins in the Z template (values the Z schema takes), each replaced by the database per till and day. */
const TILL = 'TILL-STAND-IN';
const DATE = '2099-12-31';
const GENERATED = String(Date.parse(`${DATE}T15:00:00Z`));

/** A Z body of `tillId`'s `date`, as a till journals it (closeout.z). */
export function historyZBody(tillId: string, date: string): { report: ReturnType<typeof benchZReport>; closedBy: string; closedByName: string; recordedOpen: boolean; nextBusinessDate: string } {
  return { report: benchZReport(tillId, date, Z_AMOUNT), closedBy: 'o1', closedByName: 'Owner', recordedOpen: false, nextBusinessDate: date };
}

/**
 * One canonical Z body made for stand-in values: the database fills in each
 * row's till, date and time made. Canonical JSON's key order does not depend
 * on values, so the filled text is byte for byte the canonical JSON of that
 * till's and day's own body (checked once when the bench was changed: 2,640
 * rows equal to the ones built in Node).
 */
function zTemplate(): string {
  const template = canonicalJson(historyZBody(TILL, DATE));
  const count = (part: string) => template.split(part).length - 1;
  if (count(`"${TILL}"`) !== 1 || count(`"${DATE}"`) !== 2 || count(GENERATED) !== 1 || count(TILL) + count(DATE) !== 3) {
    throw new Error('a Z template stand-in is not where expected');
  }
  return template;
}

/** What the history holds, and the Zs written by the caller (signed ones) left out. */
export interface StoreHistory {
  storeIds: readonly string[];
  /** Business dates, `YYYY-MM-DD`, oldest first. */
  days: readonly string[];
  /** Per store, per day, tills `<store>-T1`, `<store>-T2`... each with a Z and this many sale records. */
  tills: number;
  sales: number;
  /** `store/date` pairs whose Zs are signed, as a till signs its Z: the store close-out counts no other. */
  signed: ReadonlySet<string>;
  /** Signs a Z body with its till's key (src/closeout/z-signature.ts). */
  sign(tillId: string, body: ReturnType<typeof historyZBody>): unknown;
}

/**
 * Writes the store figures' history (issue 18: a store's close-out "with 100
 * stores x 365 days of history") made by the database itself, rows generated
 * by `generate_series`, in one statement a day range: building and sending
 * 803,000 rows from Node took 65 s of the bench's 90. Each row at noon KST of
 * its day (03:00 UTC) plus its seq, so the dashboard's windows select a real
 * day. The first day goes in first and the server's own upkeep
 * (ensureJournalMonths) makes the months from it, moving it out of the
 * defaults; the other days then land in their month tables directly rather
 * than being moved there afterwards.
 */
export async function writeStoreHistory(db: StoreDatabase, clock: Clock, history: StoreHistory): Promise<void> {
  const template = zTemplate();
  const insert = (days: readonly string[], firstDay: number) =>
    db.query(
      `INSERT INTO journal_records (store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at)
       SELECT st.store_id, r.till_id, r.seq, gen_random_uuid(),
              CASE WHEN s = 0 THEN 'closeout.z' ELSE 'bench.sale' END,
              CASE WHEN s = 0 THEN 'day:' || dy.day ELSE r.till_id || '-' || dy.day || '-' || s END,
              dy.noon + r.seq,
              CASE WHEN s = 0
                THEN replace(replace(replace($1, $2, '"' || r.till_id || '"'), $3, '"' || dy.day || '"'), $4, (dy.noon + 43200000)::text)
                ELSE '{"amount":' || (1000 * s + t) || '}' END,
              $5, $5, 0
       FROM unnest($6::text[]) WITH ORDINALITY AS st(store_id, k)
       CROSS JOIN unnest($7::text[]) WITH ORDINALITY AS dy0(day, d)
       CROSS JOIN LATERAL (SELECT dy0.day, dy0.d + $8 - 1 AS d, (extract(epoch FROM dy0.day::date) * 1000)::bigint + 10800000 AS noon) AS dy
       CROSS JOIN generate_series(0, $9 - 1) AS t
       CROSS JOIN generate_series(0, $10) AS s
       CROSS JOIN LATERAL (SELECT st.store_id || '-T' || (t + 1) AS till_id, 1000 + dy.d * ($10 + 1) + s AS seq) AS r
       ORDER BY st.k, t, dy.d, s`,
      [
        template,
        `"${TILL}"`,
        `"${DATE}"`,
        GENERATED,
        GENESIS_HASH,
        history.storeIds,
        days,
        firstDay,
        history.tills,
        history.sales,
      ],
    );
  await insert(history.days.slice(0, 1), 0);
  await db.transaction((tx) => ensureJournalMonths(tx, clock));
  await insert(history.days.slice(1), 1);
  // Signing every one of the 73,000 Zs would add a minute: the days the figures close are signed in place.
  for (const pair of history.signed) {
    const [storeId, date] = pair.split('/') as [string, string];
    for (let t = 1; t <= history.tills; t++) {
      const tillId = `${storeId}-T${t}`;
      await db.query(`UPDATE journal_records SET body = $1 WHERE store_id = $2 AND aggregate_id = $3 AND kind = 'closeout.z' AND till_id = $4`, [
        canonicalJson(history.sign(tillId, historyZBody(tillId, date))),
        storeId,
        `day:${date}`,
        tillId,
      ]);
    }
  }
}
