import { afterAll, describe, expect, it } from 'vitest';
import { UpstreamCursor } from '../../src/ledger/index.js';
import type { Clock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { StoreLink } from '../../src/store/store-link.js';
import { StoreSync } from '../../src/store/store-sync.js';
import { type RunningStoreServer, StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { openTill, startGateway, waitFor, walletCode } from '../payments/harness.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { freshPglite } from './test-databases.js';

/** Real time plus what the test skips: the hour of the outage passes at once for every part. */
class SkippingClock implements Clock {
  private skipped = 0;
  now(): number {
    return Date.now() + this.skipped;
  }
  monotonic(): number {
    return performance.now() + this.skipped;
  }
  skip(ms: number): void {
    this.skipped += ms;
  }
}

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// Issue 18, "Done when": the store server down for an hour, the tills keep
// selling and paying, and everything arrives once when it returns.
describe('the store server down for an hour', () => {
  it('stops no sale and no payment sync, and every record arrives once, in order, when it returns', async () => {
    const clock = new SkippingClock();
    const { db, dispose } = await freshPglite();
    cleanups.push(dispose);
    await upsertStore(db, clock, { storeId: 'S1', name: 'store', enrollmentCode: 'CODE-S1' });
    let store: RunningStoreServer = await new StoreServer({ db, clock }).listen(0);
    const port = store.port;

    const tills = await Promise.all(
      ['T01', 'T02'].map(async (tillId) => {
        const dir = tempDir();
        const { sandbox, client } = await startGateway(dir, tillId, clock);
        const { engine, ledger } = openTill(dir, client(), { terminalId: tillId, clock });
        engine.start();
        const link = new StoreLink({ baseUrl: store.url, tillId, privateKey: generateTerminalKey(), clock, timeoutMs: 2_000 });
        await link.register('CODE-S1');
        const sync = new StoreSync({
          journal: ledger.journal,
          cursor: new UpstreamCursor(ledger.db, clock, 'store'),
          link,
          logger: silentLogger,
          options: { idleMs: 50, backoff: { baseMs: 20, maxMs: 200 } },
        });
        sync.start();
        cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop(), () => sync.stop());
        return { tillId, engine, ledger, sync };
      }),
    );
    const cart = { lines: [{ name: 'Kimbap', unitPrice: 3_500, quantity: 2, tax: 'taxable' as const }] };
    let code = 0;
    const sellAndPay = async () => {
      for (const till of tills) {
        const wallet = till.engine.openSale(cart);
        const paid = await till.engine.payByCode(wallet.saleId, walletCode(++code));
        expect(paid.tender.state).toBe('approved');
        const cash = till.engine.openSale(cart);
        await till.engine.takeCash(cash.saleId, 10_000);
      }
    };

    await sellAndPay();
    await waitFor(() => tills.every((t) => t.sync.status().depth === 0), 15_000);

    await store.close();
    for (let minute = 0; minute < 60; minute += 10) {
      clock.skip(10 * 60_000);
      await sellAndPay();
    }
    for (const till of tills) {
      // The payment sync drained to the gateway while the store was away.
      await waitFor(() => till.engine.sync.status().depth === 0, 15_000);
      expect(till.sync.status().depth).toBeGreaterThan(0);
      expect(till.sync.status().lastError).toMatch(/fetch failed|ECONNREFUSED/);
    }

    store = await new StoreServer({ db, clock }).listen(port);
    cleanups.push(() => store.close());
    for (const till of tills) till.sync.nudge();
    await waitFor(() => tills.every((t) => t.sync.status().depth === 0), 20_000);

    for (const till of tills) {
      const own = till.ledger.journal.readAfter(0, 100_000);
      const { rows } = await db.query<{ seq: string | number; record_id: string; hash: string }>(
        'SELECT seq, record_id, hash FROM journal_records WHERE till_id = $1 ORDER BY seq',
        [till.tillId],
      );
      expect(rows.map((r) => [Number(r.seq), r.record_id, r.hash])).toEqual(own.map((r) => [r.seq, r.recordId, r.hash]));
    }
    const breaks = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM chain_breaks');
    expect(Number(breaks.rows[0]!.n)).toBe(0);
  }, 90_000);
});
