import { setImmediate as nextTurn } from 'node:timers/promises';
import { openDatabase } from '../../src/ledger/index.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { projectionDriftInSlices } from '../../src/payments/projection-audit.js';
import type { Logger } from '../../src/platform/logger.js';

/**
 * The other half of issue 14 point 5's start-up check: the payment tables
 * compared with the journal they were projected from. A full replay costs
 * about 32 µs of CPU per journal row (a year of 1,000,000 payments is about
 * 2 minutes), so it runs after the till is up, on its own read-only connection
 * holding one snapshot, a slice of rows per event-loop turn: the till sells
 * meanwhile. A disagreement stops sales and refunds (ProjectionHold) and
 * tells the owner. Returns the closer, which abandons a comparison still
 * running. `done` settles with the problems found.
 */
export function checkProjectionInBackground(journalFile: string, engine: Pick<PaymentEngine, 'hold'>, logger: Logger): { stop: () => void; done: Promise<number> } {
  let stopped = false;
  const db = openDatabase(journalFile, { readonly: true });
  const started = performance.now();
  const done = (async () => {
    try {
      // One read transaction: the snapshot the first read takes is the one compared throughout.
      db.exec('BEGIN');
      const problems = await projectionDriftInSlices(db, async () => {
        await nextTurn();
        if (stopped) throw new Error('stopped');
      });
      engine.hold.hold(problems);
      logger.info({ problems: problems.length, ms: Math.round(performance.now() - started) }, 'payment tables compared with the journal');
      return problems.length;
    } catch (error) {
      if (!stopped) logger.error({ err: error }, 'the payment tables could not be compared with the journal');
      return 0;
    } finally {
      db.close();
    }
  })();
  return { stop: () => void (stopped = true), done };
}
