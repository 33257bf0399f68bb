import type { Journal, JournalRecord, UpstreamCursor } from '../ledger/index.js';
import { GENESIS_HASH } from '../ledger/index.js';
import type { Logger } from '../platform/logger.js';
import { type BackoffPolicy, backoffDelay } from '../relay/sync-backoff.js';
import type { ChainHead, JournalResponse, StoreRecord } from './protocol.js';
import { StoreRefusedError, StoreUnreachableError } from './store-link.js';

/** The part of StoreLink the engine uses (tests inject a faulty one). */
export interface StoreUpload {
  upload(records: StoreRecord[]): Promise<JournalResponse>;
}

/** What one pass did. */
export interface StoreSyncResult {
  sent: number;
  stored: number;
  duplicates: number;
  /** The server is unreachable or refused the batch, or disagrees about the chain. */
  failed: boolean;
  /** Why, when failed or when a record was rejected. */
  error?: string;
}

export interface StoreSyncOptions {
  batchSize: number;
  backoff: BackoffPolicy;
  idleMs: number;
}

const DEFAULT_OPTIONS: StoreSyncOptions = { batchSize: 500, backoff: { baseMs: 1_000, maxMs: 60_000 }, idleMs: 5_000 };

/**
 * Sends every journal record to the store server, in order, from the till's
 * own cursor (src/ledger/upstream-cursor.ts). The cursor moves only to the
 * head the server answers with, and only when that head is a record of this
 * very journal (same seq, same hash): records are resent until the server
 * holds them, and the server's keys keep each once. Nothing here touches the
 * relay's outbox or sync engine: a store server that is down costs a
 * backoff here and nothing at the counter.
 */
export class StoreSync {
  private readonly options: StoreSyncOptions;
  private failures = 0;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;

  constructor(
    private readonly deps: {
      journal: Journal;
      cursor: UpstreamCursor;
      link: StoreUpload;
      logger: Logger;
      sleep?: (ms: number) => Promise<void>;
      random?: () => number;
      options?: Partial<StoreSyncOptions>;
    },
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...deps.options };
  }

  /** Records the store server does not hold yet, and the last failure. */
  status(): { depth: number; lastError: string | null } {
    return { depth: this.deps.cursor.depth(), lastError: this.deps.cursor.lastError() };
  }

  /** Sends one batch from the cursor. */
  async syncOnce(): Promise<StoreSyncResult> {
    const { cursor, link } = this.deps;
    const records = cursor.pending(this.options.batchSize);
    const result: StoreSyncResult = { sent: records.length, stored: 0, duplicates: 0, failed: false };
    if (records.length === 0) return result;
    try {
      const answer = await link.upload(records.map(toStoreRecord));
      result.stored = answer.acks.filter((a) => a.status === 'ACCEPTED').length;
      result.duplicates = answer.acks.filter((a) => a.status === 'DUPLICATE').length;
      const rejected = answer.acks.find((a) => a.status === 'REJECTED');
      if (rejected) result.error = `record ${rejected.seq} rejected: ${rejected.code ?? ''} ${rejected.message ?? ''}`.trim();
      if (answer.head) this.advanceTo(answer.head);
      if (result.error) this.fail(result, result.error);
      else this.failures = 0;
    } catch (error) {
      if (!(error instanceof StoreUnreachableError) && !(error instanceof StoreRefusedError) && !(error instanceof ChainDisagreement)) throw error;
      this.fail(result, error.message);
    }
    return result;
  }

  /** Sends until the server holds the whole journal, or a pass fails or makes no progress. */
  async drain(): Promise<StoreSyncResult> {
    const total: StoreSyncResult = { sent: 0, stored: 0, duplicates: 0, failed: false };
    for (;;) {
      const before = this.deps.cursor.position().seq;
      const pass = await this.syncOnce();
      total.sent += pass.sent;
      total.stored += pass.stored;
      total.duplicates += pass.duplicates;
      if (pass.failed) return { ...total, failed: true, ...(pass.error ? { error: pass.error } : {}) };
      if (pass.sent === 0 || this.deps.cursor.position().seq === before) return total;
    }
  }

  /** Runs in the background: drain, back off on failure, idle until nudged. */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        const pass = await this.drain().catch((error: unknown) => {
          this.deps.logger.error({ err: error }, 'store sync pass failed');
          return { failed: true } as StoreSyncResult;
        });
        const pause = pass.failed ? backoffDelay(this.failures - 1, this.options.backoff, this.deps.random) : this.options.idleMs;
        if (!this.stopped) await this.pause(pause);
      }
    })();
  }

  /** New records were written: send them now rather than at the next idle tick. */
  nudge(): void {
    this.wake?.();
  }

  /** Stops the loop after its current pass. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private advanceTo(head: ChainHead): void {
    const own = head.seq === 0 ? GENESIS_HASH : this.deps.journal.get(head.seq)?.hash;
    if (own !== head.hash) {
      throw new ChainDisagreement(`the store server's copy of this till's chain ends at record ${head.seq} with another hash: not this journal`);
    }
    this.deps.cursor.moveTo(head);
  }

  private fail(result: StoreSyncResult, error: string): void {
    result.failed = true;
    result.error = error;
    this.failures++;
    this.deps.cursor.recordFailure(error);
    this.deps.logger.warn({ error }, 'store sync failed');
  }

  private pause(ms: number): Promise<void> {
    const sleep = this.deps.sleep ?? ((t: number) => new Promise<void>((r) => setTimeout(r, t).unref()));
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      void sleep(ms).then(resolve);
    }).then(() => {
      this.wake = undefined;
    });
  }
}

/** The server holds a chain for this till that is not this journal's. */
class ChainDisagreement extends Error {}

/** A journal row as the store protocol carries it: everything its hash covers. */
export function toStoreRecord(record: JournalRecord): StoreRecord {
  return {
    recordId: record.recordId,
    seq: record.seq,
    kind: record.kind,
    aggregateId: record.aggregateId,
    at: record.at,
    body: record.body,
    prevHash: record.prevHash,
    hash: record.hash,
  };
}
