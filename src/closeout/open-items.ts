import type { SqliteDatabase } from '../ledger/index.js';
import { PaymentFacts, type PaymentFactsPort } from '../payments/payment-facts.js';
import type { TenderState } from '../payments/payment-states.js';
import type { OpenItem, OpenItems } from './report-schema.js';

/** Tender states whose outcome is not settled: the Z asks the owner about them. */
const UNRESOLVED_TENDER_STATES: readonly TenderState[] = ['created', 'requested', 'awaiting-customer', 'unknown', 'inquiring', 'reversing'];
const PENDING_CONFIRMATION_STATES: readonly TenderState[] = ['pending-confirmation', 'unmatched'];

/**
 * What is still open at the till, whatever day it began on: payments and
 * refunds in flight and sales not finished (the Z guard), offline QR
 * payments the gateway has not confirmed, and journal records the gateway
 * has not acknowledged. Payment facts come through the payments module's
 * read-only port; each query is served by a state index or the outbox's
 * partial indexes.
 */
export class OpenItemsQuery {
  private readonly queries;

  constructor(
    db: SqliteDatabase,
    private readonly payments: PaymentFactsPort = new PaymentFacts(db),
  ) {
    this.queries = {
      unsynced: db.prepare(
        `SELECT 'record' AS kind, j.seq || ' ' || j.kind AS ref, 'pending' AS state, NULL AS amount, j.at FROM outbox o JOIN journal j ON j.seq = o.seq
         WHERE o.acked_at IS NULL AND o.quarantined_at IS NULL ORDER BY o.seq LIMIT ?`,
      ),
      quarantined: db.prepare(
        `SELECT 'record' AS kind, j.seq || ' ' || j.kind AS ref, 'quarantined' AS state, NULL AS amount, j.at FROM outbox o JOIN journal j ON j.seq = o.seq
         WHERE o.quarantined_at IS NOT NULL AND o.acked_at IS NULL ORDER BY o.seq LIMIT ?`,
      ),
      unsyncedCount: db.prepare(
        `SELECT (SELECT count(*) FROM outbox WHERE acked_at IS NULL AND quarantined_at IS NULL)
              + (SELECT count(*) FROM outbox WHERE quarantined_at IS NOT NULL AND acked_at IS NULL) AS n`,
      ),
    };
  }

  /** Payments, refunds and sales whose outcome is open: a Z refuses them unless recorded as open. */
  unresolved(): OpenItem[] {
    const p = this.payments;
    return [...p.tendersIn(UNRESOLVED_TENDER_STATES), ...p.refundsIn('requested'), ...p.openSales()];
  }

  /** Everything open, lists cut at `limit` items (the unsynced count is complete). */
  all(limit: number): OpenItems {
    const q = this.queries;
    return {
      unresolved: this.unresolved().slice(0, limit),
      pendingConfirmation: this.payments.tendersIn(PENDING_CONFIRMATION_STATES).slice(0, limit),
      unsynced: [...(q.quarantined.all(limit) as OpenItem[]), ...(q.unsynced.all(limit) as OpenItem[])].slice(0, limit),
      unsyncedCount: (q.unsyncedCount.get() as { n: number }).n,
    };
  }
}
