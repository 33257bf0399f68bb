import { z } from 'zod';
import { runChaos } from '../../chaos/run-chaos.js';
import type { PosCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';

const argsSchema = z.object({
  payments: z.coerce.number().int().min(1).max(100_000).default(2_000),
  kills: z.coerce.number().int().min(0).max(10_000).default(100),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(1),
});

/**
 * `pos chaos`: kills the payment engine at random instants against a faulty
 * sandbox gateway and reconciles the books. Prints one tally line; exits 1
 * if anything was lost, doubled, orphaned, mismatched, stuck or over-refunded.
 */
export const chaosCommand: PosCommand = {
  name: 'chaos',
  summary: 'payment engine under random SIGKILLs and gateway faults, then reconciled',
  usage: 'chaos [--payments 2000] [--kills 100] [--seed N]',
  async run(args, io) {
    const options = parseFlags(args, argsSchema);
    const result = await runChaos({ ...options, log: (line) => io.err(line) });
    io.out(
      `payments=${result.payments} kills=${result.kills} approved=${result.approved} declined=${result.declined} ` +
        `reversed=${result.reversed} lost=${result.lost} double=${result.double} orphan=${result.orphan} mismatched=${result.mismatched} ` +
        `stuck=${result.stuck} overrefund=${result.overrefund}`,
    );
    for (const problem of result.problems) io.err(problem);
    io.err(`chaos: ${result.restarts} worker starts, ${result.seconds.toFixed(1)} s`);
    const faults = [result.lost, result.double, result.orphan, result.mismatched, result.stuck, result.overrefund];
    return faults.every((n) => n === 0) ? 0 : 1;
  },
};
