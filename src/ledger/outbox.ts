import type { Clock } from '../platform/clock.js';
import type { SqliteDatabase } from './database.js';
import { OutboxQueries } from './outbox-queries.js';

export type { OutboxItem, OutboxStanding, QuarantinedItem, WaitingRecord } from './outbox-queries.js';

/**
 * Journal rows the gateway has not acknowledged. Rows enter in the same
 * transaction as their journal row (Journal.append with sync) and leave only
 * on the gateway's per-record acknowledgement, so a crash between sending and
 * acknowledging resends a record, and the gateway's deduplication by record id
 * keeps it from being applied twice. The reads are `OutboxQueries`; this adds
 * the moves.
 */
export class Outbox extends OutboxQueries {
  private readonly moves;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    super(db);
    this.moves = {
      ack: db.prepare('UPDATE outbox SET acked_at = ? WHERE seq = ? AND acked_at IS NULL'),
      // The pending rows' own WHERE, so SQLite walks their partial index, not every row ever queued.
      ackAll: db.prepare('UPDATE outbox SET acked_at = ? WHERE acked_at IS NULL AND quarantined_at IS NULL'),
      fail: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ? AND acked_at IS NULL'),
      quarantine: db.prepare('UPDATE outbox SET quarantined_at = ?, quarantine_reason = ? WHERE seq = ? AND acked_at IS NULL'),
      release: db.prepare(
        `UPDATE outbox SET quarantined_at = NULL, quarantine_reason = NULL, attempts = 0, last_error = NULL
         WHERE seq = ? AND acked_at IS NULL AND quarantined_at IS NOT NULL`,
      ),
    };
  }

  /** Marks rows acknowledged by the gateway; returns how many were newly acknowledged. */
  acknowledge(seqs: readonly number[]): number {
    const at = this.clock.now();
    return this.db.transaction(() => seqs.reduce((n, seq) => n + this.moves.ack.run(at, seq).changes, 0))();
  }

  /** Marks every waiting row acknowledged (a generated history that no gateway saw: bench/lib/year-journal.ts); returns how many. */
  acknowledgeAll(): number {
    return this.moves.ackAll.run(this.clock.now()).changes;
  }

  /** Counts a failed attempt for one row (it stays queued). */
  recordFailure(seq: number, error: string): void {
    this.moves.fail.run(error, seq);
  }

  /** Sets a poison row aside so it stops blocking the queue; the owner sees it. */
  quarantine(seq: number, reason: string): void {
    this.moves.quarantine.run(this.clock.now(), reason, seq);
  }

  /**
   * Puts a quarantined row back in the queue with its count of rejections
   * cleared (the owner released it); false if it was not quarantined.
   */
  release(seq: number): boolean {
    return this.moves.release.run(seq).changes > 0;
  }
}
