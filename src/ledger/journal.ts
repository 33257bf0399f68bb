import type { Clock } from '../platform/clock.js';
import type { SqliteDatabase } from './database.js';
import { GENESIS_HASH } from './hash-chain.js';
import { type JournalProblem, auditChain } from './journal-audit.js';
import { type ChainedRow, type JournalEntry, chainedRow } from './journal-bulk.js';
import { type JournalRecord, type JournalRow, toRecord } from './journal-row.js';
import { orderedRecordIds } from './record-ids.js';
import { parseJsonObject } from '../platform/stored-json.js';

export type { JournalRecord } from './journal-row.js';
export type { JournalEntry } from './journal-bulk.js';

/** The result of walking the hash chain. */
export type VerifyResult =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; seq: number; reason: string; problems: JournalProblem[] };

/**
 * The append-only, hash-chained journal. Every sale, payment attempt, result,
 * refund, cash movement and close-out is appended here before any side effect
 * leaves the machine. Safe with several connections to one file (the app and
 * an operator's CLI): each append takes the write lock, then reads the tail.
 */
export class Journal {
  private readonly tailQuery;
  private readonly insertRow;
  private readonly insertOutbox;
  /**
   * One transaction function for the connection, made once: better-sqlite3's
   * `db.transaction(fn)` builds four wrappers per call, a third of an
   * append's JavaScript time when made per write (bench/journal-append.ts).
   * Inside an open transaction it takes a savepoint, as before.
   */
  private readonly immediate: <T>(work: () => T) => T;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    /** New record ids: time-ordered UUIDs (record-ids.ts); a generated bench journal passes its own (see `openLedger`). */
    private readonly newRecordId: () => string = orderedRecordIds(clock),
  ) {
    this.tailQuery = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    // Positional: binding by name looks each of the eight up on the row object, per append.
    this.insertRow = db.prepare('INSERT INTO journal (seq, record_id, kind, aggregate_id, at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertOutbox = db.prepare('INSERT INTO outbox (seq, enqueued_at) VALUES (?, ?)');
    this.immediate = db.transaction((work: () => unknown) => work()).immediate as <T>(work: () => T) => T;
  }

  /**
   * Appends entries atomically (all or none) and returns them as stored. When
   * called inside a caller's `db.transaction`, they commit with it.
   */
  append(...entries: JournalEntry[]): JournalRecord[] {
    return this.atomically(() =>
      entries.map((entry) => {
        const row = this.appendOne(entry);
        return { ...row, body: parseJsonObject(row.body, `journal row ${row.seq}`) };
      }),
    );
  }

  /**
   * Appends one entry inside the caller's open transaction, without a
   * savepoint of its own: for a writer that commits the row with more (its
   * projection) and whose transaction rolls back whole on any throw
   * (PaymentStore). The savepoint `append` takes there cost as much as the
   * commit's BEGIN and COMMIT (bench/journal-append.ts). The record returned
   * carries the caller's own body, not the stored text parsed back: the
   * writer built it and has it typed already.
   */
  appendInTransaction(entry: JournalEntry): JournalRecord {
    if (!this.db.inTransaction) throw new Error('appendInTransaction needs an open transaction');
    return { ...this.appendOne(entry), body: entry.body };
  }

  /**
   * Runs `work` in one SQLite transaction: the journal rows it appends and
   * whatever projection rows it writes commit together or not at all (a full
   * disk rolls back the whole sale step, never half of it).
   */
  atomically<T>(work: () => T): T {
    // IMMEDIATE takes the write lock before the chain tail is read, so a
    // second writer (an operator's CLI close-out beside the running app) waits
    // instead of forking the chain.
    return this.immediate(work);
  }

  private appendOne(entry: JournalEntry): ChainedRow {
    // The tail is read inside the write transaction, never cached, so the
    // chain stays whole whoever else appended and whatever rolled back.
    const tail = this.tail();
    const row = chainedRow(tail, entry, this.clock.now(), this.newRecordId());
    this.insertRow.run(row.seq, row.recordId, row.kind, row.aggregateId, row.at, row.body, row.prevHash, row.hash);
    if (entry.sync) this.insertOutbox.run(row.seq, row.at);
    return row;
  }

  /** The row with this sequence number, if any. */
  get(seq: number): JournalRecord | undefined {
    const row = this.db.prepare('SELECT * FROM journal WHERE seq = ?').get(seq) as JournalRow | undefined;
    return row && toRecord(row);
  }

  /** Every row of one aggregate (a sale, a payment), oldest first. */
  forAggregate(aggregateId: string): JournalRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM journal WHERE aggregate_id = ? ORDER BY seq')
      .all(aggregateId) as JournalRow[];
    return rows.map(toRecord);
  }

  /** Rows with seq greater than `afterSeq`, oldest first, at most `limit`. */
  readAfter(afterSeq: number, limit: number): JournalRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, limit) as JournalRow[];
    return rows.map(toRecord);
  }

  /** Every row of one kind, oldest first (the Zs that `journal verify` checks). */
  ofKind(kind: string): JournalRecord[] {
    const rows = this.db.prepare('SELECT * FROM journal WHERE kind = ? ORDER BY seq').all(kind) as JournalRow[];
    return rows.map(toRecord);
  }

  /** The newest row of one kind, if any (a snapshot kind such as the open cart). */
  latestOfKind(kind: string): JournalRecord | undefined {
    // (kind, at) is indexed: the newest is found without scanning the kind's rows.
    const row = this.db
      .prepare('SELECT * FROM journal WHERE kind = ? ORDER BY at DESC, seq DESC LIMIT 1')
      .get(kind) as JournalRow | undefined;
    return row && toRecord(row);
  }

  /** The number of rows and the newest hash. */
  tail(): { seq: number; hash: string } {
    const row = this.tailQuery.get() as { seq: number; hash: string } | undefined;
    return { seq: row?.seq ?? 0, hash: row?.hash ?? GENESIS_HASH };
  }

  /**
   * Walks the hash chain from the first row (or from `afterSeq`, trusting the
   * rows up to it) with the one audit `pos journal verify` runs
   * (journal-audit.ts), and names the first problem: the row someone edited,
   * deleted or moved behind the app's back.
   */
  verify(options: { afterSeq?: number } = {}): VerifyResult {
    const audit = auditChain(this.db, { fromSeq: options.afterSeq ?? 0 });
    const [first] = audit.problems;
    if (!first) return { ok: true, rows: audit.rows, lastHash: audit.head.hash };
    return { ok: false, rows: audit.rows, seq: first.seq ?? audit.head.seq, reason: first.message, problems: audit.problems };
  }
}
