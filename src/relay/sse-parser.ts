/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The last `id:` seen on the stream so far (the SSE "last event ID buffer"). */
  id: string | undefined;
  event: string;
  data: string;
  /** The relay's `signature:` field (docs/relay-protocol.md, "Answers and events are signed"), if the event had one. */
  signature?: string;
}

/**
 * Incremental text/event-stream parser, following the WHATWG HTML "event
 * stream interpretation" rules: lines end in CRLF, LF or CR (a CR at the end
 * of one chunk may pair with an LF at the start of the next), `:` starts a
 * comment, data lines are joined with "\n", a blank line dispatches, an event
 * with no data is dropped, an `id` containing NUL is ignored, `retry` takes
 * digits only. Feed it decoded text in chunks of any size.
 */
export class SseParser {
  private buffer = '';
  private pendingCr = false;
  private firstChunk = true;
  private data: string[] = [];
  private eventType = '';
  private signature: string | undefined;
  private lastId: string | undefined;
  /** Reconnection time the server asked for with `retry:`, if any. */
  retryMs: number | undefined;

  /** Parses `chunk` and returns the events it completed. */
  push(chunk: string): ServerSentEvent[] {
    if (this.firstChunk && chunk.length > 0) {
      this.firstChunk = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.pendingCr = false;
    this.buffer += chunk;

    const events: ServerSentEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      this.line(this.buffer.slice(start, i), events);
      if (c === '\r') {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string, events: ServerSentEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      case 'signature':
        // Not a WHATWG field (browsers ignore it); the relay signs each event with it.
        this.signature = value;
        break;
      default:
      // Unknown fields are ignored, as the spec says.
    }
  }

  private dispatch(events: ServerSentEvent[]): void {
    if (this.data.length > 0) {
      events.push({
        id: this.lastId,
        event: this.eventType || 'message',
        data: this.data.join('\n'),
        ...(this.signature !== undefined ? { signature: this.signature } : {}),
      });
    }
    this.data = [];
    this.eventType = '';
    this.signature = undefined;
  }
}
