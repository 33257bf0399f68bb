import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPin } from '../../src/payments/roles.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { generateTerminalKey, saveTerminalKey } from '../../src/relay/terminal-key.js';
import { startSandboxGateway } from '../../sandbox/index.js';
import { CHAOS_MANAGER_PIN } from './chaos-plan.js';
import { CLOCK_FILE, fileOffsetClock } from './crash-clock.js';
import { type CrashFlow, CRASH_FLOWS } from './crash-flows.js';
import { checkCashReceipts } from './crash-checks.js';
import { type Reconciliation, reconcile } from './reconcile.js';
import { gatewayRecords } from './run-chaos.js';

/** One cell: a flow killed right after its commit `step` of `of` (step 0: the flow run through without a kill). */
export interface CrashCell extends Reconciliation {
  flow: string;
  step: number;
  of: number;
  /** The rows of the commit the till died after (`none` for step 0). */
  after: string;
  /** Step 0: the commits of the flow run through, by their rows (the steps the other cells kill after). */
  steps?: string[];
  /** Whether the till really died there (a flow whose commits vary may end before step k). */
  killed: boolean;
  payments: number;
  seconds: number;
}

export interface CrashMatrixOptions {
  /** The flows to run (default: all of crash-flows.ts). */
  flows?: readonly CrashFlow[];
  /** Kill after every `stride`-th commit only (default 1: after every commit). */
  stride?: number;
  /** Called with each cell as soon as it is checked. */
  onCell?: (cell: CrashCell) => void;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = join(ROOT, 'main/chaos/crash-worker.ts');
const RUN_TS = join(ROOT, 'bin/run-ts.mjs');
const TERMINAL = 'CRASH-01';
/** A worker that neither finishes nor dies within this is a hang. */
const WORKER_TIMEOUT_MS = 120_000;

/**
 * The crash matrix (issue 12, Deliver 4): each flow once without a kill, to
 * learn its N journal commits, then once per commit k = 1..N with the till
 * SIGKILLed right after commit k, restarted, settled, and the money checked
 * against the sandbox gateway's books (reconcile.ts: lost, double, orphan,
 * mismatched, stuck and over-refunded must all be 0). Each cell has its own
 * directory and gateway.
 */
export async function runCrashMatrix(options: CrashMatrixOptions = {}): Promise<CrashCell[]> {
  const cells: CrashCell[] = [];
  const stride = options.stride ?? 1;
  const keep = (cell: CrashCell): void => {
    cells.push(cell);
    options.onCell?.(cell);
  };
  for (const flow of options.flows ?? CRASH_FLOWS) {
    const dry = await runCell(flow, 0);
    keep({ ...dry, of: dry.commits.length, steps: dry.commits });
    for (let k = stride; k <= dry.commits.length; k += stride) {
      const cell = await runCell(flow, k);
      // Named by the commit the till died after in this run (the count varies with the gateway's timing under load).
      keep({ ...cell, of: dry.commits.length, after: cell.commits[k - 1] ?? `${dry.commits[k - 1]!}(not-reached)` });
    }
  }
  return cells;
}

async function runCell(flow: CrashFlow, step: number): Promise<Omit<CrashCell, 'of'> & { commits: string[] }> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'pos-crash-'));
  const clock = fileOffsetClock(join(dir, CLOCK_FILE));
  if (flow.startsAt) writeFileSync(join(dir, CLOCK_FILE), String(flow.startsAt(Date.now()) - Date.now()));
  // The short waits of `pos chaos` (run-chaos.ts); the till's config in crash-till.ts matches them.
  const sandbox = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), clock, pendingMs: 200, sweepMs: 25, earliestCancelMs: 300 });
  try {
    const key = generateTerminalKey();
    saveTerminalKey(join(dir, 'terminal.key'), key);
    sandbox.registerTerminal(TERMINAL, key);
    fileGatewayPin(join(dir, GATEWAY_KEY_FILE)).pin(sandbox.publicKey());
    const args = [RUN_TS, WORKER, '--dir', dir, '--url', sandbox.url, '--terminal', TERMINAL, '--flow', flow.name, '--manager-pin-hash', hashPin(CHAOS_MANAGER_PIN)];
    const first = await runWorker([...args, '--crash-after', String(step)]);
    const killed = first.signal === 'SIGKILL' && !first.timedOut;
    const failures: string[] = [];
    if (!killed && !first.done) failures.push(`the till (step ${step}) exited with ${first.code ?? first.signal}: ${first.stderr.trim()}`);
    if (killed) {
      const restart = await runWorker(args);
      if (!restart.done) failures.push(`the restarted till exited with ${restart.code ?? restart.signal}: ${restart.stderr.trim()}`);
    }
    const gatewayPayments = sandbox.ledger(TERMINAL).payments;
    await sandbox.close();
    const tally = reconcile({ tillDbPath: join(dir, 'till.db'), payments: flow.sales, gatewayPayments, gatewayRecords: gatewayRecords(join(dir, 'gateway.db')) });
    for (const problem of checkCashReceipts(join(dir, 'till.db'))) {
      tally.lost++;
      tally.problems.push(`lost: ${problem}`);
    }
    // A till that could not finish its flow or settle leaves the cell stuck, whatever the books say.
    for (const failure of failures) {
      tally.stuck++;
      tally.problems.push(`stuck: ${failure}`);
    }
    return { ...tally, flow: flow.name, step, after: 'none', killed, payments: flow.sales, seconds: (Date.now() - started) / 1000, commits: first.commits };
  } finally {
    await sandbox.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

interface WorkerRun {
  done: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  commits: string[];
  stderr: string;
}

function runWorker(args: string[]): Promise<WorkerRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: WorkerRun = { done: false, code: null, signal: null, timedOut: false, commits: [], stderr: '' };
    const timer = setTimeout(() => {
      run.timedOut = true;
      child.kill('SIGKILL');
    }, WORKER_TIMEOUT_MS);
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (run.stderr = (run.stderr + chunk.toString()).slice(-4_000)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'done') run.done = true;
        const commit = /^commit \d+ (.+)$/.exec(line);
        if (commit) run.commits.push(commit[1]!);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...run, done: run.done && code === 0, code, signal });
    });
  });
}
