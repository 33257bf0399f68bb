import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/ledger/index.js';
import { type StoreDatabase, openStoreDatabase } from '../../server/db/database.js';
import { mulberry32 } from '../../sandbox/faults.js';
import { fleetTillGroups } from './fleet-plan.js';
import { type Worker, freePort, scratchDatabase, sleep, startWorker, waitForLine } from './fleet-processes.js';

export interface FleetOptions {
  stores: number;
  tills: number;
  sales: number;
  seed: number;
  /** A PostgreSQL server URL; the run makes a database of its own there and drops it. Default: PGlite. */
  database?: string;
  /** Till processes (the tills are dealt among them). */
  processes?: number;
  tillKills?: number;
  serverKills?: number;
  log?: (line: string) => void;
}

export interface FleetResult {
  stores: number;
  tills: number;
  /** Records the tills' journals hold. */
  records: number;
  /** Records the server holds. */
  ingested: number;
  duplicates: number;
  lost: number;
  chainBreaks: number;
  ingestPerS: number;
  seconds: number;
  tillKills: number;
  serverKills: number;
  problems: string[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TILL_WORKER = join(ROOT, 'main/fleet/fleet-till-worker.ts');
const SERVER_WORKER = join(ROOT, 'main/fleet/fleet-server-worker.ts');
/** A fleet that has not finished in this long has hung. */
const RUN_TIMEOUT_MS = 1_800_000;

/**
 * `pos fleet`: simulated tills (real journals and store sync engines, in a
 * few processes) against one store server (its own process) while the tills
 * and the server are SIGKILLed and restarted and the network duplicates,
 * reorders and cuts batches; then every till's journal is compared with what
 * the server holds, record by record.
 */
export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed ^ 0xf1ee7);
  const dir = mkdtempSync(join(tmpdir(), 'pos-fleet-'));
  const scratch = options.database ? await scratchDatabase(options.database) : undefined;
  const port = await freePort();
  const serverArgs = [SERVER_WORKER, '--port', String(port), '--stores', String(options.stores), ...(scratch ? ['--database', scratch.url] : ['--data', join(dir, 'pglite')])];
  const workers: Worker[] = [];
  let server: Worker | undefined;
  try {
    server = startWorker(serverArgs);
    await waitForLine(server, 'ready', 180_000);
    const groups = fleetTillGroups(options.stores, options.tills, options.processes ?? Math.min(3, options.stores * options.tills));
    const url = `http://127.0.0.1:${port}`;
    const tillArgs = (group: string[], i: number) => [TILL_WORKER, '--dir', dir, '--url', url, '--tills', group.join(','), '--sales', String(options.sales), '--seed', String(options.seed * 100 + i)];
    const started = Date.now();
    groups.forEach((group, i) => (workers[i] = startWorker(tillArgs(group, i))));
    const done = new Set<number>();
    let tillKills = 0;
    let serverKills = 0;
    // The faults, shuffled, each at its share of the fleet's sales (progress marks, not timers, so a
    // fast run cannot finish before them): till kills and server outages in the middle of selling.
    const faults: Array<'till' | 'server'> = [
      ...Array.from({ length: options.tillKills ?? groups.length }, () => 'till' as const),
      ...Array.from({ length: options.serverKills ?? 2 }, () => 'server' as const),
    ].sort(() => random() - 0.5);
    const totalSales = options.stores * options.tills * options.sales;
    const progress = new Array<number>(groups.length).fill(0);
    while (done.size < groups.length) {
      if (Date.now() - started > RUN_TIMEOUT_MS) throw new Error('the fleet did not finish in time');
      for (const [i, worker] of workers.entries()) {
        if (done.has(i)) continue;
        const sold = worker.lines.findLast((l) => l.startsWith('sold '));
        if (sold) progress[i] = Math.max(progress[i]!, Number(sold.slice(5)));
        if (worker.lines.includes('done')) done.add(i);
        else if (worker.child.exitCode !== null) throw new Error(`till process ${i} failed: ${worker.lines.slice(-2).join(' | ')}`);
        else if (worker.child.signalCode !== null) workers[i] = startWorker(tillArgs(groups[i]!, i)); // killed: starts again from its journals
      }
      const fired = tillKills + serverKills;
      const mark = ((fired + 1) / (faults.length + 1)) * totalSales;
      if (fired < faults.length && progress.reduce((a, b) => a + b, 0) >= mark) {
        if (faults[fired] === 'server') {
          server.child.kill('SIGKILL');
          await server.exited;
          serverKills++;
          log(`fleet: store server SIGKILLed (${serverKills}); the tills sell on`);
          await sleep(500 + random() * 1_500);
          server = startWorker(serverArgs);
          await waitForLine(server, 'ready', 180_000);
        } else {
          const alive = workers.map((_, i) => i).filter((i) => !done.has(i) && workers[i]!.child.signalCode === null);
          const victim = alive[Math.floor(random() * alive.length)]!;
          workers[victim]!.child.kill('SIGKILL');
          tillKills++;
          log(`fleet: till process ${victim} SIGKILLed (${tillKills})`);
        }
      }
      await sleep(20);
    }
    const seconds = (Date.now() - started) / 1000;
    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;
    const db = await openStoreDatabase({ url: scratch?.url, dataDir: join(dir, 'pglite') });
    try {
      const tally = await compare(db, dir, groups.flat());
      return {
        stores: options.stores,
        tills: options.stores * options.tills,
        ...tally,
        ingestPerS: Math.round(tally.ingested / seconds),
        seconds,
        tillKills,
        serverKills,
      };
    } finally {
      await db.close();
    }
  } finally {
    for (const worker of workers) if (worker && worker.child.exitCode === null) worker.child.kill('SIGKILL');
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await scratch?.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every till's journal against the server's rows: what is missing, extra, or out of chain. */
async function compare(db: StoreDatabase, dir: string, tills: string[]): Promise<Pick<FleetResult, 'records' | 'ingested' | 'duplicates' | 'lost' | 'chainBreaks' | 'problems'>> {
  let records = 0;
  let lost = 0;
  let duplicates = 0;
  const problems: string[] = [];
  for (const pair of tills) {
    const [storeId, tillId] = pair.split('/') as [string, string];
    const journal = openDatabase(join(dir, tillId, 'journal.db'), { readonly: true });
    const own = journal.prepare('SELECT seq, record_id, hash FROM journal ORDER BY seq').all() as Array<{ seq: number; record_id: string; hash: string }>;
    journal.close();
    const { rows } = await db.query<{ seq: string | number; record_id: string; hash: string }>(
      // With the store named the till's rows are found in its store's partition by the key, not by reading every partition.
      'SELECT seq, record_id, hash FROM journal_records WHERE store_id = $1 AND till_id = $2 ORDER BY seq',
      [storeId, tillId],
    );
    records += own.length;
    const held = new Map<string, number>();
    for (const row of rows) held.set(`${Number(row.seq)}/${row.record_id}/${row.hash}`, (held.get(`${Number(row.seq)}/${row.record_id}/${row.hash}`) ?? 0) + 1);
    const missing = own.filter((r) => !held.has(`${r.seq}/${r.record_id}/${r.hash}`)).length;
    const extra = rows.length - (own.length - missing);
    lost += missing;
    duplicates += extra;
    if (missing > 0) problems.push(`${tillId}: ${missing} of ${own.length} records missing on the server`);
    if (extra > 0) problems.push(`${tillId}: ${extra} records on the server that the till holds once or not at all`);
  }
  const ingested = Number((await db.query<{ n: string | number }>('SELECT count(*) AS n FROM journal_records')).rows[0]!.n);
  const breaks = await db.query<{ till_id: string; seq: string; reason: string }>('SELECT till_id, seq, reason FROM chain_breaks ORDER BY till_id, seq');
  for (const b of breaks.rows) problems.push(`chain break ${b.till_id} #${b.seq}: ${b.reason}`);
  return { records, ingested, duplicates, lost, chainBreaks: breaks.rows.length, problems };
}
