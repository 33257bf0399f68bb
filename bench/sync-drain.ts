// Outbox drain: records per second uploading a 50,000-record backlog to the
// sandbox over loopback in batches of 500, each record acknowledged. The
// gateway must apply every record exactly once: duplicates must be 0.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLedger } from '../src/ledger/index.js';
import { systemClock } from '../src/platform/clock.js';
import { silentLogger } from '../src/platform/logger.js';
import { SyncEngine } from '../src/relay/sync-engine.js';
import { startBenchSandbox } from './lib/bench-sandbox.js';
import { median, printFigure } from './lib/measure.js';

const BACKLOG = 50_000;

async function drainOnce(run: number): Promise<{ perSecond: number; duplicates: number; applied: number }> {
  const { dir, gateway, client, close } = await startBenchSandbox('bench-sync-');
  const ledger = openLedger(join(dir, 'till.db'), { clock: systemClock });
  try {
    // The backlog of a long outage: cash sales journaled while the gateway was away.
    ledger.journal.atomically(() => {
      for (let i = 0; i < BACKLOG; i++) {
        ledger.journal.append({
          kind: 'tender.state',
          aggregateId: `T01-P-${run}-${i}`,
          body: { tenderId: `T01-P-${run}-${i}`, saleId: `S${i}`, method: 'cash', from: null, to: 'approved', currency: 'KRW', amount: 4_500, tendered: 5_000, change: 500 },
          sync: true,
        });
      }
    });
    const sync = new SyncEngine({ db: ledger.db, outbox: ledger.outbox, gateway: client, logger: silentLogger, options: { batchSize: 500 } });
    const start = performance.now();
    const result = await sync.drain();
    const seconds = (performance.now() - start) / 1000;
    if (result.failed || ledger.outbox.depth() !== 0) throw new Error('drain did not finish');
    await gateway.close();
    const db = new Database(join(dir, 'sandbox.db'), { readonly: true });
    const applied = (db.prepare('SELECT count(*) AS n FROM journal_records').get() as { n: number }).n;
    db.close();
    return { perSecond: result.acknowledged / seconds, duplicates: result.duplicates + (result.acknowledged - applied), applied };
  } finally {
    ledger.close();
    await close();
  }
}

await drainOnce(0);
const runs = [await drainOnce(1), await drainOnce(2), await drainOnce(3)];
const duplicates = runs.reduce((a, r) => a + r.duplicates, 0);
printFigure({
  name: 'sync_drain',
  value: median(runs.map((r) => r.perSecond)),
  unit: 'records/s',
  n: BACKLOG * runs.length,
  duplicates,
  applied: runs.map((r) => r.applied).join('/'),
});
if (duplicates !== 0) process.exitCode = 1;
