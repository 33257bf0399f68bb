import type { SqliteDatabase } from '../ledger/index.js';
import type { OpenItem, OpenItems } from './report-schema.js';

/** Tender states whose outcome is not settled: the Z asks the owner about them. */
const UNRESOLVED_TENDER_STATES = ['created', 'requested', 'awaiting-customer', 'unknown', 'inquiring', 'reversing'];
const PENDING_CONFIRMATION_STATES = ['pending-confirmation', 'unmatched'];

const list = (states: readonly string[]) => states.map((s) => `'${s}'`).join(', ');

/**
 * What is still open at the till, whatever day it began on: payments and
 * refunds in flight and sales not finished (the Z guard), offline QR
 * payments the gateway has not confirmed, and journal records the gateway
 * has not acknowledged. Each query is served by a state index or the
 * outbox's partial indexes.
 */
export class OpenItemsQuery {
  private readonly queries;

  constructor(db: SqliteDatabase) {
    const tendersIn = (states: readonly string[]) =>
      db.prepare(
        `SELECT 'tender' AS kind, tender_id AS ref, state, amount, updated_at AS at FROM pay_tenders
         WHERE state IN (${list(states)}) ORDER BY updated_at, tender_id`,
      );
    this.queries = {
      unresolvedTenders: tendersIn(UNRESOLVED_TENDER_STATES),
      pendingTenders: tendersIn(PENDING_CONFIRMATION_STATES),
      refunds: db.prepare(
        `SELECT 'refund' AS kind, refund_id AS ref, state, amount, updated_at AS at FROM pay_refunds WHERE state = 'requested' ORDER BY updated_at`,
      ),
      sales: db.prepare(`SELECT 'sale' AS kind, sale_id AS ref, state, total AS amount, opened_at AS at FROM pay_sales WHERE state = 'open' ORDER BY opened_at`),
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
    const q = this.queries;
    return [...q.unresolvedTenders.all(), ...q.refunds.all(), ...q.sales.all()] as OpenItem[];
  }

  /** Everything open, lists cut at `limit` items (the unsynced count is complete). */
  all(limit: number): OpenItems {
    const q = this.queries;
    return {
      unresolved: this.unresolved().slice(0, limit),
      pendingConfirmation: (q.pendingTenders.all() as OpenItem[]).slice(0, limit),
      unsynced: [...(q.quarantined.all(limit) as OpenItem[]), ...(q.unsynced.all(limit) as OpenItem[])].slice(0, limit),
      unsyncedCount: (q.unsyncedCount.get() as { n: number }).n,
    };
  }
}
