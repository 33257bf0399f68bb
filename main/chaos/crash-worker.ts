/**
 * The till of one crash-matrix cell (crash-matrix.ts): runs one flow of
 * crash-flows.ts to its end, then waits until recovery and sync have settled
 * and every offline bill is matched. It prints `commit <i> <label>` after
 * each journal commit and `done` at the end; with `--crash-after k` it
 * SIGKILLs itself right after commit k, before anything else happens. A
 * restart (without `--crash-after`) runs recovery and the same flow, which
 * carries on from the journal.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PaymentFacts } from '../../src/payments/payment-facts.js';
import { openCable } from './crash-cable.js';
import { CLOCK_FILE, fileOffsetClock } from './crash-clock.js';
import { watchCommits } from './crash-commits.js';
import { crashFlow } from './crash-flows.js';
import { crashRelay, openCrashTill } from './crash-till.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    url: { type: 'string' },
    terminal: { type: 'string' },
    flow: { type: 'string' },
    'crash-after': { type: 'string', default: '0' },
    'manager-pin-hash': { type: 'string' },
  },
});
const dir = values.dir!;
const crashAfter = Number(values['crash-after']);
const flow = crashFlow(values.flow!);
const clock = fileOffsetClock(join(dir, CLOCK_FILE));
const cable = await openCable(values.url!);
const gateway = crashRelay({ dir, gatewayUrl: cable.url, terminalId: values.terminal!, clock });
// A cell ends within minutes: a bill given up on is looked up for 2 min, not the engine's hour.
const { engine, ledger } = openCrashTill({ dir, terminalId: values.terminal!, clock, gateway, staff: { role: 'manager', pinHash: values['manager-pin-hash']! }, lateReportMs: 120_000 });

watchCommits(ledger, (step) => {
  process.stdout.write(`commit ${step.index} ${step.label}\n`);
  if (step.index === crashAfter) process.kill(process.pid, 'SIGKILL');
});

/** Nothing in flight, no refund waiting, nothing left to upload. */
function settled(): boolean {
  const open = engine.store.tendersInStates(['created', 'requested', 'awaiting-customer', 'unknown', 'inquiring', 'reversing', 'pending-confirmation']);
  return open.length === 0 && engine.store.refundsInState('requested').length === 0 && ledger.outbox.depth() === 0;
}

async function main(): Promise<void> {
  const report = engine.start();
  await report.settled;
  await flow.run({ engine, facts: new PaymentFacts(ledger.db), gateway, cable, clock, sandboxUrl: values.url!, terminalId: values.terminal! });
  cable.plug();
  const deadline = Date.now() + 90_000;
  for (;;) {
    // Offline bills are confirmed (or given back) by the matcher once the gateway is reachable again.
    await engine.matchOfflinePayments().catch(() => undefined);
    if (settled()) break;
    if (Date.now() > deadline) throw new Error('recovery, sync and matching did not settle within 90 s');
    engine.sync.nudge();
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write('done\n');
  await engine.stop();
  await cable.close();
  ledger.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`crash worker failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
