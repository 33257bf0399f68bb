import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../src/platform/clock.js';
import type { StoreDatabase } from '../../server/db/database.js';
import { type RunningStoreServer, StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';

/** What a describe block on one engine shares: the database and the server's URL, set before its first test. */
export interface ServedEngine {
  db: StoreDatabase;
  url: string;
}

/**
 * Registers, in the calling describe block, a fresh database of `open`'s
 * engine with store S1 (enrollment code CODE-S1) and a store server on a
 * free port over it; both closed after the block.
 */
export function serveEngine(open: () => Promise<{ db: StoreDatabase; dispose(): Promise<void> }>, clock: Clock): ServedEngine {
  const served = {} as ServedEngine;
  let dispose: (() => Promise<void>) | undefined;
  let server: RunningStoreServer | undefined;
  beforeAll(async () => {
    ({ db: served.db, dispose } = await open());
    await upsertStore(served.db, clock, { storeId: 'S1', name: '한강분식', enrollmentCode: 'CODE-S1' });
    server = await new StoreServer({ db: served.db, clock }).listen(0);
    served.url = server.url;
  });
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });
  return served;
}
