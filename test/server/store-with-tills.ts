import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloseoutReport } from '../../src/closeout/index.js';
import { UpstreamCursor } from '../../src/ledger/index.js';
import type { Clock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { StoreLink } from '../../src/store/store-link.js';
import { StoreSync } from '../../src/store/store-sync.js';
import type { StoreDatabase } from '../../server/db/database.js';
import type { Dashboard } from '../../server/dashboard/dashboard.js';
import { attachDashboard } from '../../server/dashboard/index.js';
import { type RunningStoreServer, StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { type ClosingTill, MANAGER_PIN, OWNER_PIN, startClosingTill, until } from '../closeout/closing-till.js';
import { walletCode } from '../payments/harness.js';
import { TEST_SCRYPT_COST } from './dashboard-client.js';
import { freshPglite } from './test-databases.js';

/** A real till (engine, sandbox gateway, journal, close-out) linked to the store server. */
export type StoreTill = ClosingTill & { tillId: string; privateKey: KeyObject; link: StoreLink; sync: StoreSync };

/** A store server on PGlite with the dashboard and one store `S1` (enrollment code `CODE-S1`), on a free port. */
export interface TestStore {
  db: StoreDatabase;
  server: StoreServer;
  dashboard: Dashboard;
  running: RunningStoreServer;
  close(): Promise<void>;
}

/** Starts the store server the dashboard and till tests share; `name` is store S1's 상호. */
export async function startTestStore(clock: Clock, name = '한강분식'): Promise<TestStore> {
  const { db, dispose } = await freshPglite();
  const server = new StoreServer({ db, clock });
  const dashboard = attachDashboard(server, db, clock, { passwordCost: TEST_SCRYPT_COST });
  const running = await server.listen(0);
  await upsertStore(db, clock, { storeId: 'S1', name, enrollmentCode: 'CODE-S1' });
  return {
    db,
    server,
    dashboard,
    running,
    close: async () => {
      await running.close();
      await dispose();
    },
  };
}

/** The test store with real tills enrolled in it. */
export interface StoreWithTills extends TestStore {
  tills: StoreTill[];
  /** Sets every till's clock (the server reads the first one's). */
  setTime(ms: number): void;
}

/**
 * Starts the server and `tillIds` tills at `start`, each enrolled in store S1
 * unless `storeOf` names another store for it (a chain: each such store is
 * set up too, named after its id).
 */
export async function startStoreWithTills(tillIds: readonly string[], start: number, storeOf: Record<string, string> = {}): Promise<StoreWithTills> {
  const tills: StoreTill[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  const started: ClosingTill[] = [];
  for (const tillId of tillIds) {
    const dir = mkdtempSync(join(tmpdir(), `pos-store-${tillId}-`));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const till = await startClosingTill(dir, start);
    cleanups.push(() => till.close());
    started.push(till);
  }
  // The server's clock is the shop's: the first till's (the tills' clocks move together), read from its first write on.
  const clock: Clock = { now: () => started[0]!.clock.now(), monotonic: () => started[0]!.clock.monotonic() };
  const store = await startTestStore(clock);
  cleanups.unshift(() => store.close());
  for (const [i, till] of started.entries()) {
    const tillId = tillIds[i]!;
    const privateKey = till.key;
    const link = new StoreLink({ baseUrl: store.running.url, tillId, privateKey, clock: till.clock });
    const sync = new StoreSync({ journal: till.ledger.journal, cursor: new UpstreamCursor(till.ledger.db, till.clock, 'store'), link, logger: silentLogger });
    tills.push(Object.assign(till, { tillId, privateKey, link, sync }));
  }
  for (const storeId of new Set(Object.values(storeOf))) {
    if (storeId !== 'S1') await upsertStore(store.db, clock, { storeId, name: storeId, enrollmentCode: `CODE-${storeId}` });
  }
  for (const till of tills) await till.link.register(`CODE-${storeOf[till.tillId] ?? 'S1'}`);
  return {
    ...store,
    tills,
    setTime: (ms) => tills.forEach((t) => t.clock.set(ms)),
    close: async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    },
  };
}

/** Rings up `n` pairs of sales: a taxable 김밥 at `price` paid by wallet, two tax-free 생수 paid in cash. */
export async function ringUp(till: ClosingTill, n: number, price: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const wallet = till.engine.openSale({ lines: [{ name: '김밥', unitPrice: price, quantity: 1, tax: 'taxable' }] });
    const paid = await till.engine.payByCode(wallet.saleId, walletCode(Math.floor(Math.random() * 1e9)));
    if (paid.tender.state !== 'approved') throw new Error(`the wallet sale ended ${paid.tender.state}`);
    const cash = till.engine.openSale({ lines: [{ name: '생수', unitPrice: 1_000, quantity: 2, tax: 'tax-free' }] });
    await till.engine.takeCash(cash.saleId, 2_000);
  }
}

/** Counts the drawer and closes the till's business day `date` once its journal reached the gateway. */
export async function closeTillDay(till: ClosingTill, date: string, counted: Record<string, number>): Promise<CloseoutReport> {
  await till.closeout.cashCount({ pin: MANAGER_PIN, denominations: counted, reason: '확인' });
  await until(() => till.ledger.outbox.depth() === 0, 'the day synced to the gateway', 10_000);
  return till.closeout.z({ ownerPin: OWNER_PIN, businessDate: date });
}
