/**
 * Simulated tills of `pos fleet`, many in one process: each a real SQLite
 * journal (src/ledger) and a real store sync engine (src/store) with its own
 * cursor, talking to the store server over loopback through FaultyLink. The
 * parent SIGKILLs this process at random instants and starts it again; each
 * start carries on from the journals on disk, so it keeps no state of its
 * own. Prints `ready`, `sold <n>` and `done` lines for the parent.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UpstreamCursor, openLedger } from '../../src/ledger/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { generateTerminalKey, loadTerminalKey, saveTerminalKey } from '../../src/relay/terminal-key.js';
import { fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { STORE_SERVER_KEY_FILE, StoreLink } from '../../src/store/store-link.js';
import { StoreSync } from '../../src/store/store-sync.js';
import { mulberry32 } from '../../sandbox/faults.js';
import { FaultyLink } from './faulty-link.js';
import { SALE_DONE_KIND, saleRecords } from './fleet-sales.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    url: { type: 'string' },
    tills: { type: 'string' },
    sales: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const dir = values.dir!;
const sales = Number(values.sales);
const seed = Number(values.seed);
/** `STORE/TILL` pairs. */
const tillIds = values.tills!.split(',').map((pair) => pair.split('/') as [string, string]);
const random = mulberry32((seed * 2_654_435_761 + process.pid) >>> 0);

const tills = await Promise.all(
  tillIds.map(async ([storeId, tillId]) => {
    const tillDir = join(dir, tillId);
    mkdirSync(tillDir, { recursive: true });
    const keyPath = join(tillDir, 'till.key');
    const fresh = !existsSync(keyPath);
    if (fresh) saveTerminalKey(keyPath, generateTerminalKey());
    const ledger = openLedger(join(tillDir, 'journal.db'), { clock: systemClock });
    const link = new StoreLink({
      baseUrl: values.url!,
      tillId,
      privateKey: loadTerminalKey(keyPath),
      clock: systemClock,
      timeoutMs: 10_000,
      // Pinned at the first enrollment; a restarted till believes only the server that signs with it.
      serverKey: fileGatewayPin(join(tillDir, STORE_SERVER_KEY_FILE)),
    });
    const enrolled = join(tillDir, 'enrolled');
    while (!existsSync(enrolled)) {
      try {
        await link.register(`CODE-${storeId}`);
        mkdirSync(enrolled);
      } catch {
        await new Promise((r) => setTimeout(r, 200)); // the server is down: the parent restarts it
      }
    }
    const sync = new StoreSync({
      journal: ledger.journal,
      cursor: new UpstreamCursor(ledger.db, systemClock, 'store'),
      link: new FaultyLink(link, { duplicate: 0.1, reorder: 0.1, partial: 0.05 }, random),
      logger: silentLogger,
      options: { idleMs: 100, batchSize: 500, backoff: { baseMs: 100, maxMs: 1_000 } },
      random,
    });
    sync.start();
    const sold = (ledger.db.prepare('SELECT count(*) AS n FROM journal WHERE kind = ?').get(SALE_DONE_KIND) as { n: number }).n;
    return { tillId, ledger, sync, sold };
  }),
);
console.log('ready');

// Ring up the sales in bursts, one transaction per burst (a busy counter's pace, without an fsync per record).
const BURST = 5;
for (;;) {
  const open = tills.filter((t) => t.sold < sales);
  if (open.length === 0) break;
  for (const till of open) {
    const n = Math.min(BURST, sales - till.sold);
    till.ledger.journal.atomically(() => {
      for (let i = 0; i < n; i++) till.ledger.journal.append(...saleRecords(till.tillId, till.sold + i, random));
    });
    till.sold += n;
    till.sync.nudge();
  }
  console.log(`sold ${tills.reduce((s, t) => s + t.sold, 0)}`);
  await new Promise((r) => setTimeout(r, 20));
}
while (tills.some((t) => t.sync.status().depth > 0)) await new Promise((r) => setTimeout(r, 50));
for (const till of tills) {
  await till.sync.stop();
  till.ledger.close();
}
console.log('done');
