import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { type BackoffPolicy, backoffDelay } from '../relay/sync-backoff.js';
import type { AppliedStoreVersion } from './applied-version.js';
import type { StoreDataChanges, StoreDataResponse } from './store-data-protocol.js';

/** Where the counter stands: a version is applied only while no sale is in progress. */
export interface SaleGate {
  /** No line rung up, no sale open, no tender in flight. */
  idle(): boolean;
  /** Calls `listener` whenever the counter's state changes; returns the function that stops it. */
  onChange(listener: () => void): () => void;
}

/** The part of StoreLink the follower uses. */
export interface StoreDataSource {
  storeData(since: number, waitMs: number, signal?: AbortSignal): Promise<StoreDataResponse>;
}

/**
 * Applies a version to the till. Called only while the gate is idle; the
 * part that must not meet a sale (the catalog) runs before its first await,
 * so no scan can start a sale half-way through it.
 */
export type StoreDataApply = (changes: StoreDataChanges) => Promise<void>;

export interface StoreDataFollowerOptions {
  /** How long one ask waits on the server for a new version (the long poll). */
  waitMs: number;
  backoff: BackoffPolicy;
}

const DEFAULT_OPTIONS: StoreDataFollowerOptions = {
  waitMs: 20_000,
  backoff: { baseMs: 1_000, maxMs: 60_000 },
};

/**
 * The till follows the store's data (issue 18 Deliver 3): it asks the store
 * server for what changed after the version it holds (a long poll, so an
 * edit arrives within a second), keeps a new version pending while a sale
 * is in progress, and applies it as soon as the counter is idle, never
 * during a sale. A till that was offline asks from its own version when the
 * server is back and gets everything it missed in one answer.
 */
export class StoreDataFollower {
  private readonly options: StoreDataFollowerOptions;
  private pending: StoreDataChanges | null = null;
  private lastError: string | null = null;
  private failures = 0;
  private stopped = true;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly unwatch: () => void;
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: {
      source: StoreDataSource;
      applied: AppliedStoreVersion;
      apply: StoreDataApply;
      gate: SaleGate;
      clock: Clock;
      logger: Logger;
      options?: Partial<StoreDataFollowerOptions>;
      sleep?: (ms: number) => Promise<void>;
      random?: () => number;
    },
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...deps.options };
    // A sale closing is the moment a pending version goes in.
    this.unwatch = deps.gate.onChange(() => {
      if (this.pending && deps.gate.idle()) this.wake?.();
    });
  }

  /** The version applied, the one waiting for the sale to end (if any), the last failure. */
  status(): { applied: number; pending: number | null; lastError: string | null } {
    return {
      applied: this.deps.applied.version(),
      pending: this.pending?.version ?? null,
      lastError: this.lastError,
    };
  }

  /** Asks the server once (waiting up to `waitMs` for news); a new version becomes pending. */
  async askOnce(waitMs = 0): Promise<StoreDataChanges | null> {
    const since = this.deps.applied.version();
    const { changes } = await this.deps.source.storeData(since, waitMs, this.abort.signal);
    if (changes.version === since && changes.since === since) return null;
    this.pending = changes;
    return changes;
  }

  /** Applies the pending version if the counter is idle; says whether it did. */
  async applyPending(): Promise<boolean> {
    const changes = this.pending;
    if (!changes || !this.deps.gate.idle()) return false;
    await this.deps.apply(changes);
    this.deps.applied.record(changes, this.deps.clock.now());
    if (this.pending === changes) this.pending = null;
    this.deps.logger.info(
      { version: changes.version, items: changes.items.length },
      'store data applied',
    );
    return true;
  }

  /** Runs in the background until stopped: ask, wait for the sale to end, apply, ask again. */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        try {
          if (this.pending) {
            if (!(await this.applyPending())) await this.pause(60_000);
          } else {
            await this.askOnce(this.options.waitMs);
          }
          this.failures = 0;
          this.lastError = null;
        } catch (error) {
          if (this.stopped) break;
          this.failures++;
          this.lastError = (error as Error).message;
          this.deps.logger.warn({ err: error }, 'store data: ask or apply failed');
          await this.pause(backoffDelay(this.failures - 1, this.options.backoff, this.deps.random));
        }
      }
    })();
  }

  /** Stops: an ask in its long poll is cut short; an apply under way finishes first. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch();
    this.abort.abort();
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const sleep =
      this.deps.sleep ?? ((t: number) => new Promise<void>((r) => setTimeout(r, t).unref()));
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      void sleep(ms).then(resolve);
    }).then(() => {
      this.wake = undefined;
    });
  }
}
