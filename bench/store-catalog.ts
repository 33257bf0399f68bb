// `npm run bench -- store`: the store's data reaching the tills (issue 18, "Figures"):
//   store_catalog_50k_100_tills  from the owner publishing a 50,000-item catalog to the last of 100 tills holding the
//                                whole answer as sent, gzipped (each waiting in its long poll, each its own signed ask;
//                                goal < 10 s)
//   store_catalog_50k_apply      one till asking for that version through its StoreLink (the answer unzipped, its signature checked
//                                against the pinned key, its schema parsed) and applying it to its SQLite catalog: every
//                                till does this on its own CPU, so it is measured once, not 100 times on this machine's
//                                two cores; a till holds the catalog at about the sum of the two figures
// (Its own script beside store.ts, so `npm run bench -- store` runs both.)
// PostgreSQL: POS_TEST_DATABASE_URL, else the cluster `bash .ci/postgres` starts. Run it under `flock /work/heavy.lock`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Catalog, applyStoreCatalog } from '../src/catalog/index.js';
import { openLedger } from '../src/ledger/index.js';
import { systemClock } from '../src/platform/clock.js';
import { signRequest } from '../src/relay/signing.js';
import { generateTerminalKey } from '../src/relay/terminal-key.js';
import { STORE_DATA_PATH, type StoreItem, storeDataResponseSchema } from '../src/store/store-data-protocol.js';
import { StoreLink } from '../src/store/store-link.js';
import { openPostgres } from '../server/db/database.js';
import { migrateServer } from '../server/db/migrations.js';
import { StoreServer } from '../server/store-server.js';
import { upsertStore } from '../server/stores.js';
import { scratchDatabase } from '../main/fleet/fleet-processes.js';
import { benchBarcode } from './lib/catalog-items.js';
import { printFigure } from './lib/measure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ITEMS = 50_000;
const TILLS = 100;

const base = process.env.POS_TEST_DATABASE_URL ?? execFileSync('bash', [join(ROOT, '.ci/postgres')], { encoding: 'utf8' }).trim();
const scratch = await scratchDatabase(base);
const db = await openPostgres(scratch.url);
const dir = mkdtempSync(join(tmpdir(), 'pos-bench-distribution-'));
let running: Awaited<ReturnType<StoreServer['listen']>> | undefined;
try {
  await migrateServer(db, systemClock);
  await upsertStore(db, systemClock, { storeId: 'S1', name: 'bench', enrollmentCode: 'CODE-S1' });
  const server = new StoreServer({ db, clock: systemClock });
  running = await server.listen(0);
  const { url } = running;
  const tills = Array.from({ length: TILLS }, (_, i) => ({ tillId: `S1-T${i + 1}`, key: generateTerminalKey() }));
  const links = tills.map((till) => new StoreLink({ baseUrl: url, tillId: till.tillId, privateKey: till.key, clock: systemClock, timeoutMs: 60_000 }));
  for (const link of links) await link.register('CODE-S1');

  const items: StoreItem[] = Array.from({ length: ITEMS }, (_, i) => ({
    id: `I${i}`,
    name: `상품 ${i}`,
    price: 1_000 + (i % 90) * 100,
    tax: i % 7 === 0 ? 'tax-free' : 'taxable',
    category: `분류 ${i % 40}`,
    barcodes: [benchBarcode(i)],
    active: true,
  }));

  // Every till waits in its long poll from version 0, as a till between sales does, and asks for gzip as a
  // till's fetch does; the figure ends when the last till holds the whole answer as sent (its compressed
  // bytes). Unzipping 6.6 MB is the till's own CPU, so it is in store_catalog_50k_apply below, once: a
  // hundred unzips on this machine's two cores took most of the figure and measured the bench, not the server.
  const asks = tills.map((till) => {
    const path = `${STORE_DATA_PATH}?since=0&wait=20000`;
    const headers = signRequest(till.key, till.tillId, { method: 'GET', pathWithQuery: path, body: '' }, systemClock.now());
    return new Promise<{ at: number; bytes: Buffer; encoding: string | undefined }>((resolve, reject) => {
      const ask = httpGet(url + path, { headers: { ...headers, 'accept-encoding': 'gzip' }, timeout: 60_000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ at: performance.now(), bytes: Buffer.concat(chunks), encoding: response.headers['content-encoding'] }));
        response.on('error', reject);
      });
      ask.on('timeout', () => ask.destroy(new Error('no answer within 60 s')));
      ask.on('error', reject);
    });
  });
  await new Promise((r) => setTimeout(r, 1_500)); // every ask is waiting on the server
  const started = performance.now();
  await server.data.publish('S1', { items }, 'bench');
  const received = await Promise.all(asks);
  const last = Math.max(...received.map((r) => r.at)) - started;
  const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  if (received.some((r) => r.encoding !== 'gzip' || digest(r.bytes) !== digest(received[0]!.bytes))) throw new Error('the tills did not all receive the same gzipped answer');
  const json = gunzipSync(received[0]!.bytes);
  const answer = storeDataResponseSchema.parse(JSON.parse(json.toString('utf8')));
  if (answer.changes.items.length !== ITEMS) throw new Error(`the answer held ${answer.changes.items.length} items, not ${ITEMS}`);
  printFigure({ name: 'store_catalog_50k_100_tills', value: last, unit: 'ms', n: TILLS, goal: '< 10000', answerBytes: json.length, sentBytes: received[0]!.bytes.length });

  const ledger = openLedger(join(dir, 'till.db'), { clock: systemClock });
  const catalog = new Catalog({ db: ledger.db, journal: ledger.journal });
  const applyStarted = performance.now();
  const cpuStart = process.cpuUsage();
  const asked = await links[1]!.storeData(0);
  applyStoreCatalog({ catalog, journal: ledger.journal }, asked.changes, 'store v1');
  const applied = performance.now() - applyStarted;
  const cpu = process.cpuUsage(cpuStart);
  if (catalog.count() !== ITEMS) throw new Error(`the till holds ${catalog.count()} items`);
  printFigure({ name: 'store_catalog_50k_apply', value: applied, unit: 'ms', n: 1, cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
  ledger.close();
} finally {
  await running?.close();
  await db.close();
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
}

