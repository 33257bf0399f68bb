// `npm run bench -- store`: the store server on PostgreSQL (issue 18, "Figures"):
//   store_ingest_1000_tills  records/s that 1,000 tills' uploads are stored at, through two server processes (goal >= 20,000, 0 duplicates)
//   store_closeout_day       one store's close-out of a day with 100 stores x 365 days of history (goal < 100 ms)
//   store_dashboard_api_p95  the dashboard API (sales of a day / a month, VAT of a quarter) on the same data, p95 (goal < 200 ms)
// PostgreSQL: POS_TEST_DATABASE_URL, else the cluster `bash .ci/postgres` starts. Run it under `flock /work/heavy.lock`
// on a shared machine.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signZBody } from '../src/closeout/z-signature.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import { recordHash } from '../src/ledger/chain-head.js';
import { GENESIS_HASH } from '../src/ledger/hash-chain.js';
import { systemClock } from '../src/platform/clock.js';
import { generateTerminalKey } from '../src/relay/terminal-key.js';
import { ANSWER_HEADERS, verifyAnswer } from '../src/relay/answer-signing.js';
import { publicKeyFromBase64, signRequest } from '../src/relay/signing.js';
import { STORE_PATHS, type StoreRecord, journalResponseSchema } from '../src/store/protocol.js';
import { StoreLink } from '../src/store/store-link.js';
import { openPostgres } from '../server/db/database.js';
import { attachDashboard } from '../server/dashboard/index.js';
import { StoreCloseouts } from '../server/store-closeout.js';
import { StoreServer } from '../server/store-server.js';
import { scratchDatabase, startWorker, waitForLine } from '../main/fleet/fleet-processes.js';
import { fleetStoreIds } from '../main/fleet/fleet-plan.js';
import { writeStoreHistory } from './lib/store-history.js';
import { median, printFigure } from './lib/measure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STORES = 100;
const TILLS_PER_STORE = 10;
const RECORDS_PER_TILL = 40;
const CONCURRENCY = 128;

const base = process.env.POS_TEST_DATABASE_URL ?? execFileSync('bash', [join(ROOT, '.ci/postgres')], { encoding: 'utf8' }).trim();
const scratch = await scratchDatabase(base);
const servers = [0, 1].map((i) =>
  startWorker([join(ROOT, 'main/fleet/fleet-server-worker.ts'), '--database', scratch.url, '--port', String(18_790 + i), '--stores', String(STORES)]),
);
try {
  for (const server of servers) await waitForLine(server, 'ready', 120_000);
  const urls = [0, 1].map((i) => `http://127.0.0.1:${18_790 + i}`);

  // 1,000 tills, each with a chain of records made with the ledger's own hash.
  const tills = fleetStoreIds(STORES).flatMap((storeId) =>
    Array.from({ length: TILLS_PER_STORE }, (_, t) => ({ storeId, tillId: `${storeId}-T${t + 1}`, key: generateTerminalKey() })),
  );
  const chains = tills.map(({ tillId }) => {
    let prevHash = GENESIS_HASH;
    return Array.from({ length: RECORDS_PER_TILL }, (_, i): StoreRecord => {
      const record = { seq: i + 1, recordId: crypto.randomUUID(), kind: 'bench.sale', aggregateId: `${tillId}-S${i}`, at: Date.now(), body: { amount: 1_000 + i, line: `item ${i}` } };
      const hash = recordHash(prevHash, { ...record, body: JSON.parse(canonicalJson(record.body)) as Record<string, unknown> });
      const stored = { ...record, prevHash, hash };
      prevHash = hash;
      return stored;
    });
  });
  const links = tills.map((t, i) => new StoreLink({ baseUrl: urls[i % 2]!, tillId: t.tillId, privateKey: t.key, clock: systemClock, timeoutMs: 60_000 }));
  const enrolled = await pool(links.map((link, i) => () => link.register(`CODE-${tills[i]!.storeId}`)), CONCURRENCY);
  const serverKey = publicKeyFromBase64(enrolled[0]!.serverKey!);

  // Each till signs its two uploads before the clock starts and checks the answers' signatures after it
  // stops: a till does both on its own CPU, and signing and checking for 1,000 tills here took 43% of
  // the CPU the run used (measured at load 8 to 13; the servers and PostgreSQL used the rest). The
  // server's side is all inside the window: every request's signature and nonce checked, every hash
  // recomputed, every batch stored and its answer signed.
  const signed = tills.flatMap((till, i) =>
    [chains[i]!.slice(0, 20), chains[i]!.slice(20)].map((records) => {
      const body = JSON.stringify({ records });
      return { url: urls[i % 2]!, body, headers: signRequest(till.key, till.tillId, { method: 'POST', pathWithQuery: STORE_PATHS.journal, body }, Date.now()) };
    }),
  );
  const send = async (request: (typeof signed)[number]) => {
    const response = await fetch(request.url + STORE_PATHS.journal, { method: 'POST', headers: { ...request.headers, 'content-type': 'application/json' }, body: request.body });
    return { request, status: response.status, headers: response.headers, text: await response.text() };
  };
  // The two halves of a till go one after the other (in order); tills run side by side.
  const started = performance.now();
  const uploaded = (await pool(tills.map((_, i) => async () => [await send(signed[2 * i]!), await send(signed[2 * i + 1]!)]), CONCURRENCY)).flat();
  const seconds = (performance.now() - started) / 1000;
  for (const { request, status, headers, text } of uploaded) {
    const verdict = verifyAnswer(
      serverKey,
      { status: String(status), method: 'POST', pathWithQuery: STORE_PATHS.journal, requestId: request.headers['X-Nonce'], body: text },
      { timestamp: headers.get(ANSWER_HEADERS.timestamp) ?? undefined, signature: headers.get(ANSWER_HEADERS.signature) ?? undefined, keyId: headers.get(ANSWER_HEADERS.keyId) ?? undefined },
      Date.now(),
    );
    const answer = journalResponseSchema.parse(JSON.parse(text));
    if (!verdict.ok || answer.result.status !== 'S' || answer.acks.some((a) => a.status !== 'ACCEPTED')) throw new Error(`an upload was not stored: ${status} ${text.slice(0, 200)}`);
  }
  // Everything again: all duplicates, nothing stored twice.
  await pool(links.map((link, i) => () => link.upload(chains[i]!)), CONCURRENCY);
  const db = await openPostgres(scratch.url, { poolSize: 2 });
  const counts = (await db.query<{ n: string; ids: string }>('SELECT count(*) AS n, count(DISTINCT record_id) AS ids FROM journal_records')).rows[0]!;
  const total = tills.length * RECORDS_PER_TILL;
  if (Number(counts.n) !== total || Number(counts.ids) !== total) throw new Error(`stored ${counts.n} rows, ${counts.ids} ids, expected ${total}`);
  printFigure({ name: 'store_ingest_1000_tills', value: total / seconds, unit: 'records/s', n: total, duplicates: Number(counts.n) - Number(counts.ids) });

  // A year of history for 100 stores: per store, per day, two tills' Zs and ten sale records each.
  const days = Array.from({ length: 365 }, (_, d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  // The days the figure closes, 20 of them.
  const probes = Array.from({ length: 20 }, (_, i) => ({ storeId: fleetStoreIds(STORES)[(i * 37) % STORES]!, date: days[(i * 53) % days.length]! }));
  const probed = new Set(probes.map((p) => `${p.storeId}/${p.date}`));
  // A probed day's Zs are signed by the till's key, as a till signs its Z: the store close-out counts no other.
  const keyOf = new Map(tills.map((t) => [t.tillId, t.key]));
  await writeStoreHistory(db, systemClock, {
    storeIds: fleetStoreIds(STORES),
    days,
    tills: 2,
    sales: 10,
    signed: probed,
    sign: (tillId, body) => signZBody(keyOf.get(tillId)!, body),
  });
  await db.query('ANALYZE journal_records');
  const closeouts = new StoreCloseouts(db, systemClock);
  const times: number[] = [];
  for (const { storeId, date } of probes) {
    const t0 = performance.now();
    const closeout = await closeouts.close(storeId, date);
    times.push(performance.now() - t0);
    if (closeout.notClosed.length !== TILLS_PER_STORE - 2 || closeout.refused.length > 0) throw new Error(`expected 2 closed tills, got ${JSON.stringify(closeout.tills.map((t) => t.status))}`);
  }
  const history = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM journal_records')).rows[0]!.n);
  printFigure({ name: 'store_closeout_day', value: median(times), unit: 'ms', n: times.length, historyRows: history });

  // The dashboard API on the same data, through HTTP with an HQ session: a day's sales, a month's, a quarter's VAT.
  const dashboardServer = new StoreServer({ db, clock: systemClock });
  const dashboard = attachDashboard(dashboardServer, db, systemClock);
  await dashboard.accounts.upsert({ login: 'hq', displayName: 'HQ', role: 'hq', password: 'bench passphrase 1' });
  const running = await dashboardServer.listen(0);
  const login = await fetch(`${running.url}/dashboard/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: running.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: 'hq', password: 'bench passphrase 1', next: '' }).toString(),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const asks = Array.from({ length: 100 }, (_, i) => {
    const store = fleetStoreIds(STORES)[(i * 31) % STORES]!;
    const date = days[(i * 17) % days.length]!;
    if (i % 5 === 3) return `/dashboard/api/sales?store=${store}&period=month&date=${date}`;
    if (i % 5 === 4) return `/dashboard/api/vat?store=${store}&from=${date.slice(0, 7)}&to=${date.slice(0, 7)}`;
    return `/dashboard/api/sales?store=${store}&date=${date}`;
  });
  const answers: number[] = [];
  for (const ask of asks) {
    const t0 = performance.now();
    const res = await fetch(running.url + ask, { headers: { cookie } });
    await res.text();
    answers.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${ask}: HTTP ${res.status}`);
  }
  const sorted = [...answers].sort((a, b) => a - b);
  printFigure({ name: 'store_dashboard_api_p95', value: sorted[Math.ceil(0.95 * sorted.length) - 1]!, unit: 'ms', n: answers.length, median: median(answers), historyRows: history });
  await running.close();
  await db.close();
} catch (error) {
  for (const server of servers) console.error(`server: ${server.lines.slice(-5).join(' | ')} exit=${server.child.exitCode}`);
  throw error;
} finally {
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  await scratch.drop();
}

/** Runs `tasks` with at most `limit` at once; their results in the tasks' order. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}
