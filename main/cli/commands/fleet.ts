import { z } from 'zod';
import { runFleet } from '../../fleet/run-fleet.js';
import type { PosCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';

const argsSchema = z.object({
  stores: z.coerce.number().int().min(1).max(10_000).default(5),
  tills: z.coerce.number().int().min(1).max(100).default(3),
  sales: z.coerce.number().int().min(1).max(100_000).default(100),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(1),
  database: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  processes: z.coerce.number().int().min(1).max(32).optional(),
});

/**
 * `pos fleet`: simulated tills against one store server with outages,
 * SIGKILLs and duplicated/reordered batches. Prints one tally line; exits 1
 * on any duplicate, loss or chain break.
 */
export const fleetCommand: PosCommand = {
  name: 'fleet',
  summary: 'simulated tills of many stores syncing to one store server through kills and faults, then compared record by record',
  usage: 'fleet [--stores 5] [--tills 3] [--sales 100] [--seed N] [--database postgres://…] [--processes 3]',
  async run(args, io) {
    const options = parseFlags(args, argsSchema);
    const result = await runFleet({ ...options, log: (line) => io.err(line) });
    io.out(
      `stores=${result.stores} tills=${result.tills} records=${result.records} ingested=${result.ingested} ` +
        `duplicates=${result.duplicates} lost=${result.lost} chain_breaks=${result.chainBreaks} ingest_per_s=${result.ingestPerS}`,
    );
    for (const problem of result.problems.slice(0, 20)) io.err(problem);
    io.err(`fleet: ${result.seconds.toFixed(1)} s, ${result.tillKills} till kills, ${result.serverKills} server kills`);
    const clean = result.duplicates === 0 && result.lost === 0 && result.chainBreaks === 0 && result.records === result.ingested;
    return clean ? 0 : 1;
  },
};
