import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { publicKeyToBase64 } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { STORE_SERVER_KEY_FILE } from '../../src/store/store-link.js';
import { posConfigSchema } from '../../main/config.js';
import { startStoreSync, storeServerKeyPin } from '../../main/services/store-upstream.js';
import { StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { waitFor } from '../payments/harness.js';
import { freshPglite } from './test-databases.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// The till's wiring (main/compose-till.ts): config.json's `store` starts the
// second upstream; the till enrolls itself with the code on the first refusal.
describe("a till's config naming a store server", () => {
  it('enrolls with the code and sends every journal record', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0));
    const { db, dispose } = await freshPglite();
    cleanups.push(dispose);
    await upsertStore(db, clock, { storeId: 'S1', name: 'store', enrollmentCode: 'CODE-S1' });
    const server = await new StoreServer({ db, clock }).listen(0);
    cleanups.push(() => server.close());
    const dir = mkdtempSync(join(tmpdir(), 'pos-till-upstream-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const ledger = openLedger(join(dir, 'journal.db'), { clock });
    cleanups.push(() => ledger.close());
    const config = posConfigSchema.parse({ terminalId: 'SHOP1-T1', store: { url: server.url, enrollmentCode: 'CODE-S1' } });
    for (let i = 0; i < 5; i++) ledger.journal.append({ kind: 'test.sale', aggregateId: `S${i}`, body: { amount: 1_000 * i } });
    const stop = startStoreSync(config.store!, { terminalId: config.terminalId, key: generateTerminalKey(), ledger, clock, logger: silentLogger, serverKey: storeServerKeyPin(dir) });
    cleanups.push(stop);
    const count = async () => Number((await db.query<{ n: string | number }>("SELECT count(*) AS n FROM journal_records WHERE till_id = 'SHOP1-T1'")).rows[0]!.n);
    let stored = 0;
    await waitFor(() => {
      void count().then((n) => (stored = n));
      return stored === 5;
    }, 15_000);
    const tills = await db.query<{ store_id: string }>("SELECT store_id FROM tills WHERE till_id = 'SHOP1-T1'");
    expect(tills.rows).toEqual([{ store_id: 'S1' }]);
    // Enrolling pinned the server's key beside the journal: later answers are believed only if it signed them.
    const pinned = fileGatewayPin(join(dir, STORE_SERVER_KEY_FILE)).current();
    const [{ private_pem }] = (await db.query<{ private_pem: string }>('SELECT private_pem FROM server_keys')).rows as [{ private_pem: string }];
    expect(pinned && publicKeyToBase64(pinned)).toBe(publicKeyToBase64(createPublicKey(private_pem)));
  }, 60_000);
});
