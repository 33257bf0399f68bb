import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type CheckReport, MAX_PROBLEMS, elapsed, report } from './check-report.js';

/**
 * Check (a): the chaos run. `pos chaos` drives the payment engine in a child
 * process against a faulty sandbox, SIGKILLs it at random instants and
 * reconciles the till's journal with the gateway's ledger (issue 5). This
 * check runs the command as an operator would and reads its tally line and
 * the problem lines (the request or sale each loss, double or orphan is).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The counts that must be 0; `pos chaos` prints one stderr line per problem, prefixed with one of them. */
const MUST_BE_ZERO = ['lost', 'double', 'orphan', 'mismatched', 'stuck', 'overrefund'] as const;

/**
 * The tally `pos chaos` prints on stdout; lost to mismatched must be 0, and
 * stuck and overrefund too when the line carries them.
 */
export const chaosTallySchema = z.object({
  payments: z.number().int(),
  kills: z.number().int(),
  approved: z.number().int().optional(),
  declined: z.number().int().optional(),
  reversed: z.number().int().optional(),
  lost: z.number().int(),
  double: z.number().int(),
  orphan: z.number().int(),
  mismatched: z.number().int(),
  stuck: z.number().int().optional(),
  overrefund: z.number().int().optional(),
});
export type ChaosTally = z.output<typeof chaosTallySchema>;

/** The command printed no tally line, or one missing a count. */
export class ChaosSummaryError extends Error {
  override readonly name = 'ChaosSummaryError';
}

/**
 * Reads the tally line (`payments=… kills=… … lost=0 double=0 orphan=0
 * mismatched=0`) from the command's stdout; the last such line wins.
 */
export function parseChaosSummary(stdout: string): ChaosTally {
  const line = stdout
    .split(/\r?\n/)
    .filter((l) => /^payments=\d+ /.test(l.trim()))
    .at(-1);
  if (!line) throw new ChaosSummaryError('pos chaos printed no "payments=… lost=…" line');
  const fields = Object.fromEntries(
    line
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split('='))
      .filter((kv): kv is [string, string] => kv.length === 2 && /^\d+$/.test(kv[1]!))
      .map(([key, value]) => [key, Number(value)]),
  );
  const parsed = chaosTallySchema.safeParse(fields);
  if (!parsed.success)
    throw new ChaosSummaryError(
      `tally line "${line.trim()}" lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return parsed.data;
}

/** What is wrong with a finished run: losses, doubles, orphans, mismatches, a short run, a bad exit. */
export function chaosProblems(
  tally: ChaosTally,
  exitCode: number | null,
  planned: { payments: number; kills: number },
): string[] {
  const problems: string[] = [];
  for (const key of MUST_BE_ZERO) {
    if ((tally[key] ?? 0) !== 0) problems.push(`${key}=${tally[key]}`);
  }
  if (tally.payments !== planned.payments)
    problems.push(`ran ${tally.payments} of ${planned.payments} planned payments`);
  if (exitCode !== 0) problems.push(`pos chaos exited ${exitCode}`);
  return problems;
}

export interface ChaosCheckOptions {
  payments: number;
  kills: number;
  seed: number;
  /** The command to run; the real one unless a test plants another. */
  command?: { file: string; args: string[] };
}

/** Runs `node bin/pos.mjs chaos --payments N --kills K --seed S` and reports its tally. */
export async function runChaosCheck(options: ChaosCheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const args = [
    '--payments',
    String(options.payments),
    '--kills',
    String(options.kills),
    '--seed',
    String(options.seed),
  ];
  const command = options.command ?? {
    file: process.execPath,
    args: ['bin/pos.mjs', 'chaos', ...args],
  };
  const { code, stdout, stderr, details } = await run(command.file, command.args);
  const planned = { payments: options.payments, kills: options.kills, seed: options.seed };
  let tally: ChaosTally;
  try {
    tally = parseChaosSummary(stdout);
  } catch (error) {
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    return report(
      'chaos',
      { ...planned, crashed: 1 },
      [`${(error as Error).message} (exit ${code}; stderr: ${tail})`],
      elapsed(started),
    );
  }
  // The detail lines first: they name the request or sale to chase, and the report keeps only the first few problems.
  const problems = chaosProblems(tally, code, planned);
  return report(
    'chaos',
    { seed: options.seed, ...tally },
    problems.length === 0 ? [] : [...details, ...problems],
    elapsed(started),
  );
}

/** A stderr line of `pos chaos` that names one problem (reconcile.ts: `orphan: <request> charged …`). */
export function isProblemLine(line: string): boolean {
  return MUST_BE_ZERO.some((key) => line.startsWith(`${key}: `));
}

function run(
  file: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; details: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const details: string[] = [];
    const keep = (line: string): void => {
      if (isProblemLine(line) && details.length < MAX_PROBLEMS) details.push(line);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // Progress and problem lines: keep the problem lines whole, and the tail for an error message.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? '';
      lines.forEach(keep);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      keep(partial);
      resolve({ code, stdout, stderr, details });
    });
  });
}
