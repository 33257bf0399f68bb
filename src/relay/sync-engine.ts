import type { JournalRecord, Outbox, OutboxItem, QuarantinedItem, SqliteDatabase } from '../ledger/index.js';
import type { Logger } from '../platform/logger.js';
import { type ConnectivityState, GatewayUnreachableError, type RelayGateway } from './gateway.js';
import { saveAnchor } from '../ledger/journal-anchor.js';
import { toUploadRecord } from './journal-head.js';
import type { JournalAck, JournalBatchResponse } from './protocol.js';
import { type BackoffPolicy, backoffDelay } from './sync-backoff.js';
import { SyncDependencies } from './sync-dependencies.js';

/** What the screen shows at all times: the connection and the outbox depth. */
export interface SyncStatus {
  connectivity: ConnectivityState;
  depth: number;
  quarantined: number;
}

/** The sync engine's events (published as contract events by src/api). */
export type SyncEvent =
  | { type: 'status'; status: SyncStatus }
  | { type: 'acknowledged'; record: JournalRecord; ack: JournalAck }
  | { type: 'quarantined'; record: JournalRecord; reason: string }
  | { type: 'drained' };

export interface SyncOptions {
  /** Records per upload (the protocol allows 500). */
  batchSize: number;
  /** Per-record `REJECTED` acks of one record before it is quarantined (nothing else counts). */
  maxRejections: number;
  backoff: BackoffPolicy;
  /** Pause between passes when the outbox is empty (a nudge cuts it short). */
  idleMs: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: 200,
  maxRejections: 5,
  backoff: { baseMs: 1_000, maxMs: 60_000 },
  idleMs: 5_000,
};

/** What one upload did. */
export interface BatchResult {
  sent: number;
  acknowledged: number;
  duplicates: number;
  rejected: number;
  quarantined: number;
  /** The upload failed as a whole (gateway unreachable or refusing the batch). */
  failed: boolean;
}

/**
 * Drains the outbox to the gateway: journal order, in batches, idempotent by
 * record id (the gateway answers DUPLICATE for a record it already applied,
 * which happens when a crash came between its ack and ours), per-record acks,
 * dependencies respected, exponential backoff with jitter while the gateway
 * is unreachable, and a record the gateway keeps rejecting quarantined with
 * an alert instead of blocking the queue. Only a per-record `REJECTED` counts
 * against a record: a 5xx, a timeout, a malformed answer or a refusal of the
 * whole batch is no answer about any record (docs/relay-protocol.md: 5xx
 * means no answer), so it only backs off (issue 12, defect 5). The owner
 * lists quarantined records and releases them for another try.
 */
export class SyncEngine {
  private readonly options: SyncOptions;
  private readonly dependencies: SyncDependencies;
  private readonly listeners = new Set<(event: SyncEvent) => void>();
  private failures = 0;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;
  private nudged = false;

  constructor(
    private readonly deps: {
      db: SqliteDatabase;
      outbox: Outbox;
      gateway: RelayGateway;
      logger: Logger;
      sleep?: (ms: number) => Promise<void>;
      random?: () => number;
      options?: Partial<SyncOptions>;
      /**
       * Runs inside the transaction that marks a record acknowledged, so what
       * the ack carries (a 현금영수증 approval number) is journaled with the
       * ack or not at all (issue 12, defect 10). A throw rolls the ack back.
       */
      onAcknowledged?: (record: JournalRecord, ack: JournalAck) => void;
    },
  ) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
    this.dependencies = new SyncDependencies(deps.outbox);
    deps.gateway.onConnectivityChange((state) => {
      this.publishStatus();
      // Another call got through: the line is back, so the outbox goes now, not at the end of a backoff of up to a minute.
      if (state === 'online' && this.failures > 0) this.nudge();
    });
  }

  /** Subscribes to sync events; returns the unsubscribe function. */
  on(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connectivity and outbox depth now. */
  status(): SyncStatus {
    return {
      connectivity: this.deps.gateway.connectivity(),
      depth: this.deps.outbox.depth(),
      quarantined: this.deps.outbox.quarantined().length,
    };
  }

  /** Uploads one batch. */
  async syncOnce(): Promise<BatchResult> {
    const { outbox, gateway, logger } = this.deps;
    const result: BatchResult = { sent: 0, acknowledged: 0, duplicates: 0, rejected: 0, quarantined: 0, failed: false };
    const batch = outbox.nextBatch(this.options.batchSize);
    const plan = this.dependencies.plan(batch);
    for (const { item, dependency } of plan.blockedBy) {
      this.quarantine(item, waitsFor(dependency));
      result.quarantined++;
    }
    const send = plan.send.length > 0 || plan.blockedBy.length > 0 ? plan.send : batch.slice(0, 1);
    if (send.length === 0) return result;
    result.sent = send.length;
    try {
      const answer = await gateway.uploadJournal(send.map((item) => toUploadRecord(item.record)));
      if (answer.result.status !== 'S') throw new BatchRefused(answer.result.code, answer.result.message);
      this.applyAcks(send, answer.acks, result);
      this.anchor(answer.head);
      this.failures = 0;
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError) && !(error instanceof BatchRefused)) throw error;
      // Transient whatever its kind: the records stay queued, untouched, for the next pass after a backoff.
      result.failed = true;
      this.failures++;
      const reason = error instanceof BatchRefused ? `${error.code}: ${error.message}` : `${error.kind}: ${error.message}`;
      logger.warn({ records: send.length, reason }, 'journal upload failed');
    }
    this.publishStatus();
    return result;
  }

  /** Records set aside, newest first, with why (for the owner). */
  quarantined(): QuarantinedItem[] {
    return this.deps.outbox.quarantined();
  }

  /**
   * Puts a quarantined record back in the queue, with the records that were
   * set aside only because they wait for it; returns how many were released.
   */
  release(seq: number): number {
    const { outbox } = this.deps;
    const item = outbox.quarantined().find((q) => q.seq === seq);
    if (!item || !outbox.release(seq)) return 0;
    let released = 1;
    for (const dependant of outbox.quarantined()) {
      if (dependant.reason === waitsFor(item.recordId)) released += this.release(dependant.seq);
    }
    this.deps.logger.info({ seq, released }, 'quarantined records released');
    this.publishStatus();
    this.nudge();
    return released;
  }

  /** Uploads until the outbox is empty or an upload fails; returns the totals. */
  async drain(): Promise<BatchResult> {
    const total: BatchResult = { sent: 0, acknowledged: 0, duplicates: 0, rejected: 0, quarantined: 0, failed: false };
    for (;;) {
      const batch = await this.syncOnce();
      for (const key of ['sent', 'acknowledged', 'duplicates', 'rejected', 'quarantined'] as const) total[key] += batch[key];
      if (batch.failed) return { ...total, failed: true };
      if (batch.sent === 0 && batch.quarantined === 0) break;
    }
    this.emit({ type: 'drained' });
    return total;
  }

  /** Runs in the background: drain, back off on failure, idle until nudged. */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        let pause = this.options.idleMs;
        try {
          const result = await this.drain();
          if (result.failed) pause = backoffDelay(this.failures - 1, this.options.backoff, this.deps.random);
        } catch (error) {
          this.deps.logger.error({ err: error }, 'sync pass failed');
          pause = backoffDelay(this.failures++, this.options.backoff, this.deps.random);
        }
        if (!this.stopped) await this.pause(pause);
      }
    })();
  }

  /** New records were queued: sync now rather than at the next idle tick. */
  nudge(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  /** Stops the background loop after its current upload. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private applyAcks(sent: readonly OutboxItem[], acks: readonly JournalAck[], result: BatchResult): void {
    const byId = new Map(acks.map((a) => [a.recordId, a]));
    const ackedSeqs: number[] = [];
    for (const item of sent) {
      const ack = byId.get(item.record.recordId);
      if (!ack) continue; // Not answered: stays queued and goes again (the gateway deduplicates).
      if (ack.status === 'REJECTED') {
        this.reject(item, `${ack.code ?? 'REJECTED'}: ${ack.message ?? ''}`, result);
        continue;
      }
      ackedSeqs.push(item.record.seq);
      if (ack.status === 'DUPLICATE') result.duplicates++;
    }
    result.acknowledged += this.deps.db.transaction(() => {
      const newly = this.deps.outbox.acknowledge(ackedSeqs);
      for (const item of sent) {
        const ack = byId.get(item.record.recordId);
        if (ack && ack.status !== 'REJECTED') this.deps.onAcknowledged?.(item.record, ack);
      }
      return newly;
    }).immediate();
    for (const item of sent) {
      const ack = byId.get(item.record.recordId);
      if (ack && ack.status !== 'REJECTED') this.emit({ type: 'acknowledged', record: item.record, ack });
    }
  }

  /**
   * Keeps the gateway's signed head as the journal anchor when it matches the
   * row this till holds at that seq. A head that does not match means the
   * journal here differs from what the gateway saw: logged loudly, not stored.
   */
  private anchor(head: JournalBatchResponse['head']): void {
    if (!head) return;
    const row = this.deps.db.prepare('SELECT hash FROM journal WHERE seq = ?').get(head.seq) as { hash: string } | undefined;
    if (row?.hash !== head.hash) {
      this.deps.logger.error({ head: { seq: head.seq, hash: head.hash }, local: row?.hash ?? null }, 'the gateway holds a journal head this till does not have');
      return;
    }
    saveAnchor(this.deps.db, head);
  }

  private reject(item: OutboxItem, reason: string, result: BatchResult): void {
    result.rejected++;
    this.deps.outbox.recordFailure(item.record.seq, reason);
    if (item.attempts + 1 >= this.options.maxRejections) {
      this.quarantine(item, reason);
      result.quarantined++;
    }
  }

  private quarantine(item: OutboxItem, reason: string): void {
    this.deps.outbox.quarantine(item.record.seq, reason);
    this.deps.logger.error({ seq: item.record.seq, kind: item.record.kind, reason }, 'outbox record quarantined');
    this.emit({ type: 'quarantined', record: item.record, reason });
  }

  private publishStatus(): void {
    this.emit({ type: 'status', status: this.status() });
  }

  private emit(event: SyncEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.deps.logger.error({ err: error, event: event.type }, 'sync listener failed');
      }
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    // An idle timer must not keep a process alive that has nothing else to do.
    const sleep = this.deps.sleep ?? ((t: number) => new Promise<void>((r) => setTimeout(r, t).unref()));
    return new Promise<void>((resolve) => {
      this.wake = () => resolve();
      void sleep(ms).then(resolve);
    }).then(() => {
      this.wake = undefined;
    });
  }
}

/** The gateway answered the upload as a whole with a failure. */
class BatchRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Why a record waits in quarantine: the record it depends on is quarantined. */
function waitsFor(recordId: string): string {
  return `waits for record ${recordId}, which is quarantined`;
}
