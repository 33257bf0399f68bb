import { z } from 'zod';
import { type ChaosFault, CHAOS_FAULTS, parseChaosFaults } from '../../chaos/chaos-faults.js';
import { coverageLine } from '../../chaos/chaos-coverage.js';
import { type ChaosResult, runChaos } from '../../chaos/run-chaos.js';
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
      try {
        return parseChaosFaults(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  matrix: z.boolean().default(false),
});

/** The six counters that must be zero. */
function failures(result: ChaosResult): number[] {
  return [result.lost, result.double, result.orphan, result.mismatched, result.stuck, result.overrefund];
}

function tally(result: ChaosResult): string {
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
 * `--matrix` runs each fault family alone and then all together (one line
 * each, prefixed `faults=<name>`) and exits 1 if any cell fails.
 */
export const chaosCommand: PosCommand = {
  name: 'chaos',
  summary: 'payment engine under random SIGKILLs and gateway faults, then reconciled',
  usage: `chaos [--payments 2000] [--kills 100] [--seed N] [--faults all|${CHAOS_FAULTS.join(',')}] [--matrix]`,
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
      },
    });
    const checked = argsSchema.safeParse(values);
    if (!checked.success) throw new UsageError(checked.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    const { matrix, faults, ...options } = checked.data;
    if (matrix && values.faults !== undefined) throw new UsageError('--matrix runs every fault family; leave out --faults');
    const cells: Array<{ name: string; faults: ChaosFault[] }> = matrix
      ? [...CHAOS_FAULTS.map((f) => ({ name: f, faults: [f] })), { name: 'all', faults: [...CHAOS_FAULTS] }]
      : [{ name: values.faults ?? 'all', faults }];
    let failed = 0;
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
