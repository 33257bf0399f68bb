import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { signRequest } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { StoreKeyNotPinnedError, StoreLink, StoreRefusedError } from '../../src/store/store-link.js';
import { toStoreRecord } from '../../src/store/store-sync.js';
import type { StoreDatabase } from '../../server/db/database.js';
import { migrateServer, serverMigrations } from '../../server/db/migrations.js';
import { attachDashboard } from '../../server/dashboard/index.js';
import { StoreServer } from '../../server/store-server.js';
import { serveEngine } from './served-engine.js';
import { ENGINES } from './test-databases.js';
import { openTestTill } from './till-fixture.js';

// The foundation, on both engines: one schema and one set of migrations,
// enrollment with the store's code, relay-style signatures, and the journal
// taken exactly once with its chain checked.
describe.each(ENGINES)('store server on %s', (_name, open) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0));
  const served = serveEngine(open, clock);

  it('runs its migrations once: a second run (another process starting) changes nothing', async () => {
    expect(await migrateServer(served.db, clock)).toBe(serverMigrations.length);
    const { rows } = await served.db.query<{ n: string | number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(Number(rows[0]!.n)).toBe(serverMigrations.length);
  });

  it('enrolls a till with the store code, refuses a wrong code and a second key for the same till', async () => {
    const till = openTestTill('T-ENROLL', served.url, clock);
    await expect(till.link.register('WRONG')).rejects.toThrow(/ENROLLMENT_CODE_INVALID/);
    const answer = await till.link.register('CODE-S1');
    expect(answer.storeId).toBe('S1');
    expect(answer.head).toEqual({ seq: 0, hash: '0'.repeat(64) });
    await till.link.register('CODE-S1'); // a retry with the same key is fine
    const thief = new StoreLink({ baseUrl: served.url, tillId: 'T-ENROLL', privateKey: generateTerminalKey(), clock, serverKey: till.serverKey });
    await expect(thief.register('CODE-S1')).rejects.toThrow(/TILL_ALREADY_ENROLLED/);
    await expect(thief.head()).rejects.toThrow(/SIGNATURE_INVALID/);
  });

  it('refuses unsigned, stale and replayed requests with 401', async () => {
    const key = generateTerminalKey();
    const link = new StoreLink({ baseUrl: served.url, tillId: 'T-AUTH', privateKey: key, clock });
    await link.register('CODE-S1');
    expect((await fetch(`${served.url}/v1/head`)).status).toBe(401);
    const headers = signRequest(key, 'T-AUTH', { method: 'GET', pathWithQuery: '/v1/head', body: '' }, clock.now());
    expect((await fetch(`${served.url}/v1/head`, { headers: { ...headers } })).status).toBe(200);
    const replay = await fetch(`${served.url}/v1/head`, { headers: { ...headers } });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { result: { code: string } }).result.code).toBe('NONCE_REPLAYED');
    const stale = signRequest(key, 'T-AUTH', { method: 'GET', pathWithQuery: '/v1/head', body: '' }, clock.now() - 10 * 60_000);
    const answer = await fetch(`${served.url}/v1/head`, { headers: { ...stale } });
    expect(((await answer.json()) as { result: { code: string } }).result.code).toBe('TIMESTAMP_OUT_OF_WINDOW');
  });

  it('stores every record once, in order: duplicates, reordered and partial batches, and names an altered record', async () => {
    const till = openTestTill('T-CHAIN', served.url, clock);
    await till.link.register('CODE-S1');
    till.sell(6);
    const records = till.store.journal.readAfter(0, 100).map(toStoreRecord);
    // Reordered and with a gap: 1..3 stored, 5 and 6 wait for 4.
    const first = await till.link.upload([records[2]!, records[0]!, records[5]!, records[1]!, records[4]!, records[0]!]);
    expect(first.head!.seq).toBe(3);
    expect(first.acks.map((a) => [a.seq, a.status])).toEqual([
      [1, 'ACCEPTED'],
      [2, 'ACCEPTED'],
      [3, 'ACCEPTED'],
      [5, 'DEFERRED'],
      [6, 'DEFERRED'],
    ]);
    const again = await till.link.upload(records);
    expect(again.acks.map((a) => a.status)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    expect(again.head).toEqual({ seq: 6, hash: records[5]!.hash });

    till.sell(2);
    const [seventh, eighth] = till.store.journal.readAfter(6, 10).map(toStoreRecord);
    const altered = { ...seventh!, body: { ...seventh!.body, amount: 1 } };
    const answer = await till.link.upload([altered, eighth!]);
    expect(answer.acks[0]).toMatchObject({ seq: 7, status: 'REJECTED', code: 'CHAIN_BROKEN' });
    expect(answer.acks[0]!.message).toMatch(/record 7 \(test.sale\) does not match its hash/);
    expect(answer.acks[1]).toMatchObject({ seq: 8, status: 'DEFERRED' });
    const { rows } = await served.db.query<{ seq: string | number; record_id: string }>("SELECT seq, record_id FROM chain_breaks WHERE till_id = 'T-CHAIN'");
    expect(rows.map((r) => [Number(r.seq), r.record_id])).toEqual([[7, seventh!.recordId]]);
    const stored = await served.db.query<{ n: string | number }>("SELECT count(*) AS n FROM journal_records WHERE till_id = 'T-CHAIN'");
    expect(Number(stored.rows[0]!.n)).toBe(6);
  });

  it('drains a till through its own cursor and resends nothing once the server holds it', async () => {
    const till = openTestTill('T-DRAIN', served.url, clock);
    await till.link.register('CODE-S1');
    till.sell(120);
    const drained = await till.sync.drain();
    expect(drained).toMatchObject({ sent: 120, stored: 120, duplicates: 0, failed: false });
    expect(till.cursor.position().seq).toBe(120);
    expect(till.sync.status().depth).toBe(0);
    expect((await till.sync.drain()).sent).toBe(0);
    // The relay's outbox is a separate queue: the store draining it acknowledged nothing there.
    expect(till.store.outbox.depth()).toBe(60);
  });

  it('refuses a till of another store sending as if it were enrolled: StoreRefusedError, not a crash', async () => {
    const till = openTestTill('T-NOBODY', served.url, clock);
    till.sell(1);
    const upload = () => till.link.upload(till.store.journal.readAfter(0, 1).map(toStoreRecord)).catch((e: unknown) => e);
    // With no server key pinned it cannot even believe the refusal (the till then enrolls, main/services/store-upstream.ts).
    expect(await upload()).toBeInstanceOf(StoreKeyNotPinnedError);
    const enrolled = openTestTill('T-SOMEBODY', served.url, clock);
    await enrolled.link.register('CODE-S1');
    till.serverKey.pin(enrolled.serverKey.current()!);
    const error = await upload();
    expect(error).toBeInstanceOf(StoreRefusedError);
    expect((error as StoreRefusedError).code).toBe('SIGNATURE_INVALID');
  });
});

describe('docs/store-openapi.yaml', () => {
  it('names every route of the server, and every JSON route of the dashboard, with its method', () => {
    const openapi = readFileSync(new URL('../../docs/store-openapi.yaml', import.meta.url), 'utf8');
    const server = new StoreServer({ db: {} as StoreDatabase, clock: new ManualClock() });
    const tillRoutes = server.routeKeys();
    attachDashboard(server, {} as StoreDatabase, new ManualClock());
    const apiRoutes = server.routeKeys().filter((key) => key.includes(' /dashboard/api/'));
    expect(apiRoutes.length).toBeGreaterThanOrEqual(3);
    for (const key of [...tillRoutes, ...apiRoutes]) {
      const [method, path] = key.split(' ') as [string, string];
      const block = openapi.split(/^ {2}(?=\/)/m).find((b) => b.startsWith(`${path}:`));
      expect(block, path).toMatch(new RegExp(`^ {4}${method.toLowerCase()}:`, 'm'));
    }
  });
});
