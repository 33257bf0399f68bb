import type { Clock } from '../src/platform/clock.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import { recordHash } from '../src/ledger/chain-head.js';
import type { ChainHead, StoreAck, StoreRecord } from '../src/store/protocol.js';
import type { Queryable, StoreDatabase } from './db/database.js';
import type { TillIdentity } from './till-auth.js';

/** What one upload did, and where the till's chain now ends on the server. */
export interface IngestOutcome {
  head: ChainHead;
  acks: StoreAck[];
}

/**
 * Takes a till's journal records, exactly once and in order. In one
 * transaction per batch: the till's head row is locked (several server
 * processes on one PostgreSQL serialise per till, never per store), each
 * record after the head must link to it (prevHash) and hash to what it
 * claims with the ledger's own definition (recordHash, src/ledger/chain-head.ts), the
 * records are inserted, and the head moves. The keys of journal_records
 * decide duplicates: an insert that meets an existing key aborts the batch
 * rather than trusting what this process believed.
 */
export class JournalIngest {
  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
  ) {}

  /** Applies one batch from `till`; records may come in any order, duplicated. */
  upload(till: TillIdentity, records: readonly StoreRecord[]): Promise<IngestOutcome> {
    const sorted = [...records].sort((a, b) => a.seq - b.seq);
    return this.db.transaction(async (tx) => {
      const row = (
        await tx.query<{ head_seq: string | number; head_hash: string }>(
          'SELECT head_seq, head_hash FROM tills WHERE till_id = $1 FOR UPDATE',
          [till.tillId],
        )
      ).rows[0];
      if (!row) throw new Error(`till ${till.tillId} is not enrolled`);
      let head: ChainHead = { seq: Number(row.head_seq), hash: row.head_hash };
      const known = await this.stored(tx, till, sorted.filter((r) => r.seq <= head.seq).map((r) => r.seq));
      const acks: StoreAck[] = [];
      const fresh: StoreRecord[] = [];
      const breaks: Array<{ record: StoreRecord; reason: string }> = [];
      const seen = new Set<string>();
      for (const record of sorted) {
        const ack = (status: StoreAck['status'], code?: string, message?: string) =>
          acks.push({ recordId: record.recordId, seq: record.seq, status, ...(code ? { code } : {}), ...(message ? { message } : {}) });
        if (seen.has(record.recordId)) continue; // the same record twice in one batch: answered once
        seen.add(record.recordId);
        if (record.seq <= head.seq) {
          const stored = known.get(record.seq);
          if (stored && stored.recordId === record.recordId && stored.hash === record.hash) ack('DUPLICATE');
          else {
            const reason = `record ${record.seq} was already received with other content`;
            breaks.push({ record, reason });
            ack('REJECTED', 'ALTERED', reason);
          }
          continue;
        }
        if (record.seq > head.seq + 1) {
          ack('DEFERRED', 'GAP', `record ${head.seq + 1} is missing before record ${record.seq}: send from the head`);
          continue;
        }
        const reason = chainFault(head, record);
        if (reason) {
          breaks.push({ record, reason });
          ack('REJECTED', 'CHAIN_BROKEN', reason);
          continue;
        }
        fresh.push(record);
        head = { seq: record.seq, hash: record.hash };
        ack('ACCEPTED');
      }
      const now = this.clock.now();
      if (fresh.length > 0) await this.insert(tx, till, fresh, now);
      for (const { record, reason } of breaks) {
        await tx.query(
          `INSERT INTO chain_breaks (store_id, till_id, seq, record_id, reason, detected_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING`,
          [till.storeId, till.tillId, record.seq, record.recordId, reason, now],
        );
      }
      await tx.query('UPDATE tills SET head_seq = $2, head_hash = $3, last_seen_at = $4 WHERE till_id = $1', [
        till.tillId,
        head.seq,
        head.hash,
        now,
      ]);
      return { head, acks };
    });
  }

  /** Where `tillId`'s chain ends on the server. */
  async head(tillId: string): Promise<ChainHead | undefined> {
    const row = (
      await this.db.query<{ head_seq: string | number; head_hash: string }>('SELECT head_seq, head_hash FROM tills WHERE till_id = $1', [tillId])
    ).rows[0];
    return row && { seq: Number(row.head_seq), hash: row.head_hash };
  }

  private async stored(tx: Queryable, till: TillIdentity, seqs: number[]): Promise<Map<number, { recordId: string; hash: string }>> {
    if (seqs.length === 0) return new Map();
    const { rows } = await tx.query<{ seq: string | number; record_id: string; hash: string }>(
      'SELECT seq, record_id, hash FROM journal_records WHERE store_id = $1 AND till_id = $2 AND seq = ANY($3::bigint[])',
      [till.storeId, till.tillId, seqs],
    );
    return new Map(rows.map((r) => [Number(r.seq), { recordId: r.record_id, hash: r.hash }]));
  }

  private async insert(tx: Queryable, till: TillIdentity, records: StoreRecord[], now: number): Promise<void> {
    // One statement per batch (unnest of column arrays): ingest speed is
    // round trips, not rows. No ON CONFLICT: a key already taken means another
    // process stored it past our locked head, which must not happen silently.
    const column = <T>(pick: (r: StoreRecord) => T) => records.map(pick);
    const result = await tx.query(
      `INSERT INTO journal_records (store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at)
       SELECT $1, $2, s, r, k, a, t, b, p, h, $3
       FROM unnest($4::bigint[], $5::uuid[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[]) AS u(s, r, k, a, t, b, p, h)`,
      [
        till.storeId,
        till.tillId,
        now,
        column((r) => r.seq),
        column((r) => r.recordId),
        column((r) => r.kind),
        column((r) => r.aggregateId),
        column((r) => r.at),
        column((r) => canonicalJson(r.body)),
        column((r) => r.prevHash),
        column((r) => r.hash),
      ],
    );
    if (result.rowCount !== records.length) throw new Error(`stored ${result.rowCount} of ${records.length} records`);
  }
}

/** Why `record` does not continue the chain ending at `head`, or undefined when it does. */
function chainFault(head: ChainHead, record: StoreRecord): string | undefined {
  if (record.prevHash !== head.hash) return `record ${record.seq} does not link to record ${head.seq} (prevHash differs)`;
  const recomputed = recordHash(record.prevHash, record);
  if (recomputed !== record.hash) return `record ${record.seq} (${record.kind}) does not match its hash: changed after it was written`;
  return undefined;
}
