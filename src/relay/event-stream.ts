import type { Logger } from '../platform/logger.js';
import { type AnswerVerdict, STREAM_OPENED_EVENT } from './answer-signing.js';
import type { ConnectivityMonitor } from './connectivity.js';
import type { EventSubscription } from './gateway.js';
import { EVENTS_PATH } from './operations.js';
import { type GatewayEvent, gatewayEventSchema } from './protocol.js';
import { newNonce } from './signing.js';
import { type ServerSentEvent, SseParser } from './sse-parser.js';

/** Reconnection behaviour of the event stream. */
export interface EventStreamOptions {
  /** First wait after a lost connection; doubled on every failure up to maxBackoffMs, with jitter. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** The gateway sends a keep-alive comment every 15 s; silence this long means a dead connection. */
  idleTimeoutMs: number;
  /** How long opening the stream may take. */
  connectTimeoutMs: number;
}

export const DEFAULT_EVENT_STREAM: EventStreamOptions = {
  initialBackoffMs: 500,
  // The till refuses CPM while offline and learns its line is back from the first good answer, most often this
  // stream's reconnect: 10 s bounds that wait for a customer at the counter, and the jitter still spreads a fleet.
  maxBackoffMs: 10_000,
  idleTimeoutMs: 45_000,
  connectTimeoutMs: 10_000,
};

/** What the stream needs from the client. */
export interface EventStreamDeps {
  /** Opens a GET of `pathWithQuery` signed with `nonce`. */
  open(
    pathWithQuery: string,
    signal: AbortSignal,
    headers: Record<string, string>,
    nonce: string,
  ): Promise<Response>;
  /** Whether the gateway signed this event (answer-signing.ts); an unsigned or forged one is dropped. */
  verify(event: ServerSentEvent): AnswerVerdict;
  /** Whether the gateway signed this frame as the opening of the stream requested with `nonce`. */
  verifyOpening(frame: ServerSentEvent, nonce: string): AnswerVerdict;
  monitor: ConnectivityMonitor;
  logger: Logger;
  options: EventStreamOptions;
  /** Source of jitter (tests pass a fixed one). */
  random?: () => number;
}

/** How many recent event ids are remembered to drop duplicates. */
const REMEMBERED_IDS = 2_000;

/**
 * A subscription to GET /v1/events (Server-Sent Events, parsed by hand over
 * fetch's body stream). It reconnects with exponential backoff and jitter
 * and resumes from the last `id:` the server sent, through both the
 * `Last-Event-ID` header and `?lastEventId=` (proxies drop custom headers).
 *
 * It resumes from the highest id seen, so events already applied are not
 * replayed; an event the gateway sent out of order below that id and never
 * delivered is not re-sent, which consumers tolerate because an event only
 * wakes work that inquires the gateway. Duplicates are dropped here by id;
 * consumers must still apply every event idempotently.
 *
 * A connection counts as an answer from the gateway (connectivity, backoff)
 * only when its signed opening frame arrives, never when the HTTP answer
 * merely says 200 text/event-stream: that wakes the outbox, and anyone on the
 * shop's network can send it.
 */
export class EventStream implements EventSubscription {
  private closed = false;
  private controller: AbortController | undefined;
  private wake: (() => void) | undefined;
  private readonly seen = new Set<string>();
  private readonly random: () => number;

  constructor(
    private readonly deps: EventStreamDeps,
    private readonly onEvent: (event: GatewayEvent) => void,
    private lastEventId: string | undefined,
  ) {
    this.random = deps.random ?? Math.random;
    void this.run();
  }

  close(): void {
    this.closed = true;
    this.controller?.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { options } = this.deps;
    let backoff = options.initialBackoffMs;
    while (!this.closed) {
      try {
        const retryMs = await this.connectOnce(() => {
          backoff = options.initialBackoffMs;
        });
        if (retryMs !== undefined) backoff = retryMs;
      } catch (error) {
        if (this.closed) break;
        this.deps.monitor.recordFailure();
        this.deps.logger.warn(
          { error: (error as Error).message, resumeFrom: this.lastEventId },
          'event stream lost',
        );
      }
      if (this.closed) break;
      await this.sleep(backoff * (0.5 + this.random() / 2));
      backoff = Math.min(options.maxBackoffMs, backoff * 2);
    }
  }

  /** One connection, read until it ends; returns the server's `retry:` if it sent one. */
  private async connectOnce(onConnected: () => void): Promise<number | undefined> {
    const { options } = this.deps;
    const controller = new AbortController();
    this.controller = controller;
    let timer = setTimeout(() => controller.abort(), options.connectTimeoutMs);
    try {
      const resume = this.lastEventId;
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (resume !== undefined) headers['last-event-id'] = resume;
      const query = resume !== undefined ? `?lastEventId=${encodeURIComponent(resume)}` : '';
      const started = performance.now();
      const nonce = newNonce();
      const response = await this.deps.open(EVENTS_PATH + query, controller.signal, headers, nonce);
      if (!response.ok || !response.body)
        throw new Error(`event stream refused: HTTP ${response.status}`);
      if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        throw new Error(
          `event stream answered ${response.headers.get('content-type') ?? 'no content type'}`,
        );
      }
      let opened = false;
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      const resetIdle = () => {
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(), options.idleTimeoutMs);
      };
      resetIdle();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        resetIdle();
        for (const frame of parser.push(decoder.decode(value, { stream: true }))) {
          if (frame.event !== STREAM_OPENED_EVENT) this.deliver(frame);
          else if (!opened && this.believeOpening(frame, nonce)) {
            opened = true;
            this.deps.monitor.recordAnswer(performance.now() - started);
            onConnected();
          }
        }
      }
      return parser.retryMs;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  /** Whether `frame` is the gateway's signed opening of the connection requested with `nonce`. */
  private believeOpening(frame: ServerSentEvent, nonce: string): boolean {
    const verdict = this.deps.verifyOpening(frame, nonce);
    if (!verdict.ok)
      this.deps.logger.warn({ reason: verdict.reason, error: verdict.message }, 'unauthenticated event stream opening ignored');
    return verdict.ok;
  }

  private deliver(sse: ServerSentEvent): void {
    // A forged event neither moves the resume point nor reaches the engine: the
    // real one is fetched again on the next connection.
    const verdict = this.deps.verify(sse);
    if (!verdict.ok) {
      this.deps.logger.warn({ id: sse.id, reason: verdict.reason, error: verdict.message }, 'unauthenticated gateway event dropped');
      return;
    }
    // Resume from the highest id seen: after a reordered delivery the last one received may be
    // lower, and resuming there replays events already applied (issue 12, defect 9).
    if (sse.id !== undefined && isHigherEventId(sse.id, this.lastEventId)) this.lastEventId = sse.id;
    let event: GatewayEvent;
    try {
      const checked = gatewayEventSchema.safeParse(JSON.parse(sse.data));
      if (!checked.success) throw new Error(checked.error.issues[0]?.message ?? 'invalid event');
      event = checked.data;
    } catch (error) {
      this.deps.logger.warn(
        { id: sse.id, error: (error as Error).message },
        'malformed gateway event skipped',
      );
      return;
    }
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value!);
    try {
      this.onEvent(event);
    } catch (error) {
      this.deps.logger.error(
        { id: event.id, error: (error as Error).message },
        'gateway event handler failed',
      );
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** Whether the event id `id` (digits) is above `than`; any id is above none. Ids are compared as integers, never as text. */
export function isHigherEventId(id: string, than: string | undefined): boolean {
  if (than === undefined || !/^\d+$/.test(than)) return /^\d+$/.test(id);
  return /^\d+$/.test(id) && BigInt(id) > BigInt(than);
}
