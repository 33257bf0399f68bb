import type { KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ledger, UpstreamCursor, openLedger } from '../../src/ledger/index.js';
import type { Clock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { type GatewayKeyPin, memoryPin } from '../../src/relay/gateway-key.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { StoreLink } from '../../src/store/store-link.js';
import { StoreSync } from '../../src/store/store-sync.js';

/** A till as the store sees it: a real SQLite journal, its key, its link and store sync engine. */
export interface TestTill {
  tillId: string;
  privateKey: KeyObject;
  store: Ledger;
  link: StoreLink;
  /** Where the link pins the store server's key (enrollment fills it). */
  serverKey: GatewayKeyPin;
  sync: StoreSync;
  cursor: UpstreamCursor;
  /** Appends `n` sale records (every record goes to the store, synced to the gateway or not). */
  sell(n: number, amount?: number): void;
}

/** Opens a till with a fresh journal, pointed at the store server `url`. */
export function openTestTill(tillId: string, url: string, clock: Clock, options: { fetch?: typeof fetch } = {}): TestTill {
  const dir = mkdtempSync(join(tmpdir(), `pos-till-${tillId}-`));
  const store = openLedger(join(dir, 'journal.db'), { clock });
  const privateKey = generateTerminalKey();
  const serverKey = memoryPin();
  const link = new StoreLink({ baseUrl: url, tillId, privateKey, clock, serverKey, timeoutMs: 30_000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const cursor = new UpstreamCursor(store.db, clock, 'store');
  const sync = new StoreSync({ journal: store.journal, cursor, link, logger: silentLogger, options: { batchSize: 50 } });
  let sale = 0;
  return {
    tillId,
    privateKey,
    store,
    link,
    serverKey,
    sync,
    cursor,
    sell(n, amount = 4_500) {
      for (let i = 0; i < n; i++) {
        sale++;
        store.journal.append({ kind: 'test.sale', aggregateId: `${tillId}-S${sale}`, body: { amount, line: `item ${sale}` }, sync: i % 2 === 0 });
      }
    },
  };
}
