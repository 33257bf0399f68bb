import type { LedgerEntryView, LedgerPaymentSummary } from '../../sandbox/index.js';

/** The sandbox's books for one terminal, as `SandboxGateway.ledger()` returns them. */
export interface LedgerView {
  payments: LedgerPaymentSummary[];
  entries: LedgerEntryView[];
}

/** What the books say after every unknown outcome was resolved. */
export interface LedgerAudit {
  payments: number;
  charges: number;
  /** Payments charged more than once. */
  doubleCharges: number;
  /** Refund request ids booked more than once, and payments refunded above their amount. */
  doubleRefunds: number;
  /** Payments that ended failed or cancelled with money still taken. */
  chargedWithoutSale: number;
  /** Payments still PROCESSING: money in limbo. */
  unresolved: number;
  problems: string[];
}

/**
 * Checks the money invariants of the relay protocol on the sandbox's books:
 * one CHARGE per paid payment and never more, nothing kept for a payment that
 * failed or was cancelled, each refund request booked once, refunds never
 * above the amount paid, and no payment left PROCESSING.
 */
export function auditLedger(ledger: LedgerView): LedgerAudit {
  const audit: LedgerAudit = {
    payments: ledger.payments.length,
    charges: 0,
    doubleCharges: 0,
    doubleRefunds: 0,
    chargedWithoutSale: 0,
    unresolved: 0,
    problems: [],
  };
  for (const p of ledger.payments) {
    const name = `${p.terminalId}/${p.paymentRequestId}`;
    audit.charges += p.charges;
    if (p.charges > 1) {
      audit.doubleCharges++;
      audit.problems.push(`${name}: charged ${p.charges} times`);
    }
    if (p.reversals > p.charges)
      audit.problems.push(`${name}: ${p.reversals} reversals of ${p.charges} charges`);
    if (p.refunded > p.amount) {
      audit.doubleRefunds++;
      audit.problems.push(`${name}: refunded ${p.refunded} of ${p.amount}`);
    }
    if ((p.status === 'FAIL' || p.status === 'CANCELLED') && p.netCharged !== 0) {
      audit.chargedWithoutSale++;
      audit.problems.push(`${name}: ${p.status} but ${p.netCharged} KRW kept`);
    }
    if (p.status === 'SUCCESS' && p.charges !== 1)
      audit.problems.push(`${name}: SUCCESS with ${p.charges} charges`);
    if (p.status === 'PROCESSING') {
      audit.unresolved++;
      audit.problems.push(`${name}: still PROCESSING after recovery`);
    }
  }
  const refunds = new Map<string, number>();
  for (const entry of ledger.entries) {
    if (entry.kind !== 'REFUND' || entry.refundRequestId === null) continue;
    refunds.set(entry.refundRequestId, (refunds.get(entry.refundRequestId) ?? 0) + 1);
  }
  for (const [refundRequestId, count] of refunds) {
    if (count < 2) continue;
    audit.doubleRefunds++;
    audit.problems.push(`refund ${refundRequestId}: booked ${count} times`);
  }
  return audit;
}
