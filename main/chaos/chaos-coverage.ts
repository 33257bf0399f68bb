import { Z_REPORT_KIND } from '../../src/closeout/index.js';
import { Journal, openDatabase } from '../../src/ledger/index.js';
import { PaymentFacts } from '../../src/payments/payment-facts.js';
import { systemClock } from '../../src/platform/clock.js';

/** What a chaos run actually exercised, read from the till's journal: the operator sees each fault family bit. */
export interface ChaosCoverage {
  /** Z reports taken (the `day-crossing` fault closes a day with a payment in flight). */
  zReports: number;
  /** Offline QRs shown, and how they ended: confirmed by the gateway, given back (paid after abandon), abandoned. */
  offlineBills: number;
  offlineConfirmed: number;
  offlineGivenBack: number;
  offlineAbandoned: number;
  /** Refunds and voids completed. */
  refunds: number;
}

const PAGE = 5_000;

/** Counts, in the till database at `tillDbPath`, what the run did (after reconcile, same file). */
export function chaosCoverage(tillDbPath: string): ChaosCoverage {
  const db = openDatabase(tillDbPath, { readonly: true });
  try {
    const journal = new Journal(db, systemClock);
    let zReports = 0;
    for (let after = 0; ; ) {
      const page = journal.readAfter(after, PAGE);
      if (page.length === 0) break;
      zReports += page.filter((r) => r.kind === Z_REPORT_KIND).length;
      after = page[page.length - 1]!.seq;
    }
    const facts = new PaymentFacts(db);
    const offline = facts.allTenders().filter((t) => t.method === 'mpm-offline');
    return {
      zReports,
      offlineBills: offline.length,
      offlineConfirmed: offline.filter((t) => t.state === 'approved').length,
      // An offline bill is only ever reversed when it was paid after the cashier gave up on it.
      offlineGivenBack: offline.filter((t) => t.state === 'reversed').length,
      offlineAbandoned: offline.filter((t) => t.state === 'abandoned').length,
      refunds: facts.refundsIn('completed').length,
    };
  } finally {
    db.close();
  }
}

/** The coverage as the operator's one line. */
export function coverageLine(c: ChaosCoverage): string {
  return `zs=${c.zReports} offline=${c.offlineBills} (confirmed ${c.offlineConfirmed}, given back ${c.offlineGivenBack}, abandoned ${c.offlineAbandoned}) refunds=${c.refunds}`;
}
