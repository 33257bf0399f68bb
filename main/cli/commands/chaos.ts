import { z } from 'zod';
import { type ChaosFault, CHAOS_FAULTS, parseChaosFaults } from '../../chaos/chaos-faults.js';
import { coverageLine } from '../../chaos/chaos-coverage.js';
import { type ChaosResult, runChaos } from '../../chaos/run-chaos.js';
import { type CrashCell, runCrashMatrix } from '../../chaos/crash-matrix.js';
import { CRASH_FLOWS, crashFlow } from '../../chaos/crash-flows.js';
import { type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';

const argsSchema = z.object({
  payments: z.coerce.number().int().min(1).max(100_000).default(2_000),
  kills: z.coerce.number().int().min(0).max(10_000).default(100),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(1),
  faults: z
    .string()
    .default('all')
    .transform((text, ctx) => {
      // `none` (with --matrix only): the crash cells without the fault cells.
      if (text === 'none') return [];
      try {
        return parseChaosFaults(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  matrix: z.boolean().default(false),
  flows: z
    .string()
    .default('all')
    .transform((text, ctx) => {
      if (text === 'all') return [...CRASH_FLOWS];
      if (text === 'none') return [];
      try {
        return text.split(',').map((name) => crashFlow(name.trim()));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  stride: z.coerce.number().int().min(1).max(100).default(1),
  keep: z.boolean().default(false),
});

/** The six counters that must be zero. */
function failures(result: Pick<ChaosResult, 'lost' | 'double' | 'orphan' | 'mismatched' | 'stuck' | 'overrefund'>): number[] {
  return [result.lost, result.double, result.orphan, result.mismatched, result.stuck, result.overrefund];
}

function tally(result: Omit<ChaosResult, 'restarts' | 'seconds' | 'coverage'>): string {
  return (
    `payments=${result.payments} kills=${result.kills} approved=${result.approved} declined=${result.declined} ` +
    `reversed=${result.reversed} lost=${result.lost} double=${result.double} orphan=${result.orphan} mismatched=${result.mismatched} ` +
    `stuck=${result.stuck} overrefund=${result.overrefund}`
  );
}

/**
 * `pos chaos`: kills the payment engine at random instants against a faulty
 * sandbox gateway and reconciles the books. Prints one tally line; exits 1
 * if anything was lost, doubled, orphaned, mismatched, stuck or over-refunded.
 * `--matrix` first runs the crash matrix (crash-matrix.ts: each flow of
 * `--flows`, the till SIGKILLed after every `--stride`-th journal commit,
 * one line per cell prefixed `crash=<flow> step=<k>/<N> after=<rows>`), then
 * each fault family alone and all together (one line each, prefixed
 * `faults=<name>`), and exits 1 if any cell fails. `--keep` leaves each run's
 * till.db and gateway.db in place (the path goes to stderr) to read a problem's trail.
 */
export const chaosCommand: PosCommand = {
  name: 'chaos',
  summary: 'payment engine under random SIGKILLs and gateway faults, then reconciled',
  usage: `chaos [--payments 2000] [--kills 100] [--seed N] [--faults all|${CHAOS_FAULTS.join(',')}] [--keep] [--matrix [--faults none] [--flows all|none|${CRASH_FLOWS.map((f) => f.name).join(',')}] [--stride 1]]`,
  async run(args, io) {
    const { values } = parseCliArgs({
      args,
      strict: true,
      options: {
        payments: { type: 'string' },
        kills: { type: 'string' },
        seed: { type: 'string' },
        faults: { type: 'string' },
        matrix: { type: 'boolean' },
        flows: { type: 'string' },
        stride: { type: 'string' },
        keep: { type: 'boolean' },
      },
    });
    const checked = argsSchema.safeParse(values);
    if (!checked.success) throw new UsageError(checked.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    const { matrix, faults, flows, stride, ...options } = checked.data;
    if (matrix && values.faults !== undefined && values.faults !== 'none') {
      throw new UsageError('--matrix runs every fault family; leave out --faults (or give --faults none for the crash cells only)');
    }
    if (!matrix && (values.flows !== undefined || values.stride !== undefined || values.faults === 'none')) {
      throw new UsageError('--flows, --stride and --faults none choose the cells of --matrix');
    }
    let failed = 0;
    if (matrix) {
      const cells = await runCrashMatrix({
        flows,
        stride,
        onCell: (cell) => {
          io.out(`crash=${cell.flow} step=${cell.step}/${cell.of} after=${cell.after} ${tally({ ...cell, kills: cell.killed ? 1 : 0 })}\n`);
          for (const problem of cell.problems) io.err(problem);
          if (failures(cell).some((n) => n !== 0)) failed++;
        },
      });
      io.err(crashSummary(cells));
    }
    const cells: Array<{ name: string; faults: ChaosFault[] }> = matrix
      ? values.faults === 'none'
        ? []
        : [...CHAOS_FAULTS.map((f) => ({ name: f, faults: [f] })), { name: 'all', faults: [...CHAOS_FAULTS] }]
      : [{ name: values.faults ?? 'all', faults }];
    for (const cell of cells) {
      const result = await runChaos({ ...options, faults: cell.faults, log: (line) => io.err(line) });
      io.out(matrix ? `faults=${cell.name} ${tally(result)}\n` : tally(result));
      for (const problem of result.problems) io.err(problem);
      io.err(`chaos${matrix ? ` (${cell.name})` : ''}: ${result.restarts} worker starts, ${result.seconds.toFixed(1)} s; ${coverageLine(result.coverage)}`);
      if (failures(result).some((n) => n !== 0)) failed++;
    }
    return failed === 0 ? 0 : 1;
  },
};

/** The crash matrix's figures for the operator: cells, commits per flow, wall time. */
function crashSummary(cells: readonly CrashCell[]): string {
  const perFlow = cells.filter((c) => c.step === 0).map((c) => `${c.flow} ${c.of}`);
  const seconds = cells.reduce((a, c) => a + c.seconds, 0);
  return `crash matrix: ${cells.length} cells, ${cells.filter((c) => c.killed).length} kills, ${seconds.toFixed(0)} s; commits per flow: ${perFlow.join(', ')}`;
}
