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

/** Where a journal record stands with the gateway: `undefined` for a record never queued (local only). */
export type OutboxStanding = 'acknowledged' | 'pending' | 'quarantined';

/** A record not yet acknowledged, as close-out's open items list it (`at` is the record's own time). */
export interface WaitingRecord {
  seq: number;
  kind: string;
  at: number;
}

interface PendingRow extends JournalRow {
  attempts: number;
  last_error: string | null;
}

// "Pending" is waiting for the gateway; "quarantined" is set aside for the owner. Both are
// unacknowledged; each has its partial index (ledger migrations 1 and 5).
const PENDING = 'o.acked_at IS NULL AND o.quarantined_at IS NULL';
const QUARANTINED = 'o.quarantined_at IS NOT NULL AND o.acked_at IS NULL';

/**
 * The outbox's named read queries (issue 13 point 2: sync state is read only
 * through the ledger, never by another module's SQL): what sync sends next,
 * where a record stands, which aggregates still wait, what close-out lists as
 * unsynced. Needs only the database, so a read-only connection (the chaos
 * check) can use it.
 */
export class OutboxQueries {
  private readonly reads;

  constructor(protected readonly db: SqliteDatabase) {
    this.reads = {
      pending: db.prepare(
        `SELECT j.*, o.attempts, o.last_error FROM outbox o JOIN journal j ON j.seq = o.seq WHERE ${PENDING} ORDER BY o.seq LIMIT ?`,
      ),
      depth: db.prepare(`SELECT count(*) AS n FROM outbox o WHERE ${PENDING}`),
      // Two counts, each on its partial index; one `acked_at IS NULL` would scan every row ever queued.
      unacknowledged: db.prepare(
        `SELECT (SELECT count(*) FROM outbox o WHERE ${PENDING}) + (SELECT count(*) FROM outbox o WHERE ${QUARANTINED}) AS n`,
      ),
      waiting: db.prepare(`SELECT j.seq, j.kind, j.at FROM outbox o JOIN journal j ON j.seq = o.seq WHERE ${PENDING} ORDER BY o.seq LIMIT ?`),
      waitingQuarantined: db.prepare(
        `SELECT j.seq, j.kind, j.at FROM outbox o JOIN journal j ON j.seq = o.seq WHERE ${QUARANTINED} ORDER BY o.seq LIMIT ?`,
      ),
      quarantined: db.prepare(
        `SELECT o.seq, j.record_id AS recordId, j.kind, o.quarantine_reason AS reason, o.quarantined_at AS at
         FROM outbox o JOIN journal j ON j.seq = o.seq WHERE ${QUARANTINED} ORDER BY o.quarantined_at DESC, o.seq DESC`,
      ),
      ackedAt: db.prepare('SELECT acked_at AS acked FROM outbox WHERE seq = ?'),
      standing: db.prepare(
        'SELECT o.acked_at AS acked, o.quarantined_at AS quarantined FROM journal j JOIN outbox o ON o.seq = j.seq WHERE j.record_id = ?',
      ),
      // Through the journal's aggregate index: cheap whatever the outbox holds (an offline day).
      pendingAggregates: db.prepare(
        `SELECT DISTINCT j.aggregate_id AS id FROM journal j JOIN outbox o ON o.seq = j.seq
         WHERE j.aggregate_id IN (SELECT value FROM json_each(?)) AND ${PENDING}`,
      ),
      everQueued: db.prepare('SELECT j.record_id AS recordId, j.kind FROM outbox o JOIN journal j ON j.seq = o.seq ORDER BY o.seq'),
    };
  }

  /** The oldest unacknowledged, unquarantined rows, in journal order. */
  nextBatch(limit: number): OutboxItem[] {
    return (this.reads.pending.all(limit) as PendingRow[]).map((row) => ({
      record: toRecord(row),
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }

  /** Rows still waiting for the gateway (quarantined ones not counted). */
  depth(): number {
    return (this.reads.depth.get() as { n: number }).n;
  }

  /** Rows the gateway has not acknowledged: the waiting ones and the quarantined ones. */
  unacknowledgedCount(): number {
    return (this.reads.unacknowledged.get() as { n: number }).n;
  }

  /** The first `limit` unacknowledged records in journal order, either the waiting or the quarantined ones. */
  waiting(which: 'pending' | 'quarantined', limit: number): WaitingRecord[] {
    return (which === 'pending' ? this.reads.waiting : this.reads.waitingQuarantined).all(limit) as WaitingRecord[];
  }

  /** Rows set aside, newest first. */
  quarantined(): QuarantinedItem[] {
    return this.reads.quarantined.all() as QuarantinedItem[];
  }

  /** Whether the row with this journal seq has been acknowledged. */
  isAcknowledged(seq: number): boolean {
    const row = this.reads.ackedAt.get(seq) as { acked: number | null } | undefined;
    return row?.acked != null;
  }

  /** Where the record with this id stands; undefined if it was never queued. */
  standing(recordId: string): OutboxStanding | undefined {
    const row = this.reads.standing.get(recordId) as { acked: number | null; quarantined: number | null } | undefined;
    if (!row) return undefined;
    if (row.acked !== null) return 'acknowledged';
    return row.quarantined !== null ? 'quarantined' : 'pending';
  }

  /** Those of `aggregateIds` that have a row still waiting for the gateway (quarantined rows are the owner's, not counted). */
  pendingAmong(aggregateIds: readonly string[]): Set<string> {
    if (aggregateIds.length === 0) return new Set();
    const rows = this.reads.pendingAggregates.all(JSON.stringify(aggregateIds)) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  /** Every record ever queued for the gateway, acknowledged or not, in journal order (the chaos check's "lost" count). */
  everQueued(): Array<{ recordId: string; kind: string }> {
    return this.reads.everQueued.all() as Array<{ recordId: string; kind: string }>;
  }
}
