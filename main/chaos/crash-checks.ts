import { Journal, openDatabase } from '../../src/ledger/index.js';
import { PaymentFacts } from '../../src/payments/payment-facts.js';
import { systemClock } from '../../src/platform/clock.js';

/**
 * The crash matrix's check beside reconcile.ts: every 현금영수증 the till
 * asked for has its result journaled (the approval number, or the refusal),
 * whatever commit the till died after (issue 12, defect 10). One line per
 * cash payment whose request has no result.
 */
export function checkCashReceipts(tillDbPath: string): string[] {
  const db = openDatabase(tillDbPath, { readonly: true });
  try {
    const journal = new Journal(db, systemClock);
    const problems: string[] = [];
    for (const tender of new PaymentFacts(db).allTenders()) {
      if (tender.method !== 'cash') continue;
      const kinds = journal.forAggregate(tender.tenderId).map((r) => r.kind);
      if (kinds.includes('cash-receipt.requested') && !kinds.includes('cash-receipt.result')) {
        problems.push(`the 현금영수증 of ${tender.tenderId} has no result`);
      }
    }
    return problems;
  } finally {
    db.close();
  }
}
