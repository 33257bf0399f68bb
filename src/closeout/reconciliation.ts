import type { SettlementLine } from '../relay/protocol.js';
import { type DayFigures, type PosLine, walletChannel } from './day-figures.js';
import type { Channel, Reconciliation, ReconciliationItem } from './report-schema.js';

/** Whether a statement line belongs to a payment or refund the journal books on another day. */
export interface PosKnowledge {
  bookedElsewhere(line: SettlementLine): boolean;
  /** The receipt number of a completed sale, to name a difference by it. */
  receiptOf?(saleId: string): string | null;
  /** Whether the till refunded a reversed payment's charge (past the cancel window), on whatever day. */
  reversalRefunded?(tenderId: string): boolean;
}

/** Contracted fee per statement wallet, in basis points. */
export type FeeRates = Record<SettlementLine['wallet'], number>;

/** The key a journal line and its statement line share. */
export const keyOfPos = (l: PosLine): string => (l.type === 'REFUND' ? `R:${l.refundRequestId}` : `${l.type}:${l.paymentRequestId}`);
/** The key a statement line and its journal line share. */
export const keyOfLine = (l: SettlementLine): string => (l.type === 'REFUND' ? `R:${l.refundRequestId ?? ''}` : `${l.type}:${l.paymentRequestId}`);

const lineChannel = (line: SettlementLine): Channel => walletChannel(line.wallet);

function item(pos: PosLine | undefined, line: SettlementLine | undefined, known?: PosKnowledge): ReconciliationItem {
  const source = (pos ?? line)!;
  return {
    receiptNumber: pos?.saleId ? (known?.receiptOf?.(pos.saleId) ?? null) : null,
    at: line ? Date.parse(line.at) : (pos?.at ?? null),
    approvalNumber: line?.paymentId ?? pos?.approvalNumber ?? null,
    type: source.type,
    paymentRequestId: source.paymentRequestId,
    refundRequestId: pos ? pos.refundRequestId : (line!.refundRequestId ?? null),
    channel: pos ? pos.channel : lineChannel(line!),
    posAmount: pos ? pos.amount : null,
    gatewayAmount: line ? Number(line.amount.value) : null,
  };
}

/**
 * Compares the gateway's settlement statement with the day's journal, line
 * by line. A journal payment, void or refund is `matched` by the statement
 * line of the same request id and amount, `mismatched` when the amounts
 * differ, `missingAtGateway` when there is none. A statement line is
 * `missingInPos` when the journal has nothing for it and it falls within
 * the day; lines of payments the journal books on other days are left to
 * those days. A payment the till reversed (망취소) may appear as a PAYMENT
 * and a CANCEL that cancel out: that pair matches; so does a PAYMENT alone
 * whose charge the till refunded past the cancel window (the REFUND is the
 * line of the day it was made, on its own statement date); otherwise either
 * one alone is money the till does not know about. Where both sides know what a
 * cross-border customer paid in their own currency and disagree, the line
 * is listed in `customerMismatched`.
 */
export function reconcile(
  figures: Pick<DayFigures, 'posLines' | 'reversed'>,
  window: { from: number; to: number },
  statement: { dates: string[]; lines: readonly SettlementLine[] },
  known: PosKnowledge,
  feeRates?: FeeRates,
): Reconciliation {
  const seen = new Map<string, PosLine | undefined>();
  const expected = new Map(figures.posLines.map((l) => [keyOfPos(l), l]));
  const pairs = new Map<string, SettlementLine[]>();
  const assigned: SettlementLine[] = [];
  const result = emptyReconciliation('done', null, statement.dates);
  for (const line of statement.lines) {
    const key = keyOfLine(line);
    const pos = expected.get(key);
    if (feeRates) checkFee(line, feeRates, result, () => item(pos ?? seen.get(key), line, known));
    if (seen.has(key)) {
      // A second line for the same request: the gateway booked it twice, whichever day owns the first.
      assigned.push(line);
      result.duplicates.push(item(seen.get(key), line, known));
      continue;
    }
    seen.set(key, pos);
    if (pos) {
      expected.delete(key);
      assigned.push(line);
      const gatewayChannel = lineChannel(line);
      if (pos.channel !== gatewayChannel && pos.channel !== 'other' && pos.channel !== 'cash') {
        result.walletMismatched.push({ ...item(pos, line, known), gatewayChannel });
      } else if (Number(line.amount.value) === pos.amount) result.matched += 1;
      else result.mismatched.push(item(pos, line, known));
      const theirs = line.customerAmount;
      if (pos.customer && theirs && (theirs.currency !== pos.customer.currency || Number(theirs.value) !== pos.customer.amount)) {
        result.customerMismatched.push({ ...item(pos, line), currency: pos.customer.currency, posAmount: pos.customer.amount, gatewayAmount: Number(theirs.value) });
      }
    } else if (line.type !== 'REFUND' && figures.reversed.has(line.paymentRequestId)) {
      pairs.set(line.paymentRequestId, [...(pairs.get(line.paymentRequestId) ?? []), line]);
      assigned.push(line);
    } else if (!known.bookedElsewhere(line)) {
      const at = Date.parse(line.at);
      if (at < window.from || at > window.to) continue;
      assigned.push(line);
      result.missingInPos.push(item(undefined, line, known));
    }
  }
  for (const [requestId, lines] of pairs) {
    const [payment, cancel] = [lines.find((l) => l.type === 'PAYMENT'), lines.find((l) => l.type === 'CANCEL')];
    if (lines.length === 2 && payment && cancel && payment.amount.value === cancel.amount.value) result.matched += 2;
    // A charge the till reversed too late to cancel and refunded on a later day: its REFUND is that day's line.
    else if (lines.length === 1 && payment && known.reversalRefunded?.(figures.reversed.get(requestId)!.tenderId)) result.matched += 1;
    else result.missingInPos.push(...lines.map((l) => item(undefined, l, known)));
  }
  result.missingAtGateway = [...expected.values()].map((pos) => item(pos, undefined, known));
  summarise(assigned, result);
  return result;
}

/**
 * A PAYMENT line's fee against the wallet's contracted rate (half-up, as the
 * gateway rounds; one won of slack) and its net against amount − fee.
 */
function checkFee(line: SettlementLine, rates: FeeRates, result: Reconciliation, named: () => ReconciliationItem): void {
  if (line.type !== 'PAYMENT') return;
  const amount = Number(line.amount.value);
  const fee = Number(line.fee.value);
  const net = Number(line.net.value);
  const expectedFee = Math.floor((amount * rates[line.wallet] + 5_000) / 10_000);
  if (Math.abs(fee - expectedFee) > 1 || net !== amount - fee) {
    result.feeMismatched.push({ ...named(), fee, expectedFee, net, expectedNet: amount - fee });
  }
}

/** Fees and net per wallet, and customer-currency totals, over the statement lines of the day. */
function summarise(lines: readonly SettlementLine[], result: Reconciliation): void {
  const wallets = new Map<Channel, Reconciliation['perWallet'][number]>();
  const foreign = new Map<string, Reconciliation['customerCurrency'][number]>();
  for (const line of lines) {
    const channel = lineChannel(line);
    const sign = line.type === 'PAYMENT' ? 1 : -1;
    const w = wallets.get(channel) ?? { channel, lines: 0, amount: 0, fee: 0, net: 0 };
    w.lines += 1;
    w.amount += sign * Number(line.amount.value);
    // A cancellation gives the fee back; a refund does not.
    w.fee += (line.type === 'CANCEL' ? -1 : 1) * Number(line.fee.value);
    w.net += Number(line.net.value);
    wallets.set(channel, w);
    const customer = line.customerAmount;
    if (customer && customer.currency !== line.amount.currency) {
      const key = `${channel}:${customer.currency}`;
      const c = foreign.get(key) ?? { channel, currency: customer.currency, lines: 0, amount: 0 };
      c.lines += 1;
      c.amount += sign * Number(customer.value);
      foreign.set(key, c);
    }
  }
  result.perWallet = [...wallets.values()];
  result.customerCurrency = [...foreign.values()];
}

/** The reconciliation of a day whose statement could not be fetched. */
export function unavailableReconciliation(reason: string, dates: string[]): Reconciliation {
  return emptyReconciliation('unavailable', reason, dates);
}

function emptyReconciliation(status: Reconciliation['status'], reason: string | null, dates: string[]): Reconciliation {
  return {
    status,
    reason,
    statementDates: dates,
    matched: 0,
    missingAtGateway: [],
    missingInPos: [],
    mismatched: [],
    perWallet: [],
    customerCurrency: [],
    customerMismatched: [],
    duplicates: [],
    walletMismatched: [],
    feeMismatched: [],
  };
}
