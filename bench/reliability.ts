// `npm run reliability`: one JSON line per reliability check (docs/reliability.md),
// exit status 1 on any loss, double charge, crash or accepted attack.
//
//   npm run reliability                       # the default run, about 3 minutes here
//   npm run reliability -- --only fuzz,attacks
//   npm run reliability -- --full             # issue 5's chaos size: 2,000 payments, 100 kills
//   npm run reliability -- --seed 7 --chaos-payments 500 --chaos-kills 50
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runChaosCheck } from './reliability/chaos-run.js';
import { type CheckReport, printCheck, runCheck } from './reliability/check-report.js';
import { runFuzzing } from './reliability/fuzzing.js';
import { runGatewayMatrix } from './reliability/gateway-matrix.js';
import { runIpcInput } from './reliability/ipc-input.js';
import { runPrinterFaults } from './reliability/printer-faults.js';
import { runSignatureAttacks } from './reliability/signature-attacks.js';
import { combineAttacks, runTillAttacks } from './reliability/till-attacks.js';

const CHECKS = ['chaos', 'matrix', 'fuzz', 'printer', 'ipc', 'attacks'] as const;
type CheckName = (typeof CHECKS)[number];

const argsSchema = z.object({
  only: z
    .string()
    .optional()
    .transform((list) => (list ? list.split(',').map((s) => s.trim()) : [...CHECKS]))
    .pipe(z.array(z.enum(CHECKS))),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  full: z.boolean().default(false),
  'chaos-payments': z.coerce.number().int().min(1).optional(),
  'chaos-kills': z.coerce.number().int().min(0).optional(),
});

/** The command line, or a one-line usage error and exit status 2. */
function parseCommandLine(): z.output<typeof argsSchema> {
  try {
    const { values } = parseArgs({
      options: {
        only: { type: 'string' },
        seed: { type: 'string' },
        full: { type: 'boolean' },
        'chaos-payments': { type: 'string' },
        'chaos-kills': { type: 'string' },
      },
      strict: true,
    });
    const parsed = argsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    throw new Error(
      parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '),
    );
  } catch (error) {
    console.error(`reliability: ${(error as Error).message}`);
    console.error(
      `usage: npm run reliability -- [--only ${CHECKS.join(',')}] [--seed N] [--full] [--chaos-payments N] [--chaos-kills N]`,
    );
    process.exit(2);
  }
}

const args = parseCommandLine();
const size = args.full
  ? { payments: 2_000, kills: 100, fuzzScale: 2, printerJobs: 1_000, ipcCalls: 600 }
  : { payments: 800, kills: 80, fuzzScale: 1, printerJobs: 200, ipcCalls: 300 };
const seed = args.seed;

/** Each check by its command-line name, with the name its report line carries. */
const checks: Record<CheckName, [string, () => Promise<CheckReport>]> = {
  chaos: [
    'chaos',
    () =>
      runChaosCheck({
        payments: args['chaos-payments'] ?? size.payments,
        kills: args['chaos-kills'] ?? size.kills,
        seed,
      }),
  ],
  matrix: ['gateway_fault_matrix', () => runGatewayMatrix()],
  fuzz: ['fuzzing', () => runFuzzing({ seed, scale: size.fuzzScale })],
  printer: ['printer_faults', () => runPrinterFaults({ jobs: size.printerJobs, seed })],
  ipc: ['bad_ipc_input', () => runIpcInput({ seed, callsPerMethod: size.ipcCalls })],
  // Requests the till sends (signatures, replays, registration) and what it believes (issue 14).
  attacks: ['attacks', async () => combineAttacks(await runSignatureAttacks(), await runTillAttacks())],
};

let failed = 0;
for (const name of args.only) {
  const result = await runCheck(...checks[name]);
  printCheck(result);
  if (!result.ok) failed++;
}
console.error(
  failed
    ? `reliability: ${failed} of ${args.only.length} checks found a problem`
    : `reliability: all ${args.only.length} checks passed`,
);
process.exitCode = failed ? 1 : 0;
