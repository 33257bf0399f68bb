import type { Clock } from '../src/platform/clock.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import { chainHash } from '../src/ledger/hash-chain.js';
import type { ChainHead, StoreAck, StoreRecord } from '../src/store/protocol.js';
import { AppendGroups, type CheckedRecord, recordColumns } from './append-groups.js';
import type { Queryable, StoreDatabase } from './db/database.js';
import type { RequestNonce, TillIdentity } from './till-auth.js';

/** What one upload did, and where the till's chain now ends on the server. */
export interface IngestOutcome {
  head: ChainHead;
  acks: StoreAck[];
}

/** What the upload's statement must also do: consume the request's nonce, in the same commit. */
export interface UploadNonce {
  nonce: RequestNonce;
  /** Called once the nonce is consumed (the authenticator's purge count). */
  consumed(): Promise<void>;
}

/** The upload's nonce was used before: nothing was stored. */
export class NonceReplayedError extends Error {}

/**
 * Takes a till's journal records, exactly once and in order.
 *
 * The usual batch continues the till's chain from the server's head: it is
 * stored by ONE statement, one round trip and one commit, shared with the
 * other tills' uploads that arrive meanwhile (append-groups.ts; issue 18's
 * ingest figure is round trips and commits, not rows): the request's nonce is
 * consumed, the till's head row moves only if it still is where the batch
 * starts (its row lock serialises server processes per till, and a second
 * process sending the same batch finds the head moved and stores nothing),
 * and the records are inserted only if the head moved. Every hash is
 * recomputed first with the ledger's own definition (recordHash,
 * src/ledger/chain-head.ts); that needs no database.
 *
 * Any other batch (duplicates, gaps, altered or broken records) takes the
 * careful path: one transaction with the head locked FOR UPDATE, each record
 * answered on its own, breaks written to chain_breaks. In both, the keys of
 * journal_records decide duplicates: an insert that meets an existing key
 * aborts the batch rather than trusting what this process believed.
 */
export class JournalIngest {
  private readonly groups: AppendGroups;

  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
  ) {
    this.groups = new AppendGroups(db, clock);
  }

  /** Applies one batch from `till`; records may come in any order, duplicated. */
  async upload(till: TillIdentity, records: readonly StoreRecord[], nonce?: UploadNonce): Promise<IngestOutcome> {
    const sorted = [...records].sort((a, b) => a.seq - b.seq);
    const chain = cleanChain(sorted);
    if (chain) {
      const fast = await this.append(till, chain, nonce);
      if (fast) return fast;
      nonce = undefined; // consumed by the fast path's statement, which found the head elsewhere
    }
    return this.reconcile(till, sorted, nonce);
  }

  /**
   * The one-statement path: stores `chain` if the till's head is where it
   * starts, in a statement shared with other tills' uploads (append-groups.ts).
   * Undefined when the head is elsewhere (nothing stored; the nonce, if any,
   * consumed).
   */
  private async append(till: TillIdentity, chain: CheckedRecord[], nonce: UploadNonce | undefined): Promise<IngestOutcome | undefined> {
    const last = chain[chain.length - 1]!;
    const outcome = await this.groups.append({ till, chain, ...(nonce ? { nonce: nonce.nonce } : {}) });
    if (!outcome.nonceOk) throw new NonceReplayedError('this nonce was already used: a replayed request is refused');
    if (nonce) await nonce.consumed();
    if (!outcome.moved) return undefined;
    if (outcome.stored !== chain.length) throw new Error(`stored ${outcome.stored} of ${chain.length} records`);
    return {
      head: { seq: last.seq, hash: last.hash },
      acks: chain.map((r) => ({ recordId: r.recordId, seq: r.seq, status: 'ACCEPTED' as const })),
    };
  }

  /** The careful path: every record answered on its own under the locked head. */
  private reconcile(till: TillIdentity, sorted: StoreRecord[], nonce: UploadNonce | undefined): Promise<IngestOutcome> {
    return this.db.transaction(async (tx) => {
      if (nonce) {
        const used = await tx.query('INSERT INTO request_nonces (till_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          nonce.nonce.tillId,
          nonce.nonce.nonce,
          nonce.nonce.expiresAt,
        ]);
        if (used.rowCount === 0) throw new NonceReplayedError('this nonce was already used: a replayed request is refused');
      }
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
      const fresh: CheckedRecord[] = [];
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
        const written = withCanonicalBody(record);
        const reason = chainFault(head, written);
        if (reason) {
          breaks.push({ record, reason });
          ack('REJECTED', 'CHAIN_BROKEN', reason);
          continue;
        }
        fresh.push(written);
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
    }).then(async (outcome) => {
      if (nonce) await nonce.consumed();
      return outcome;
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

  private async insert(tx: Queryable, till: TillIdentity, records: CheckedRecord[], now: number): Promise<void> {
    // No ON CONFLICT: a key already taken means another process stored it
    // past our locked head, which must not happen silently.
    const result = await tx.query(
      `INSERT INTO journal_records (store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at)
       SELECT $1, $2, s, r, k, a, t, b, p, h, $3
       FROM unnest($4::bigint[], $5::uuid[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[]) AS u(s, r, k, a, t, b, p, h)`,
      [till.storeId, till.tillId, now, ...recordColumns(records)],
    );
    if (result.rowCount !== records.length) throw new Error(`stored ${result.rowCount} of ${records.length} records`);
  }
}

/**
 * `sorted` when it is one clean piece of chain: distinct consecutive seqs,
 * each linking to the one before and hashing to what it claims. Undefined
 * otherwise (the careful path then names what is wrong).
 */
function cleanChain(sorted: StoreRecord[]): CheckedRecord[] | undefined {
  const chain: CheckedRecord[] = [];
  for (const [i, record] of sorted.entries()) {
    const previous = sorted[i - 1];
    if (previous && (record.seq !== previous.seq + 1 || record.prevHash !== previous.hash)) return undefined;
    const written = withCanonicalBody(record);
    if (hashOf(written) !== record.hash) return undefined;
    chain.push(written);
  }
  return chain;
}

/** `record` with its body's canonical JSON, written out once for its hash and its row. */
function withCanonicalBody(record: StoreRecord): CheckedRecord {
  return { ...record, canonicalBody: canonicalJson(record.body) };
}

/** The hash `record` must carry: src/ledger's recordHash (chainHash over the canonical body), from the body already written out. */
function hashOf(record: CheckedRecord): string {
  return chainHash(record.prevHash, { ...record, body: record.canonicalBody });
}

/** Why `record` does not continue the chain ending at `head`, or undefined when it does. */
function chainFault(head: ChainHead, record: CheckedRecord): string | undefined {
  if (record.prevHash !== head.hash) return `record ${record.seq} does not link to record ${head.seq} (prevHash differs)`;
  if (hashOf(record) !== record.hash) return `record ${record.seq} (${record.kind}) does not match its hash: changed after it was written`;
  return undefined;
}
