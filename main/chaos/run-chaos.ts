import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { hashPin } from '../../src/payments/roles.js';
import { generateTerminalKey, saveTerminalKey } from '../../src/relay/terminal-key.js';
import { mulberry32 } from '../../sandbox/faults.js';
import { startSandboxGateway } from '../../sandbox/index.js';
import { type ChaosFault, CHAOS_FAULTS, chaosLateReports, sandboxFaults } from './chaos-faults.js';
import { CHAOS_MANAGER_PIN } from './chaos-plan.js';
import { ChaosDays } from './chaos-days.js';
import { workerEntry } from './worker-bundle.js';
import { type ChaosCoverage, chaosCoverage } from './chaos-coverage.js';
import { systemClock } from '../../src/platform/clock.js';
import { type Reconciliation, reconcile } from './reconcile.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../src/relay/gateway-key-file.js';

export interface ChaosOptions {
  payments: number;
  kills: number;
  seed: number;
  /** The fault families switched on (default: all of them). */
  faults?: readonly ChaosFault[];
  /** Progress lines for the operator (stderr in the CLI). */
  log?: (line: string) => void;
  /** Leave the run's data (till.db, gateway.db) in place for reading a problem's trail; its path is logged. */
  keep?: boolean;
}

export interface ChaosResult extends Reconciliation {
  coverage: ChaosCoverage;
  payments: number;
  kills: number;
  restarts: number;
  seconds: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = join(ROOT, 'main/chaos/chaos-worker.ts');
const RUN_TS = join(ROOT, 'bin/run-ts.mjs');
const TERMINAL = 'CHAOS-01';
/** A worker run that neither finishes nor is killed within this is a hang. */
const WORKER_TIMEOUT_MS = 600_000;

/**
 * `pos chaos`: the payment engine in a child process against the sandbox
 * with random faults, SIGKILLed at random instants (mid-payment, during
 * recovery, mid-sync) and restarted until the planned sales are done; then
 * the till's journal is reconciled with the gateway's books.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'pos-chaos-'));
  const faults = options.faults ?? CHAOS_FAULTS;
  // The world's clock turns the days with the till's (the `day-crossing` fault, chaos-days.ts).
  const clock = faults.includes('day-crossing') ? new ChaosDays(dir).clock(systemClock) : systemClock;
  // WeChat Pay's 15 s earliest reverse, scaled like every other delay of the run (chaos-worker.ts waits as long).
  const sandbox = await startSandboxGateway({
    dbPath: join(dir, 'gateway.db'), pendingMs: 200, sweepMs: 25, earliestCancelMs: 300, clock, lateReports: chaosLateReports(faults),
  });
  const worker = await workerEntry(ROOT, WORKER, RUN_TS);
  try {
    const key = generateTerminalKey();
    saveTerminalKey(join(dir, 'terminal.key'), key);
    sandbox.registerTerminal(TERMINAL, key);
    fileGatewayPin(join(dir, GATEWAY_KEY_FILE)).pin(sandbox.publicKey());
    sandbox.setFaults(sandboxFaults(options.seed, faults));
    const random = mulberry32(options.seed ^ 0x5eed);
    const args = [
      ...worker.args, '--dir', dir, '--url', sandbox.url, '--terminal', TERMINAL, '--seed', String(options.seed),
      '--payments', String(options.payments), '--manager-pin-hash', hashPin(CHAOS_MANAGER_PIN), '--faults', faults.join(','),
    ];
    let kills = 0;
    let restarts = 0;
    let progress = 0;
    for (;;) {
      const plan = killPlan(random, options, kills, progress, faults.includes('refund-kills'));
      const run = await superviseWorker(spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }), plan, (p) => {
        progress = Math.max(progress, p);
      });
      restarts++;
      if (run.killed) {
        kills++;
        if (kills % 10 === 0) log(`chaos: ${kills} kills, ${progress}/${options.payments} sales`);
        continue;
      }
      if (!run.done) throw new Error(`chaos worker exited with ${run.code} without finishing:\n${run.stderr}`);
      if (kills >= options.kills) break;
    }
    sandbox.setFaults({ rules: [] });
    const gatewayPayments = sandbox.ledger(TERMINAL).payments;
    await sandbox.close();
    const tally = reconcile({
      tillDbPath: join(dir, 'till.db'),
      payments: options.payments,
      gatewayPayments,
      gatewayRecords: gatewayRecords(join(dir, 'gateway.db')),
    });
    return { ...tally, coverage: chaosCoverage(join(dir, 'till.db')), payments: options.payments, kills, restarts, seconds: (Date.now() - started) / 1000 };
  } finally {
    await sandbox.close().catch(() => undefined);
    worker.dispose();
    if (options.keep) log(`chaos: data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * When to kill the next worker: at a progress mark (mid-sale), at a random
 * instant after start, a few ms after the next refund or void starts (the
 * `refund-kills` fault: before its row, with the request out, as the answer
 * lands), or never.
 */
type KillPlan =
  | { kind: 'none' }
  | { kind: 'after-ms'; ms: number }
  | { kind: 'at-progress'; progress: number; jitterMs: number }
  | { kind: 'at-refund'; jitterMs: number };

function killPlan(random: () => number, options: ChaosOptions, kills: number, progress: number, refundKills: boolean): KillPlan {
  const left = options.kills - kills;
  if (left <= 0) return { kind: 'none' };
  const remaining = options.payments - progress;
  if (remaining > 0 && refundKills && random() < 0.35) return { kind: 'at-refund', jitterMs: Math.floor(random() * 40) };
  if (remaining <= 0 || random() < 0.15) return { kind: 'after-ms', ms: Math.floor(random() * 600) };
  const step = 1 + Math.floor(random() * Math.max(1, (2 * remaining) / left));
  return { kind: 'at-progress', progress: Math.min(options.payments, progress + step), jitterMs: Math.floor(random() * 25) };
}

interface WorkerRun {
  killed: boolean;
  done: boolean;
  code: number | null;
  stderr: string;
}

function superviseWorker(child: ChildProcess, plan: KillPlan, onProgress: (p: number) => void): Promise<WorkerRun> {
  return new Promise((resolve) => {
    let done = false;
    let timedOut = false;
    let stderr = '';
    let buffered = '';
    const kill = (): void => void child.kill('SIGKILL');
    const timers: NodeJS.Timeout[] = [
      setTimeout(() => {
        timedOut = true;
        kill();
      }, WORKER_TIMEOUT_MS),
    ];
    if (plan.kind === 'after-ms') timers.push(setTimeout(kill, plan.ms));
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'done') done = true;
        if (line === 'refunding' && plan.kind === 'at-refund') timers.push(setTimeout(kill, plan.jitterMs));
        const match = /^progress (\d+)$/.exec(line);
        if (!match) continue;
        const p = Number(match[1]);
        onProgress(p);
        if (plan.kind === 'at-progress' && p >= plan.progress) timers.push(setTimeout(kill, plan.jitterMs));
      }
    });
    child.on('exit', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ killed: signal === 'SIGKILL' && !timedOut, done: done && code === 0, code, stderr });
    });
  });
}

/** The records the gateway's journal intake applied, read from its database file once it is closed. */
export function gatewayRecords(path: string): Array<{ recordId: string; kind: string; saleId: string | undefined }> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT record_id AS recordId, kind, body FROM journal_records').all() as Array<{ recordId: string; kind: string; body: string }>;
    return rows.map((r) => ({ recordId: r.recordId, kind: r.kind, saleId: (JSON.parse(r.body) as { saleId?: string }).saleId }));
  } finally {
    db.close();
  }
}
