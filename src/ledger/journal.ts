import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { SqliteDatabase } from './database.js';
import { GENESIS_HASH, chainHash } from './hash-chain.js';
import { type JournalEntry, chainedRow } from './journal-bulk.js';
import { type JournalRecord, type JournalRow, toRecord } from './journal-row.js';
import { parseJsonObject } from '../platform/stored-json.js';

export type { JournalRecord } from './journal-row.js';
export type { JournalEntry } from './journal-bulk.js';

/** The result of walking the hash chain. */
export type VerifyResult =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; seq: number; recordId: string; reason: string };

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
    /** New record ids: random UUIDs; a generated bench journal passes ordered ones (see `openLedger`). */
    private readonly newRecordId: () => string = randomUUID,
  ) {
    this.tailQuery = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    this.insertRow = db.prepare(
      `INSERT INTO journal (seq, record_id, kind, aggregate_id, at, body, prev_hash, hash)
       VALUES (@seq, @recordId, @kind, @aggregateId, @at, @body, @prevHash, @hash)`,
    );
    this.insertOutbox = db.prepare('INSERT INTO outbox (seq, enqueued_at) VALUES (?, ?)');
    this.immediate = db.transaction((work: () => unknown) => work()).immediate as <T>(work: () => T) => T;
  }

  /**
   * Appends entries atomically (all or none) and returns them as stored. When
   * called inside a caller's `db.transaction`, they commit with it.
   */
  append(...entries: JournalEntry[]): JournalRecord[] {
    return this.atomically(() => entries.map((entry) => this.appendOne(entry)));
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

  private appendOne(entry: JournalEntry): JournalRecord {
    // The tail is read inside the write transaction, never cached, so the
    // chain stays whole whoever else appended and whatever rolled back.
    const tail = this.tail();
    const row = chainedRow(tail, entry, this.clock.now(), this.newRecordId());
    this.insertRow.run(row);
    if (entry.sync) this.insertOutbox.run(row.seq, row.at);
    return { ...row, body: parseJsonObject(row.body, `journal row ${row.seq}`) };
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
   * rows up to it) and names the first row whose content, link or position
   * does not match: the row someone edited behind the app's back.
   */
  verify(options: { afterSeq?: number } = {}): VerifyResult {
    const afterSeq = options.afterSeq ?? 0;
    let prevHash = GENESIS_HASH;
    if (afterSeq > 0) {
      const anchor = this.db.prepare('SELECT hash FROM journal WHERE seq = ?').get(afterSeq) as
        | { hash: string }
        | undefined;
      if (!anchor) throw new RangeError(`no journal row ${afterSeq} to verify from`);
      prevHash = anchor.hash;
    }
    let expectedSeq = afterSeq + 1;
    let rows = 0;
    const iterate = this.db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq').iterate(afterSeq);
    for (const raw of iterate as Iterable<JournalRow>) {
      const fail = (reason: string): VerifyResult => ({ ok: false, rows, seq: raw.seq, recordId: raw.record_id, reason });
      if (raw.seq !== expectedSeq) return fail(`row ${expectedSeq} is missing before row ${raw.seq}`);
      if (raw.prev_hash !== prevHash) return fail(`row ${raw.seq} does not link to the row before it`);
      const recomputed = chainHash(prevHash, {
        seq: raw.seq,
        recordId: raw.record_id,
        kind: raw.kind,
        aggregateId: raw.aggregate_id,
        at: raw.at,
        body: raw.body,
      });
      if (recomputed !== raw.hash) return fail(`row ${raw.seq} (${raw.kind}) was changed after it was written`);
      prevHash = raw.hash;
      expectedSeq++;
      rows++;
    }
    return { ok: true, rows, lastHash: prevHash };
  }
}
