import { businessDayEnd, businessDayStart, calendarDatesOf, kstDate } from '../src/platform/business-time.js';
import { GatewayUnreachableError } from '../src/relay/gateway.js';
import type { MerchantSettlementResponse, MerchantStatementLine } from '../src/relay/protocol.js';
import type { MerchantReconciliation, UnmatchedLine } from '../src/store/store-closeout-schema.js';

/** Where the store server reads the merchant's statement: a RelayClient enrolled as the store's back office. */
export interface MerchantStatementSource {
  merchantSettlement(businessDate: string): Promise<MerchantSettlementResponse>;
}

/** A closed till as the merchant reconciliation sees it: the terminal its Z names and what that Z reconciled. */
export interface TillTerminal {
  tillId: string;
  terminalId: string;
  /** The net of the Z's own statement lines, or null when its reconciliation was unavailable. */
  reconciledNet: number | null;
}

/** The statement's lines of every calendar date the store's day touches, or why they could not be had. */
type StatementFetch = { ok: true; merchantId: string; lines: MerchantStatementLine[] } | { ok: false; reason: string };

/**
 * The store's business day against the merchant's statement: every line of
 * the day's hours is either a closed till's (its terminal is the one that
 * till's Z reconciled line by line) or listed: a terminal no closed till
 * names, a till whose Z could not reconcile, a line booked twice, and any
 * line whose net is not its amount less its fee. The net the gateway settles
 * is set against the tills' reconciled nets, so nothing that moves money
 * passes unseen.
 */
export async function reconcileMerchant(
  source: MerchantStatementSource | undefined,
  day: { businessDate: string; cutoffHour: number; now: number },
  tills: readonly TillTerminal[],
): Promise<MerchantReconciliation> {
  // A date that has not begun in Korea has no lines yet (a day closed early, before midnight).
  const dates = calendarDatesOf(day.businessDate, day.cutoffHour).filter((date) => date <= kstDate(day.now));
  const fetched = await fetchMerchantStatements(source, dates);
  const tillsNet = tills.reduce((sum, t) => sum + (t.reconciledNet ?? 0), 0);
  if (!fetched.ok) {
    return { status: 'unavailable', reason: fetched.reason, merchantId: null, statementDates: dates, lines: 0, net: 0, tillsNet, netDifference: 0, terminals: [], unmatched: [] };
  }
  const from = businessDayStart(day.businessDate, day.cutoffHour);
  const to = businessDayEnd(day.businessDate, day.cutoffHour);
  const lines = fetched.lines.filter((line) => {
    const at = Date.parse(line.at);
    return at >= from && at < to;
  });
  const byTerminal = claimsByTerminal(tills);
  const terminals = new Map<string, MerchantReconciliation['terminals'][number]>(
    [...byTerminal.values()].map((t) => [t.terminalId, { terminalId: t.terminalId, tillId: t.tillId, lines: 0, net: 0, tillNet: t.reconciledNet }]),
  );
  const seen = new Set<string>();
  const unmatched: UnmatchedLine[] = [];
  let net = 0;
  for (const line of lines) {
    const item = unmatchedItem(line);
    net += item.net;
    const row = terminals.get(line.terminalId) ?? { terminalId: line.terminalId, tillId: null, lines: 0, net: 0, tillNet: null };
    row.lines += 1;
    row.net += item.net;
    terminals.set(line.terminalId, row);
    // Cancels give the fee back and refunds keep it: every line's net is its sign times (amount − fee).
    if (item.net !== (line.type === 'PAYMENT' ? 1 : -1) * (item.amount - item.fee)) unmatched.push({ ...item, kind: 'fee' });
    const key = `${line.type}:${line.paymentRequestId}:${line.refundRequestId ?? ''}`;
    const till = byTerminal.get(line.terminalId);
    if (seen.has(key)) unmatched.push({ ...item, kind: 'duplicate' });
    else if (!till) unmatched.push({ ...item, kind: 'unknown-terminal' });
    else if (till.reconciledNet === null) unmatched.push({ ...item, kind: 'unreconciled' });
    seen.add(key);
  }
  return {
    status: 'done',
    reason: null,
    merchantId: fetched.merchantId,
    statementDates: dates,
    lines: lines.length,
    net,
    tillsNet,
    netDifference: net - tillsNet,
    terminals: [...terminals.values()].sort((a, b) => a.terminalId.localeCompare(b.terminalId)),
    unmatched,
  };
}

/**
 * The till each terminal belongs to. Two accepted Zs naming one terminal
 * cannot both have reconciled it alone: neither claims it, so its lines are
 * listed as unreconciled rather than matched to whichever till came last.
 */
function claimsByTerminal(tills: readonly TillTerminal[]): Map<string, TillTerminal> {
  const claims = new Map<string, TillTerminal>();
  for (const till of tills) {
    const earlier = claims.get(till.terminalId);
    claims.set(till.terminalId, earlier ? { tillId: `${earlier.tillId},${till.tillId}`, terminalId: till.terminalId, reconciledNet: null } : till);
  }
  return claims;
}

function unmatchedItem(line: MerchantStatementLine): Omit<UnmatchedLine, 'kind'> {
  return {
    terminalId: line.terminalId,
    type: line.type,
    paymentRequestId: line.paymentRequestId,
    refundRequestId: line.refundRequestId ?? null,
    paymentId: line.paymentId,
    wallet: line.wallet,
    amount: Number(line.amount.value),
    fee: Number(line.fee.value),
    net: Number(line.net.value),
    at: Date.parse(line.at),
  };
}

/** Every date's statement, or none: a partial statement would invent lines missing. */
async function fetchMerchantStatements(source: MerchantStatementSource | undefined, dates: readonly string[]): Promise<StatementFetch> {
  if (!source) return { ok: false, reason: 'no relay gateway is configured for the store' };
  const lines: MerchantStatementLine[] = [];
  let merchantId: string | undefined;
  for (const date of dates) {
    let answer: MerchantSettlementResponse;
    try {
      answer = await source.merchantSettlement(date);
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      return { ok: false, reason: `merchant statement ${date}: gateway unreachable (${error.kind})` };
    }
    const { statement } = answer;
    if (answer.result.status !== 'S' || !statement) return { ok: false, reason: `merchant statement ${date}: ${answer.result.code} ${answer.result.message}` };
    if (merchantId !== undefined && statement.merchantId !== merchantId) {
      return { ok: false, reason: `merchant statement ${date} is of merchant ${statement.merchantId}, not ${merchantId}` };
    }
    merchantId = statement.merchantId;
    lines.push(...statement.lines);
  }
  return { ok: true, merchantId: merchantId ?? '', lines };
}
