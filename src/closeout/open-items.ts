import { OutboxQueries, type SqliteDatabase, type WaitingRecord } from '../ledger/index.js';
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
 * read-only port, sync state through the ledger's outbox queries; each is
 * served by a state index or the outbox's partial indexes.
 */
export class OpenItemsQuery {
  private readonly outbox: OutboxQueries;

  constructor(
    db: SqliteDatabase,
    private readonly payments: PaymentFactsPort = new PaymentFacts(db),
  ) {
    this.outbox = new OutboxQueries(db);
  }

  /** Payments, refunds and sales whose outcome is open: a Z refuses them unless recorded as open. */
  unresolved(): OpenItem[] {
    const p = this.payments;
    return [...p.tendersIn(UNRESOLVED_TENDER_STATES), ...p.refundsIn('requested'), ...p.openSales()];
  }

  /** Everything open, lists cut at `limit` items (the unsynced count is complete). */
  all(limit: number): OpenItems {
    const { outbox } = this;
    const record = (state: 'pending' | 'quarantined') => (r: WaitingRecord): OpenItem => ({ kind: 'record', ref: `${r.seq} ${r.kind}`, state, amount: null, at: r.at });
    return {
      unresolved: this.unresolved().slice(0, limit),
      pendingConfirmation: this.payments.tendersIn(PENDING_CONFIRMATION_STATES).slice(0, limit),
      unsynced: [...outbox.waiting('quarantined', limit).map(record('quarantined')), ...outbox.waiting('pending', limit).map(record('pending'))].slice(0, limit),
      unsyncedCount: outbox.unacknowledgedCount(),
    };
  }
}
