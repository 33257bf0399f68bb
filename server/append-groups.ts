import type { Clock } from '../src/platform/clock.js';
import type { StoreRecord } from '../src/store/protocol.js';
import type { StoreDatabase } from './db/database.js';
import type { RequestNonce, TillIdentity } from './till-auth.js';

/**
 * A record whose hash was checked, with the canonical body the check wrote
 * out: the row stores those very bytes, so no body is serialised twice.
 */
export interface CheckedRecord extends StoreRecord {
  canonicalBody: string;
}

/** One till's clean piece of chain, waiting to be stored if the till's head is where it starts. */
export interface AppendRequest {
  till: TillIdentity;
  /** Distinct consecutive seqs, each linking to the one before, hashes checked. */
  chain: readonly CheckedRecord[];
  nonce?: RequestNonce;
}

/** What the statement did for one request. */
export interface AppendResult {
  /** False: the nonce was consumed before (a replay); nothing stored. */
  nonceOk: boolean;
  /** False: the till's head was elsewhere; nothing stored (the nonce consumed). */
  moved: boolean;
  stored: number;
}

/** At most this many requests in one statement (a protocol batch is up to 500 records). */
const MAX_GROUP = 64;
/**
 * Statements in flight at once per process; more requests wait and join the next group.
 * One: with more, a slot is usually free when an upload arrives and groups stay near one
 * upload (docs/scaling.md: 13,871 records/s with 4, 14,678 with 2, 15,841 with 1).
 */
const MAX_IN_FLIGHT = 1;

interface Waiting {
  request: AppendRequest;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Stores many tills' clean batches in ONE statement and one commit (issue 18's
 * ingest figure is commits and round trips, not rows): while a statement is
 * in flight, the uploads that arrive gather into the next one, the way
 * PostgreSQL's group commit gathers flushes. Each request keeps its own
 * conditions, checked by the database in that statement: its nonce consumed
 * (request_nonces' key), its till's head moved only if it is still where the
 * batch starts (the row lock serialises processes per till), its records
 * inserted only if its head moved. A till appears once per group, so its
 * second batch (which needs the first's head) waits for the next group.
 *
 * A statement that fails (a key already taken, a deadlock between two
 * processes' groups) stored nothing: each of its requests is then tried
 * alone, so one bad upload never fails another till's.
 */
export class AppendGroups {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
  ) {}

  /** Stores `request` with whichever group it joins. */
  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      // The uploads whose requests were read in this turn of the event loop go together.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.inFlight++;
      void this.run(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The next group: oldest first, one request per till. */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const tills = new Set<string>();
    for (let i = 0; i < this.waiting.length && group.length < MAX_GROUP; ) {
      const entry = this.waiting[i]!;
      if (tills.has(entry.request.till.tillId)) {
        i++;
        continue;
      }
      tills.add(entry.request.till.tillId);
      group.push(entry);
      this.waiting.splice(i, 1);
    }
    return group;
  }

  private async run(group: Waiting[]): Promise<void> {
    try {
      const results = await this.statement(group.map((w) => w.request));
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      // Nothing of the failed statement was stored: each request alone, so the fault stays with its own.
      await Promise.all(
        group.map(async (w) => {
          try {
            w.resolve((await this.statement([w.request]))[0]!);
          } catch (alone) {
            w.reject(alone);
          }
        }),
      );
    }
  }

  /** The one statement for `requests` (distinct tills), its results in their order. */
  private async statement(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    // Locks taken in till order, so two processes' groups over the same tills queue rather than deadlock.
    const order = requests.map((r, i) => ({ r, i })).sort((a, b) => (a.r.till.tillId < b.r.till.tillId ? -1 : 1));
    const heads = order.map(({ r }) => ({ first: r.chain[0]!, last: r.chain[r.chain.length - 1]! }));
    const owners = order.flatMap(({ r }) => r.chain.map(() => r.till));
    const { rows } = await this.db.query<{ till_id: string; nonce_ok: boolean; moved: boolean; stored: number }>(
      `WITH u AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[], $8::text[])
           AS u(till_id, nonce, nonce_expires, from_seq, from_hash, to_seq, to_hash)
       ), n AS (
         INSERT INTO request_nonces (till_id, nonce, expires_at)
         SELECT till_id, nonce, nonce_expires FROM u WHERE nonce IS NOT NULL ORDER BY till_id
         ON CONFLICT DO NOTHING RETURNING till_id
       ), h AS (
         UPDATE tills t SET head_seq = u.to_seq, head_hash = u.to_hash, last_seen_at = $1::bigint
         FROM u
         WHERE t.till_id = u.till_id AND t.head_seq = u.from_seq AND t.head_hash = u.from_hash
           AND (u.nonce IS NULL OR u.till_id IN (SELECT till_id FROM n))
         RETURNING t.till_id
       ), ins AS (
         INSERT INTO journal_records (store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at)
         SELECT st, ti, s, r, k, a, t, b, p, hh, $1::bigint
         FROM unnest($9::text[], $10::text[], $11::bigint[], $12::uuid[], $13::text[], $14::text[], $15::bigint[], $16::text[], $17::text[], $18::text[])
           AS x(st, ti, s, r, k, a, t, b, p, hh)
         WHERE ti IN (SELECT till_id FROM h)
         RETURNING till_id
       )
       SELECT u.till_id,
              (u.nonce IS NULL OR u.till_id IN (SELECT till_id FROM n)) AS nonce_ok,
              (u.till_id IN (SELECT till_id FROM h)) AS moved,
              (SELECT count(*) FROM ins WHERE ins.till_id = u.till_id)::int AS stored
       FROM u`,
      [
        this.clock.now(),
        order.map(({ r }) => r.till.tillId),
        order.map(({ r }) => r.nonce?.nonce ?? null),
        order.map(({ r }) => r.nonce?.expiresAt ?? null),
        heads.map((h) => h.first.seq - 1),
        heads.map((h) => h.first.prevHash),
        heads.map((h) => h.last.seq),
        heads.map((h) => h.last.hash),
        owners.map((t) => t.storeId),
        owners.map((t) => t.tillId),
        ...recordColumns(order.flatMap(({ r }) => r.chain)),
      ],
    );
    const byTill = new Map(rows.map((row) => [row.till_id, row]));
    return requests.map((r) => {
      const row = byTill.get(r.till.tillId)!;
      return { nonceOk: row.nonce_ok, moved: row.moved, stored: Number(row.stored) };
    });
  }
}

/**
 * The records as column arrays, for one INSERT ... SELECT FROM unnest(...)
 * per batch: seq, record id, kind, aggregate, at, canonical body, prevHash, hash.
 */
export function recordColumns(records: readonly CheckedRecord[]): unknown[][] {
  const column = <T>(pick: (r: CheckedRecord) => T) => records.map(pick);
  return [
    column((r) => r.seq),
    column((r) => r.recordId),
    column((r) => r.kind),
    column((r) => r.aggregateId),
    column((r) => r.at),
    column((r) => r.canonicalBody),
    column((r) => r.prevHash),
    column((r) => r.hash),
  ];
}
