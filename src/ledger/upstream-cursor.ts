import type { Clock } from '../platform/clock.js';
import type { SqliteDatabase } from './database.js';
import { GENESIS_HASH } from './hash-chain.js';
import { type JournalRecord, type JournalRow, toRecord } from './journal-row.js';

/** How far an upstream has confirmed the journal: its last record's seq and hash. */
export interface CursorPosition {
  seq: number;
  hash: string;
}

/**
 * The outbox of an upstream that takes every journal record in order (the
 * store server), as a cursor rather than a row per record: the upstream
 * confirms "I hold your chain up to seq N with hash H", and the records after
 * N are what it still needs. Each upstream has its own cursor, beside the
 * relay gateway's per-record outbox, so one that is down holds back no other.
 */
export class UpstreamCursor {
  private readonly read;
  private readonly write;
  private readonly after;
  private readonly tail;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    readonly upstream: string,
  ) {
    this.read = db.prepare('SELECT acked_seq, acked_hash, last_error FROM upstream_cursors WHERE upstream = ?');
    this.write = db.prepare(
      `INSERT INTO upstream_cursors (upstream, acked_seq, acked_hash, updated_at, last_error) VALUES (?, ?, ?, ?, NULL)
       ON CONFLICT (upstream) DO UPDATE SET acked_seq = excluded.acked_seq, acked_hash = excluded.acked_hash,
         updated_at = excluded.updated_at, last_error = NULL`,
    );
    this.after = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?');
    this.tail = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM journal');
  }

  /** What the upstream has confirmed (seq 0 and the genesis hash before anything). */
  position(): CursorPosition {
    const row = this.read.get(this.upstream) as { acked_seq: number; acked_hash: string } | undefined;
    return row ? { seq: row.acked_seq, hash: row.acked_hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** The records after the cursor, oldest first, at most `limit`. */
  pending(limit: number): JournalRecord[] {
    return (this.after.all(this.position().seq, limit) as JournalRow[]).map(toRecord);
  }

  /**
   * Moves the cursor to what the upstream says it holds. It may move back
   * (the upstream was restored from an older backup: the records after are
   * sent again, and the upstream's keys keep them once).
   */
  moveTo(position: CursorPosition): void {
    this.write.run(this.upstream, position.seq, position.hash, this.clock.now());
  }

  /** Notes why the last attempt failed (shown to the owner); the cursor stays. */
  recordFailure(error: string): void {
    const { seq, hash } = this.position();
    this.db.transaction(() => {
      this.write.run(this.upstream, seq, hash, this.clock.now());
      this.db.prepare('UPDATE upstream_cursors SET last_error = ? WHERE upstream = ?').run(error, this.upstream);
    })();
  }

  /** The last failure, if the last attempt failed. */
  lastError(): string | null {
    return (this.read.get(this.upstream) as { last_error: string | null } | undefined)?.last_error ?? null;
  }

  /** Records the upstream does not have yet. */
  depth(): number {
    return (this.tail.get() as { seq: number }).seq - this.position().seq;
  }
}
