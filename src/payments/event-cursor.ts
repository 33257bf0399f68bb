import { type SqliteDatabase, commitWithoutFsync } from '../ledger/index.js';
import { isHigherEventId } from '../relay/event-stream.js';
import { gatewayEventSchema } from '../relay/protocol.js';

/** The terminal_meta key that holds the highest id of the gateway events the till applied. */
export const LAST_EVENT_ID_KEY = 'relay.lastEventId';

/**
 * Where the till stands in the gateway's event stream, kept in the journal's
 * database (terminal_meta, migration 1). Without it a restart subscribed
 * from the start: the gateway replayed every event the till had already
 * applied (a reversed payment's old success read as a late one). Saved
 * after each event is applied, so a stop in between re-delivers that one
 * event, which the engine applies idempotently (compare-and-set moves).
 * For the same reason the save is not forced to disk on its own (an fsync
 * per event cost every checkout a disk flush, issue 12): it survives a
 * killed till, and only a power cut before the next money commit can take
 * it back a few events, which are then re-delivered and applied once.
 */
export class EventCursor {
  private readonly queries;

  constructor(private readonly db: SqliteDatabase) {
    this.queries = {
      get: db.prepare('SELECT value FROM terminal_meta WHERE key = ?'),
      set: db.prepare('INSERT INTO terminal_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** The last applied event id, if any (a value the stream could not resume from is ignored). */
  load(): string | undefined {
    const row = this.queries.get.get(LAST_EVENT_ID_KEY) as { value: string } | undefined;
    const id = gatewayEventSchema.shape.id.safeParse(row?.value);
    return id.success ? id.data : undefined;
  }

  /** Records that the event `id` has been applied; the cursor only moves up (a reordered lower id leaves it). */
  save(id: string): void {
    if (isHigherEventId(id, this.load())) commitWithoutFsync(this.db, () => this.queries.set.run(LAST_EVENT_ID_KEY, id));
  }
}
