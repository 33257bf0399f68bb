// Start-up with a year's journal (1,000,000 payments): how long until the services are ready
// (journal opened with its durability pragmas, migrations checked, payment engine built and its
// recovery scan done, close-out ready) and the process's resident memory then. Each run is a
// fresh process, as a till starting in the morning is; module loading is not counted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloseOut } from '../src/closeout/index.js';
import { merchantProfileSchema } from '../src/codes/index.js';
import { openLedger } from '../src/ledger/index.js';
import { PaymentEngine } from '../src/payments/payment-engine.js';
import { systemClock } from '../src/platform/clock.js';
import { silentLogger } from '../src/platform/logger.js';
import { GatewayUnreachableError, type RelayGateway } from '../src/relay/gateway.js';
import { median, printFigure } from './lib/measure.js';
import { YEAR, staff, yearJournal } from './lib/year-journal.js';

const RUNS = 7;
const here = fileURLToPath(import.meta.url);

/** The gateway as a till sees it with the network cable out: every call fails, nothing is sent. */
const unplugged: RelayGateway = (() => {
  const fail = () => Promise.reject(new GatewayUnreachableError('connection', 'bench: no network', 'bench'));
  return {
    pay: fail, createOrderCode: fail, inquire: fail, cancel: fail, refund: fail, inquireRefund: fail, lookupByBill: fail,
    uploadJournal: fail, settlement: fail, exchangeRates: fail,
    subscribe: () => ({ close: () => undefined }),
    connectivity: () => 'offline',
    onConnectivityChange: () => () => undefined,
  };
})();

async function child(file: string): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'pos-startup-'));
  const start = performance.now();
  const ledger = openLedger(file, { clock: systemClock });
  const engine = new PaymentEngine({
    ledger,
    gateway: unplugged,
    config: { terminalId: YEAR.terminalId },
    merchant: merchantProfileSchema.parse({ merchantName: 'BENCH SHOP', merchantCity: 'SEOUL', account: { gui: 'KR.SANDBOX.RELAY' } }),
    staff,
    clock: systemClock,
    logger: silentLogger,
    reserve: { path: join(scratch, 'reserve.bin'), sizeBytes: 64 * 1024 },
  });
  const recovery = engine.start();
  new CloseOut({ ledger, payments: engine.store, gateway: unplugged, staff, clock: systemClock, logger: silentLogger, config: { terminalId: YEAR.terminalId } });
  const ms = performance.now() - start;
  const rss = process.memoryUsage().rss;
  await engine.stop();
  ledger.close();
  rmSync(scratch, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ ms, rss, resumed: recovery.tenders + recovery.refunds }));
}

async function parent(): Promise<void> {
  const file = await yearJournal((line) => console.error(`bench startup-1m: ${line}`));
  const runner = join(dirname(here), '..', 'bin', 'run-ts.mjs');
  const samples: Array<{ ms: number; rss: number; resumed: number }> = [];
  // One unmeasured run first: it warms the page cache, as a till's disk is after the first boot.
  for (let i = 0; i <= RUNS; i++) {
    const run = spawnSync(process.execPath, [runner, here, '--child', file], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`start-up run failed: ${run.stderr}`);
    if (i > 0) samples.push(JSON.parse(run.stdout) as { ms: number; rss: number; resumed: number });
  }
  const context = { payments: YEAR.payments, days: YEAR.days, resumed: samples[0]!.resumed };
  printFigure({ name: 'startup_1m', value: median(samples.map((s) => s.ms)), unit: 'ms', n: RUNS, ...context });
  printFigure({ name: 'rss_1m', value: median(samples.map((s) => s.rss)) / 2 ** 20, unit: 'MiB', n: RUNS, ...context });
}

const childAt = process.argv.indexOf('--child');
await (childAt >= 0 ? child(process.argv[childAt + 1]!) : parent());
