import type { GatewayEvent, Payment } from '../src/relay/protocol.js';
import type { SandboxDatabase } from './database.js';

type EventType = GatewayEvent['type'];
type Listener = (event: GatewayEvent) => void;

interface EventRow {
  event_id: number;
  type: EventType;
  payment_json: string;
}

function toEvent(row: EventRow): GatewayEvent {
  return {
    id: String(row.event_id),
    type: row.type,
    payment: JSON.parse(row.payment_json) as Payment,
  };
}

/**
 * The per-terminal event stream's store: every event is persisted with a
 * monotonically increasing id (SQLite AUTOINCREMENT never reuses one), so a
 * client resuming with Last-Event-ID gets exactly what it missed, across
 * reconnects and sandbox restarts. Live listeners hear an event only after
 * the transaction that wrote it has committed (`flush`).
 */
export class EventLog {
  private readonly insert;
  private readonly sinceStatement;
  private readonly listeners = new Map<string, Set<Listener>>();
  private pending: Array<{ terminalId: string; event: GatewayEvent }> = [];

  constructor(db: SandboxDatabase) {
    this.insert = db.prepare(
      'INSERT INTO events (terminal_id, type, payment_json, at) VALUES (?, ?, ?, ?)',
    );
    this.sinceStatement = db.prepare(
      'SELECT event_id, type, payment_json FROM events WHERE terminal_id = ? AND event_id > ? ORDER BY event_id',
    );
  }

  /** Stores an event inside the caller's transaction; it is published by `flush`. */
  append(terminalId: string, type: EventType, payment: Payment, at: number): void {
    const json = JSON.stringify(payment);
    const id = Number(this.insert.run(terminalId, type, json, at).lastInsertRowid);
    this.pending.push({ terminalId, event: { id: String(id), type, payment } });
  }

  /** Publishes the events of a committed transaction to live listeners. */
  flush(): void {
    const ready = this.pending;
    this.pending = [];
    for (const { terminalId, event } of ready) {
      for (const listener of this.listeners.get(terminalId) ?? []) listener(event);
    }
  }

  /** Forgets the events of a rolled-back transaction. */
  discard(): void {
    this.pending = [];
  }

  /** Events of `terminalId` after `afterId`, oldest first. */
  since(terminalId: string, afterId: number): GatewayEvent[] {
    return (this.sinceStatement.all(terminalId, afterId) as EventRow[]).map(toEvent);
  }

  /** Live events of `terminalId`; returns the unsubscribe function. */
  listen(terminalId: string, listener: Listener): () => void {
    let set = this.listeners.get(terminalId);
    if (!set) this.listeners.set(terminalId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}
