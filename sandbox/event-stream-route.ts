import type { IncomingMessage, ServerResponse } from 'node:http';
import { STREAM_OPENED_EVENT } from '../src/relay/answer-signing.js';
import type { GatewayEvent } from '../src/relay/protocol.js';
import { SIGNATURE_HEADERS } from '../src/relay/signing.js';
import type { FaultSet } from './faults.js';
import { sendResult } from './http-util.js';
import { type SandboxServices, faultsBefore } from './relay-routes.js';

/** How long the out-of-order fault collects a burst of events before sending it reversed. */
const BURST_MS = 20;

/**
 * GET /v1/events: the terminal's Server-Sent Events stream. On connect it
 * replays every stored event after the client's Last-Event-ID header (or
 * `?lastEventId=`), then sends live ones as their transactions commit, with
 * a keep-alive comment every `keepAliveMs` so the client can tell a silent
 * stream from a dead one.
 */
export async function handleEventStream(
  services: SandboxServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  keepAliveMs: number,
): Promise<void> {
  const faults = await faultsBefore(services, 'events', req, res);
  if (!faults) return;
  const auth = services.state.transact(() =>
    services.auth.authenticate({
      method: 'GET',
      pathWithQuery: req.url ?? '/',
      headers: req.headers,
      body: new Uint8Array(),
    }),
  );
  if (!auth.ok) {
    sendResult(res, auth.code, auth.message);
    return;
  }
  const header = req.headers['last-event-id'];
  const resume =
    (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId') ?? '0';
  const afterId = /^\d{1,15}$/.test(resume) ? Number(resume) : 0;

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(openingFrame(services, auth.terminalId, req.headers[SIGNATURE_HEADERS.nonce]));
  const writer = new EventWriter(res, faults, (event) =>
    services.keys.signEvent(auth.terminalId, event),
  );
  for (const event of services.state.events.since(auth.terminalId, afterId)) writer.send(event);
  writer.flush();
  const unlisten = services.state.events.listen(auth.terminalId, (event) => writer.send(event));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  res.on('close', () => {
    unlisten();
    clearInterval(keepAlive);
    writer.close();
  });
}

/**
 * The signed frame every stream opens with, bound to the request's nonce: the
 * till counts the stream as the gateway's answer only once it has it
 * (docs/relay-protocol.md, "Events").
 */
function openingFrame(services: SandboxServices, terminalId: string, nonce: string | string[] | undefined): string {
  const data = JSON.stringify({ terminalId });
  const signature = services.keys.signStreamOpening(typeof nonce === 'string' ? nonce : '', data);
  return `event: ${STREAM_OPENED_EVENT}\nsignature: ${signature}\ndata: ${data}\n\n`;
}

/** Writes events in SSE framing, applying the duplicate and out-of-order faults. */
class EventWriter {
  private burst: GatewayEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly faults: FaultSet,
    private readonly sign: (event: { id: string; data: string }) => string,
  ) {}

  send(event: GatewayEvent): void {
    if (this.faults['out-of-order-events'] === undefined) {
      this.write(event);
      return;
    }
    this.burst.push(event);
    this.timer ??= setTimeout(() => this.flush(), BURST_MS);
  }

  /** Sends a collected burst newest first (out-of-order fault). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const burst = this.burst.reverse();
    this.burst = [];
    for (const event of burst) this.write(event);
  }

  close(): void {
    clearTimeout(this.timer);
  }

  private write(event: GatewayEvent): void {
    const data = JSON.stringify(event);
    const signature = this.sign({ id: event.id, data });
    const frame = `id: ${event.id}\nevent: ${event.type}\nsignature: ${signature}\ndata: ${data}\n\n`;
    this.res.write(frame);
    if (this.faults['duplicate-events'] !== undefined) this.res.write(frame);
  }
}
