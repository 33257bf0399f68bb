import { Journal, OutboxQueries, openDatabase } from '../../src/ledger/index.js';
import { PaymentFacts } from '../../src/payments/payment-facts.js';
import { isInFlight, type TenderState } from '../../src/payments/payment-states.js';
import { systemClock } from '../../src/platform/clock.js';
import type { LedgerPaymentSummary } from '../../sandbox/index.js';

/** The tally `pos chaos` prints; the last six must be zero. */
export interface Reconciliation {
  approved: number;
  declined: number;
  reversed: number;
  /** A sale or record the till took that is not settled on both sides. */
  lost: number;
  /**
   * Money or records taken more than once: per sale, the money taken (the
   * gateway's net charges and the cash kept) above what the sale is owed;
   * a payment charged twice; a record applied twice.
   */
  double: number;
  /** A charge at the gateway for a payment the till does not count as paid. */
  orphan: number;
  /** The two sides disagree about a payment's amount or state. */
  mismatched: number;
  /** Tenders or refunds not final once the run has settled. */
  stuck: number;
  /** Payments the gateway refunded beyond what the till records as refunded. */
  overrefund: number;
  /** One line per problem, for the operator. */
  problems: string[];
}

const PAID_STATES = new Set<TenderState>(['approved', 'refunded-partially', 'refunded', 'cancelled']);

/**
 * Compares the till's journal with the sandbox gateway's books after a chaos
 * run: every planned sale closed, every queued record received once, every
 * charge at the gateway backed by a paid tender of the same amount (less
 * refunds), nothing left in flight, and the journal's hash chain intact.
 */
export function reconcile(input: {
  tillDbPath: string;
  payments: number;
  gatewayPayments: readonly LedgerPaymentSummary[];
  /** Record ids and kinds the gateway's journal intake applied, with the sale they belong to. */
  gatewayRecords: ReadonlyArray<{ recordId: string; kind: string; saleId: string | undefined }>;
}): Reconciliation {
  const db = openDatabase(input.tillDbPath, { readonly: true });
  try {
    const out: Reconciliation = { approved: 0, declined: 0, reversed: 0, lost: 0, double: 0, orphan: 0, mismatched: 0, stuck: 0, overrefund: 0, problems: [] };
    const flag = (kind: 'lost' | 'double' | 'orphan' | 'mismatched' | 'stuck' | 'overrefund', what: string): void => {
      out[kind]++;
      if (out.problems.length < 50) out.problems.push(`${kind}: ${what}`);
    };
    const verify = new Journal(db, systemClock).verify();
    if (!verify.ok) flag('mismatched', `journal chain broken at row ${verify.seq}: ${verify.reason}`);

    const facts = new PaymentFacts(db);
    const sales = facts.taggedSales();
    const byTag = new Map(sales.map((s) => [s.cashierId, s]));
    for (let i = 0; i < input.payments; i++) {
      const sale = byTag.get(`chaos-${i}`);
      if (!sale || sale.state === 'open') flag('lost', `sale ${i} is ${sale ? 'still open' : 'missing'}`);
    }

    const tenders = facts.allTenders();
    const gateway = new Map(input.gatewayPayments.map((p) => [p.paymentRequestId, p]));
    const known = new Set<string>();
    const takenBySale = new Map<string, number>();
    const take = (saleId: string, amount: number): void => void takenBySale.set(saleId, (takenBySale.get(saleId) ?? 0) + amount);
    for (const t of tenders) {
      if (PAID_STATES.has(t.state)) out.approved++;
      if (t.state === 'declined') out.declined++;
      if (t.state === 'reversed') out.reversed++;
      if (isInFlight(t.state) || t.state === 'reversing' || t.state === 'pending-confirmation') {
        flag('stuck', `tender ${t.tenderId} left ${t.state}`);
      }
      if (t.method === 'cash') {
        if (PAID_STATES.has(t.state)) take(t.saleId, t.amount - t.refunded);
        continue;
      }
      const requestId = t.gatewayRequestId ?? t.tenderId;
      known.add(requestId);
      const g = gateway.get(requestId);
      const expected = PAID_STATES.has(t.state) ? t.amount - t.refunded : 0;
      const net = g?.netCharged ?? 0;
      take(t.saleId, net);
      if (g && g.refunded > t.refunded) flag('overrefund', `${requestId}: the gateway refunded ${g.refunded}, the till ${t.refunded}`);
      if (g && g.charges > 1) flag('double', `${requestId} charged ${g.charges} times`);
      if (net > expected && expected === 0) flag('orphan', `${requestId} charged ${net} at the gateway, ${t.state} at the till`);
      else if (net !== expected) flag('mismatched', `${requestId}: till expects ${expected} charged, gateway has ${net}`);
    }
    for (const g of input.gatewayPayments) {
      if (!known.has(g.paymentRequestId) && g.netCharged !== 0) flag('orphan', `${g.paymentRequestId} charged ${g.netCharged}, unknown to the till`);
    }

    // Per sale: what was taken (gateway net and cash kept) against what the sale is owed.
    const refundedBySale = facts.refundedBySale();
    for (const sale of sales) {
      const owed = sale.state === 'completed' ? sale.total - (refundedBySale.get(sale.saleId) ?? 0) : 0;
      const taken = takenBySale.get(sale.saleId) ?? 0;
      if (taken > owed) flag('double', `sale ${sale.saleId} took ${taken}, owed ${owed}`);
    }

    const pendingRefunds = facts.refundsIn('requested').length;
    if (pendingRefunds > 0) flag('stuck', `${pendingRefunds} refund(s) left in flight`);

    const received = new Set(input.gatewayRecords.map((r) => r.recordId));
    for (const q of new OutboxQueries(db).everQueued()) if (!received.has(q.recordId)) flag('lost', `${q.kind} record ${q.recordId} never reached the gateway`);
    const completions = new Map<string, number>();
    for (const r of input.gatewayRecords) {
      if (r.kind === 'sale.completed' && r.saleId) completions.set(r.saleId, (completions.get(r.saleId) ?? 0) + 1);
    }
    for (const [saleId, n] of completions) if (n > 1) flag('double', `sale ${saleId} received ${n} times`);
    return out;
  } finally {
    db.close();
  }
}
