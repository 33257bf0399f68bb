import type { Clock } from '../platform/clock.js';
import type { SqliteDatabase } from './database.js';
import { type JournalRecord, type JournalRow, toRecord } from './journal-row.js';

/** An outbox row waiting for the gateway, with its journal record. */
export interface OutboxItem {
  record: JournalRecord;
  attempts: number;
  lastError: string | null;
}

/** A record taken out of the queue because the gateway keeps refusing it. */
export interface QuarantinedItem {
  seq: number;
  recordId: string;
  kind: string;
  reason: string;
  at: number;
}

interface PendingRow extends JournalRow {
  attempts: number;
  last_error: string | null;
}

/**
 * Journal rows the gateway has not acknowledged. Rows enter in the same
 * transaction as their journal row (Journal.append with sync) and leave only
 * on the gateway's per-record acknowledgement, so a crash between sending and
 * acknowledging resends a record, and the gateway's deduplication by record id
 * keeps it from being applied twice.
 */
export class Outbox {
  private readonly pendingQuery;
  private readonly ackStatement;
  private readonly failStatement;
  private readonly quarantineStatement;
  private readonly depthQuery;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.pendingQuery = db.prepare(
      `SELECT j.*, o.attempts, o.last_error FROM outbox o JOIN journal j ON j.seq = o.seq
       WHERE o.acked_at IS NULL AND o.quarantined_at IS NULL ORDER BY o.seq LIMIT ?`,
    );
    this.ackStatement = db.prepare('UPDATE outbox SET acked_at = ? WHERE seq = ? AND acked_at IS NULL');
    this.failStatement = db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ? AND acked_at IS NULL',
    );
    this.quarantineStatement = db.prepare(
      'UPDATE outbox SET quarantined_at = ?, quarantine_reason = ? WHERE seq = ? AND acked_at IS NULL',
    );
    this.depthQuery = db.prepare(
      'SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL AND quarantined_at IS NULL',
    );
  }

  /** The oldest unacknowledged, unquarantined rows, in journal order. */
  nextBatch(limit: number): OutboxItem[] {
    return (this.pendingQuery.all(limit) as PendingRow[]).map((row) => ({
      record: toRecord(row),
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }

  /** Marks rows acknowledged by the gateway; returns how many were newly acknowledged. */
  acknowledge(seqs: readonly number[]): number {
    const at = this.clock.now();
    return this.db.transaction(() => seqs.reduce((n, seq) => n + this.ackStatement.run(at, seq).changes, 0))();
  }

  /** Counts a failed attempt for one row (it stays queued). */
  recordFailure(seq: number, error: string): void {
    this.failStatement.run(error, seq);
  }

  /** Sets a poison row aside so it stops blocking the queue; the owner sees it. */
  quarantine(seq: number, reason: string): void {
    this.quarantineStatement.run(this.clock.now(), reason, seq);
  }

  /**
   * Puts a quarantined row back in the queue with its count of rejections
   * cleared (the owner released it); false if it was not quarantined.
   */
  release(seq: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE outbox SET quarantined_at = NULL, quarantine_reason = NULL, attempts = 0, last_error = NULL
           WHERE seq = ? AND acked_at IS NULL AND quarantined_at IS NOT NULL`,
        )
        .run(seq).changes > 0
    );
  }

  /** Rows still waiting for the gateway (quarantined ones not counted). */
  depth(): number {
    return (this.depthQuery.get() as { n: number }).n;
  }

  /** Whether the row with this journal seq has been acknowledged. */
  isAcknowledged(seq: number): boolean {
    const row = this.db.prepare('SELECT acked_at FROM outbox WHERE seq = ?').get(seq) as
      | { acked_at: number | null }
      | undefined;
    return row?.acked_at != null;
  }

  /** Rows set aside, newest first. */
  quarantined(): QuarantinedItem[] {
    return (
      this.db
        .prepare(
          `SELECT o.seq, j.record_id, j.kind, o.quarantine_reason AS reason, o.quarantined_at AS at
           FROM outbox o JOIN journal j ON j.seq = o.seq
           WHERE o.quarantined_at IS NOT NULL AND o.acked_at IS NULL ORDER BY o.quarantined_at DESC, o.seq DESC`,
        )
        .all() as Array<{ seq: number; record_id: string; kind: string; reason: string; at: number }>
    ).map((r) => ({ seq: r.seq, recordId: r.record_id, kind: r.kind, reason: r.reason, at: r.at }));
  }
}
