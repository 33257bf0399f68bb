import { canonicalJson } from './canonical-json.js';
import type { SqliteDatabase } from './database.js';
import { GENESIS_HASH, chainHash, type HashedContent } from './hash-chain.js';
import type { JournalRecord } from './journal-row.js';
import { parseJsonObject } from '../platform/stored-json.js';

/** What a writer asks the journal to record (see Journal.append). */
export interface JournalEntry {
  kind: string;
  /** The sale, payment, drawer session or business day the record belongs to. */
  aggregateId: string;
  body: Record<string, unknown>;
  /** Whether the gateway must receive it (queued in the outbox in the same transaction). */
  sync?: boolean;
}

/** A chained row ready to insert: its hashed content (the body as canonical JSON) and its links. */
export type ChainedRow = HashedContent & { prevHash: string; hash: string };

/** The row that follows `tail` in the chain: the one place a new row's content and hash are made. */
export function chainedRow(tail: { seq: number; hash: string }, entry: JournalEntry, at: number, recordId: string): ChainedRow {
  return chained(tail, { kind: entry.kind, aggregateId: entry.aggregateId, body: canonicalJson(entry.body) }, at, recordId);
}

/** What a copied row keeps of its original: the body is stored canonical JSON already. */
export interface CanonicalEntry {
  kind: string;
  aggregateId: string;
  body: string;
  sync: boolean;
}

/** A stored row as `BulkJournalWriter.copy` takes it again, with its time. */
export type StoredEntry = CanonicalEntry & { at: number };

function chained(tail: { seq: number; hash: string }, entry: Omit<CanonicalEntry, 'sync'>, at: number, recordId: string): ChainedRow {
  const content = { seq: tail.seq + 1, recordId, kind: entry.kind, aggregateId: entry.aggregateId, at, body: entry.body };
  return { ...content, prevHash: tail.hash, hash: chainHash(tail.hash, content) };
}

/**
 * Writes generated journals in bulk (the benchmarks' year of sales,
 * bench/lib/year-journal.ts): the same rows, chain and outbox as
 * Journal.append, without what a live till needs per row and a generator of
 * millions of rows cannot afford: the tail is read once and then kept here,
 * and no savepoint per row. Only for a journal nothing
 * else writes meanwhile; the caller wraps many rows in one transaction.
 */
export class BulkJournalWriter {
  private readonly insertRow;
  private readonly insertCopy;
  private readonly insertOutbox;
  private readonly tailQuery;
  private readonly entriesQuery;
  private tail: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };

  constructor(
    db: SqliteDatabase,
    private readonly newRecordId: () => string,
  ) {
    this.insertRow = db.prepare(
      `INSERT INTO journal (seq, record_id, kind, aggregate_id, at, body, prev_hash, hash)
       VALUES (@seq, @recordId, @kind, @aggregateId, @at, @body, @prevHash, @hash)`,
    );
    this.insertCopy = db.prepare('INSERT INTO journal (seq, record_id, kind, aggregate_id, at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    // Generated history is history the gateway already has: its outbox rows are written acknowledged.
    this.insertOutbox = db.prepare('INSERT INTO outbox (seq, enqueued_at, acked_at) VALUES (?, ?, ?)');
    this.tailQuery = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    this.entriesQuery = db.prepare(
      `SELECT j.kind, j.aggregate_id AS aggregateId, j.at, j.body, o.seq IS NOT NULL AS sync
       FROM journal j LEFT JOIN outbox o ON o.seq = j.seq WHERE j.seq BETWEEN ? AND ? ORDER BY j.seq`,
    );
    this.resync();
  }

  /** Appends one row at time `at` (and its acknowledged outbox row when `sync`). */
  append(entry: JournalEntry, at: number): JournalRecord {
    const row = chainedRow(this.tail, entry, at, this.newRecordId());
    this.insertRow.run(row);
    if (entry.sync) this.insertOutbox.run(row.seq, at, at);
    this.tail = { seq: row.seq, hash: row.hash };
    // The stored body parsed back, as Journal.append does: a projection keeps it (its key order included).
    return { ...row, body: parseJsonObject(row.body, `journal row ${row.seq}`) };
  }

  /**
   * Appends a row whose body is canonical JSON already (a generator's copy of
   * an earlier day, renumbered): chained and hashed as `append` would, with
   * neither the canonical form made again nor the body parsed back.
   */
  copy(entry: CanonicalEntry, at: number): void {
    const content = { seq: this.tail.seq + 1, recordId: this.newRecordId(), kind: entry.kind, aggregateId: entry.aggregateId, at, body: entry.body };
    const hash = chainHash(this.tail.hash, content);
    // Positional: a year of copies is millions of rows, and binding by name costs a lookup per column.
    this.insertCopy.run(content.seq, content.recordId, content.kind, content.aggregateId, at, content.body, this.tail.hash, hash);
    if (entry.sync) this.insertOutbox.run(content.seq, at, at);
    this.tail = { seq: content.seq, hash };
  }

  /** Rows `fromSeq`..`toSeq` as `copy` takes them (synced: the row has an outbox row). */
  entries(fromSeq: number, toSeq: number): StoredEntry[] {
    const rows = this.entriesQuery.all(fromSeq, toSeq) as Array<Omit<StoredEntry, 'sync'> & { sync: number }>;
    return rows.map((row) => ({ ...row, sync: row.sync === 1 }));
  }

  /** The seq of the chain's last row. */
  tailSeq(): number {
    return this.tail.seq;
  }

  /** Reads the tail again: rows were appended through the Journal meanwhile (a Z). */
  resync(): void {
    const row = this.tailQuery.get() as { seq: number; hash: string } | undefined;
    this.tail = { seq: row?.seq ?? 0, hash: row?.hash ?? GENESIS_HASH };
  }
}
