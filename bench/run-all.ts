// `npm run bench`: runs every benchmark script in bench/ one after another (so
// they do not compete for the two cores) and passes their JSON lines through.
// Each line is checked against the figure format of docs/performance.md; at
// the end, a full run checks that every figure the issues set a goal for was
// printed. Progress and the check go to stderr, figures alone to stdout; after
// each script a `bench_script_wall` line and at the end a `bench_run_wall` line
// give the wall times (issue 15, Deliver 7 budgets the whole run).
//
//   npm run bench                       # everything (see docs/performance.md, "Time budget")
//   npm run bench -- escpos emv         # only the scripts whose names contain these words
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { benchScripts } from './lib/bench-scripts.js';
import { printFigure } from './lib/measure.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const runner = join(benchDir, '..', 'bin', 'run-ts.mjs');
const only = process.argv.slice(2);
/** One script may take this long; the year-journal scripts build their cached journal on first use. */
const SCRIPT_TIMEOUT_MS = 9 * 60_000;

/** Every figure with a goal in the issues (docs/performance.md lists the goals). */
const REQUIRED = [
  'checkout_cpm_overhead',
  'journal_append',
  'sync_drain',
  'closeout_z_1m',
  'startup_1m',
  'rss_1m',
  'escpos_receipt',
  'escpos_nv_logo_serial',
  'emv_mpm_build_parse',
  'ui_keypress_paint',
  'sandbox_pay_latency',
  'catalog_import_50k',
  'catalog_start_50k',
  'catalog_search_keystroke',
  'catalog_scan_paint',
];

const figureSchema = z
  .looseObject({
    name: z.string().regex(/^[a-z0-9_]+$/),
    value: z.number().refine(Number.isFinite, 'not a finite number'),
    unit: z.string().min(1),
    n: z.number().int().positive(),
    machine: z.string().min(1),
    peer: z.string().min(1).optional(),
    peerValue: z.number().optional(),
    ratio: z.number().optional(),
  })
  .refine(
    (f) =>
      (f.peer === undefined) === (f.peerValue === undefined) &&
      (f.ratio === undefined || f.peer !== undefined),
    'peer, peerValue and ratio go together',
  );

const scripts = benchScripts(readdirSync(benchDir), only);

/** Runs one script, echoing and checking its stdout lines; resolves with its exit code. */
function runScript(
  script: string,
  seen: Set<string>,
  malformed: string[],
): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [runner, join(benchDir, script)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), SCRIPT_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(line);
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        malformed.push(`${script}: not JSON: ${line.slice(0, 80)}`);
        return;
      }
      const figure = figureSchema.safeParse(parsed);
      if (figure.success) seen.add(figure.data.name);
      else
        malformed.push(
          `${script}: ${figure.error.issues.map((i) => `${i.path.join('.') || 'line'} ${i.message}`).join('; ')}`,
        );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal ?? 'unknown');
    });
  });
}

/** Seconds since `start` (a performance.now() reading), to a tenth. */
const secondsSince = (start: number): number => Math.round((performance.now() - start) / 100) / 10;

const started = performance.now();
const loadAtStart = loadavg()[0]!;
const seen = new Set<string>();
const malformed: string[] = [];
let failed = 0;
for (const script of scripts) {
  const scriptStarted = performance.now();
  // The one-minute load average as the script starts: a wall time means little without it.
  const loadBefore = loadavg()[0]!;
  const status = await runScript(script, seen, malformed);
  const seconds = secondsSince(scriptStarted);
  if (status !== 0) failed++;
  printFigure({ name: 'bench_script_wall', value: seconds, unit: 's', n: 1, script, exit: status, loadBefore });
  console.error(
    `bench: ${script} ${status === 0 ? 'done' : `failed (exit ${status})`} in ${seconds.toFixed(1)} s`,
  );
}
const missing = only.length === 0 ? REQUIRED.filter((name) => !seen.has(name)) : [];
for (const problem of malformed) console.error(`bench: malformed figure: ${problem}`);
if (missing.length) console.error(`bench: figures missing: ${missing.join(', ')}`);
const total = secondsSince(started);
printFigure({
  name: 'bench_run_wall',
  value: total,
  unit: 's',
  n: 1,
  scripts: scripts.length,
  figures: seen.size,
  failed,
  loadBefore: loadAtStart,
});
console.error(`bench: ${scripts.length} scripts, ${seen.size} figures in ${total.toFixed(0)} s`);
process.exitCode = failed || malformed.length || missing.length ? 1 : 0;
