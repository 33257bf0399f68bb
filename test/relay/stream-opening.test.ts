import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import { memoryPin } from '../../src/relay/gateway-key.js';
import type { ConnectivityState } from '../../src/relay/gateway.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { SyncEngine } from '../../src/relay/sync-engine.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TERMINAL, faultyFetch, useSandbox } from '../sandbox/fixture.js';
import { HOSTILE_GATEWAY_PUBLIC_KEY, type Received, answerUnsigned, streamOpeningFrame, useHostileServer } from './hostile-server.js';

const tempDir = useTempDir();
const serve = useHostileServer();
const start = useSandbox();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A till whose outbox failed once (the gateway answered 503), with a backoff
 * far longer than the test, then subscribing to the event stream of a server
 * that plays `stream` on the n-th connection. Only a wake-up sends the outbox again.
 */
async function tillAgainst(stream: (connection: number, req: Received, res: ServerResponse) => void) {
  let connection = 0;
  const { url, received } = await serve((req, res) => {
    if (!req.url.startsWith('/v1/events')) return answerUnsigned(res, 503, 'busy');
    connection += 1;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    stream(connection, req, res);
  });
  const client = new RelayClient({
    baseUrl: url,
    terminalId: TERMINAL,
    privateKey: generateTerminalKey(),
    gatewayKey: memoryPin(HOSTILE_GATEWAY_PUBLIC_KEY),
    events: { initialBackoffMs: 20, maxBackoffMs: 200 },
  });
  const ledger = openLedger(join(tempDir(), 'till.db'), { clock: { now: () => Date.now(), monotonic: () => performance.now() } });
  ledger.journal.append({ kind: 'cash.movement', aggregateId: 'M1', body: { n: 1 }, sync: true });
  const sync = new SyncEngine({ db: ledger.db, outbox: ledger.outbox, gateway: client, logger: silentLogger, random: () => 0, options: { backoff: { baseMs: 120_000, maxMs: 120_000 } } });
  cleanups.push(() => ledger.close(), () => sync.stop());
  const states: ConnectivityState[] = [];
  client.onConnectivityChange((state) => states.push(state));
  sync.start();
  await expect.poll(() => client.connectivity()).not.toBe('online');
  const subscription = client.subscribe(() => undefined);
  cleanups.push(() => subscription.close());
  const uploads = () => received.filter((r) => r.url === '/v1/journal/batch').length;
  const streams = () => received.filter((r) => r.url.startsWith('/v1/events')).length;
  return { client, ledger, states, uploads, streams };
}

describe('the event stream counts as an answer only once the gateway signed its opening', () => {
  it('a server answering 200 text/event-stream with comments, a forged opening or one signed for another request neither turns the till online nor wakes the outbox', async () => {
    const till = await tillAgainst((connection, _req, res) => {
      if (connection === 1) res.end(': connected\n\n');
      else if (connection === 2) res.end(`event: stream.opened\nsignature: ${Date.now()} 0000000000000000 ${'A'.repeat(86)}==\ndata: {}\n\n`);
      else if (connection === 3) res.end(streamOpeningFrame('a replayed opening, signed for another request'));
      else res.write(': keep-alive\n\n');
    });
    // The fourth connection began only after the first three were read to their end.
    await expect.poll(till.streams).toBeGreaterThanOrEqual(4);
    expect(till.states).not.toContain('online');
    expect(till.client.connectivity()).not.toBe('online');
    expect(till.uploads()).toBe(1);
    expect(till.ledger.outbox.depth()).toBe(1);
  });

  it('the gateway\'s opening, signed for this request, turns the till online and sends the outbox at once', async () => {
    const till = await tillAgainst((_connection, req, res) => {
      res.write(': connected\n\n' + streamOpeningFrame(String(req.headers['x-nonce'])));
    });
    await expect.poll(() => till.client.connectivity()).toBe('online');
    expect(till.states).toContain('online');
    await expect.poll(till.uploads).toBe(2);
  });

  it('the sandbox gateway opens every stream with its signed opening', async () => {
    // Exchange-rate calls fail with 503, so only the stream can bring the till back online.
    const { clientWith } = await start();
    const client = clientWith({ events: { initialBackoffMs: 20, maxBackoffMs: 200 }, retry: { attempts: 1, delayMs: 5 }, fetch: faultyFetch((url) => (url.includes('/v1/exchange-rates') ? 'server-error' : undefined)) });
    await expect(client.exchangeRates()).rejects.toThrow(/server-error/);
    expect(client.connectivity()).toBe('degraded');
    const subscription = client.subscribe(() => undefined);
    cleanups.push(() => subscription.close());
    await expect.poll(() => client.connectivity()).toBe('online');
  });
});
