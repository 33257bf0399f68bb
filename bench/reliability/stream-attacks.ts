import { generateKeyPairSync } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STREAM_OPENED_EVENT, signStreamOpening } from '../../src/relay/answer-signing.js';
import type { ConnectivityState } from '../../src/relay/gateway.js';
import { attackedTill } from './attacked-till.js';

type Tally = Record<string, { tried: number; accepted: number }>;

/** What the fake server opens the stream with. */
type Opening = 'comments' | 'unsigned' | 'forged' | 'replayed';
const OPENINGS: readonly Opening[] = ['comments', 'unsigned', 'forged', 'replayed'];
const TRIES = 5;

const pinnedKey = generateKeyPairSync('ed25519').privateKey;
const otherKey = generateKeyPairSync('ed25519').privateKey;

function openingFrame(opening: Opening, nonce: string): string {
  if (opening === 'comments') return ': connected\n\n';
  const data = '{}';
  const signature =
    opening === 'unsigned'
      ? ''
      : signStreamOpening(opening === 'forged' ? otherKey : pinnedKey, opening === 'replayed' ? 'f'.repeat(32) : nonce, data, Date.now());
  return `event: ${STREAM_OPENED_EVENT}\nsignature: ${signature}\ndata: ${data}\n\n`;
}

/**
 * `fake-event-stream` (issue 14, trust): a server on the shop's network
 * answers the till's event stream with 200 text/event-stream and comments, an
 * unsigned opening, one signed by another key, or the pinned gateway's
 * opening recorded for another request. Accepted when the till, degraded
 * after a failed call, reads that as the gateway reached (online), which
 * wakes its outbox (docs/relay-protocol.md, "Event stream").
 */
export async function fakeStreamAttacks(tally: Tally, problems: string[]): Promise<void> {
  let opening: Opening = 'comments';
  let streams = 0;
  const server = createServer((req, res) => {
    if (!(req.url ?? '').startsWith('/v1/events')) {
      res.writeHead(503).end();
      return;
    }
    streams++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(openingFrame(opening, String(req.headers['x-nonce'])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const counts = (tally['fake-event-stream'] = { tried: 0, accepted: 0 });
  try {
    for (const chosen of OPENINGS) {
      opening = chosen;
      for (let i = 0; i < TRIES; i++) {
        const client = attackedTill(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, pinnedKey, { events: { initialBackoffMs: 10, maxBackoffMs: 20 } });
        await client.exchangeRates().catch(() => undefined);
        const states: ConnectivityState[] = [];
        client.onConnectivityChange((state) => states.push(state));
        const before = streams;
        const subscription = client.subscribe(() => undefined);
        // The second connection begins only after the first was read to its end.
        while (streams < before + 2) await delay(5);
        subscription.close();
        counts.tried++;
        if (states.includes('online')) {
          counts.accepted++;
          problems.push(`fake-event-stream: a ${chosen} stream opening turned the till online`);
        }
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
