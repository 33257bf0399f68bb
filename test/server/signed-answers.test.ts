import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { StoreKeyNotPinnedError, StoreLink, StoreUnreachableError } from '../../src/store/store-link.js';
import { type RunningStoreServer, StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { freshPglite } from './test-databases.js';

// Issue 18 (closing note: "the store server's own answers are not signed"):
// the till believes the store server's answers as it believes the gateway's,
// only when the key it pinned at enrollment signed them for the very request
// it sent. A fake or tampering server between till and store gets "unreachable",
// never a head or an acknowledgement the till would act on.
describe('store server answers', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0));
  let server: RunningStoreServer;
  let otherServer: RunningStoreServer;
  let dispose: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const { db, dispose: drop } = await freshPglite();
    await upsertStore(db, clock, { storeId: 'S1', name: 'store', enrollmentCode: 'CODE-S1' });
    server = await new StoreServer({ db, clock }).listen(0);
    // Another server (a fake in the till's path) with a key of its own.
    otherServer = await new StoreServer({ db, clock, key: generateKeyPairSync('ed25519').privateKey }).listen(0);
    dispose.push(() => server.close(), () => otherServer.close(), drop);
  }, 120_000);
  afterAll(async () => {
    for (const d of dispose) await d();
    dispose = [];
  });

  /** A fetch that passes requests to the server and lets `tamper` rewrite the answer. */
  const tampering = (tamper: (answer: Response, text: string) => Response | undefined) =>
    (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const answer = await fetch(input, init);
      const text = await answer.text();
      return tamper(answer, text) ?? new Response(text, { status: answer.status, headers: answer.headers });
    }) as typeof fetch;

  it('pins the key at enrollment and believes answers signed by it', async () => {
    const pin = memoryPin();
    const link = new StoreLink({ baseUrl: server.url, tillId: 'T-OK', privateKey: generateTerminalKey(), clock, serverKey: pin });
    await link.register('CODE-S1');
    expect(pin.current()).toBeDefined();
    expect(await link.head()).toEqual({ seq: 0, hash: '0'.repeat(64) });
  });

  it('does not believe an unsigned answer, a changed body, or an answer recorded for another request', async () => {
    const pin = memoryPin();
    let mode: 'pass' | 'strip' | 'change' | 'replay' = 'pass';
    let recorded: { text: string; status: number; headers: Headers } | undefined;
    const fetchThrough = tampering((answer, text) => {
      if (mode === 'pass') {
        recorded = { text, status: answer.status, headers: answer.headers };
        return undefined;
      }
      if (mode === 'replay') return new Response(recorded!.text, { status: recorded!.status, headers: recorded!.headers });
      const headers = new Headers(answer.headers);
      if (mode === 'strip') for (const name of ['x-gateway-signature', 'x-gateway-timestamp', 'x-gateway-key-id']) headers.delete(name);
      const body = mode === 'change' ? text.replace('"seq":0', '"seq":999') : text;
      return new Response(body, { status: answer.status, headers });
    });
    const link = new StoreLink({ baseUrl: server.url, tillId: 'T-MITM', privateKey: generateTerminalKey(), clock, serverKey: pin, fetch: fetchThrough });
    await link.register('CODE-S1');
    expect(await link.head()).toEqual({ seq: 0, hash: '0'.repeat(64) });
    mode = 'strip';
    await expect(link.head()).rejects.toThrow(/not believed \(unsigned\)/);
    mode = 'change';
    await expect(link.head()).rejects.toThrow(/not believed \(forged\)/);
    mode = 'replay';
    await expect(link.head()).rejects.toThrow(/not believed \(forged\)/);
    mode = 'pass';
    expect(await link.head()).toEqual({ seq: 0, hash: '0'.repeat(64) });
  });

  it('does not believe another store server (another key), and knows nothing before enrolling', async () => {
    const pin = memoryPin();
    const key = generateTerminalKey();
    const link = new StoreLink({ baseUrl: server.url, tillId: 'T-SWAP', privateKey: key, clock, serverKey: pin });
    await expect(link.head()).rejects.toBeInstanceOf(StoreKeyNotPinnedError);
    await link.register('CODE-S1');
    // The same till pointed at another server (a fake with a key of its own): its answers are not the pinned key's.
    const impostor = new StoreLink({ baseUrl: otherServer.url, tillId: 'T-SWAP', privateKey: key, clock, serverKey: pin });
    const refused = impostor.register('CODE-S1');
    await expect(refused).rejects.toBeInstanceOf(StoreUnreachableError);
    await expect(refused).rejects.toThrow(/other-key/);
  });

  it('shows a refused enrollment (its code) without pinning anything', async () => {
    const pin = memoryPin();
    const link = new StoreLink({ baseUrl: server.url, tillId: 'T-WRONG', privateKey: generateTerminalKey(), clock, serverKey: pin });
    await expect(link.register('WRONG')).rejects.toThrow(/ENROLLMENT_CODE_INVALID/);
    expect(pin.current()).toBeUndefined();
  });
});
