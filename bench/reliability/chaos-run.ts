import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type CheckReport, elapsed, report } from './check-report.js';

/**
 * Check (a): the chaos run. `pos chaos` drives the payment engine in a child
 * process against a faulty sandbox, SIGKILLs it at random instants and
 * reconciles the till's journal with the gateway's ledger (issue 5). This
 * check runs the command as an operator would and reads its tally line.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The tally `pos chaos` prints on stdout; the last four must be 0. */
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
  for (const key of ['lost', 'double', 'orphan', 'mismatched'] as const) {
    if (tally[key] !== 0) problems.push(`${key}=${tally[key]}`);
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
  const { code, stdout, stderr } = await run(command.file, command.args);
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
  return report(
    'chaos',
    { seed: options.seed, ...tally },
    chaosProblems(tally, code, planned),
    elapsed(started),
  );
}

function run(
  file: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // Progress lines only: keep the tail for an error message.
    child.stderr
      .setEncoding('utf8')
      .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
