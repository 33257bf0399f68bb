import { dayAfter, kstDate } from '../platform/business-time.js';
import { GatewayUnreachableError, type RelayGateway } from '../relay/gateway.js';
import type { SettlementLine } from '../relay/protocol.js';

/** The gateway's statement lines for some dates, or why they could not be had. */
export type StatementFetch = { ok: true; dates: string[]; lines: SettlementLine[] } | { ok: false; dates: string[]; reason: string };

/** A business day that stays open for a week is still one statement call per date, at most this many. */
const MAX_DATES = 7;

/**
 * The gateway settles by KST calendar date, the till by business day (which
 * may run past midnight, or for several days until the owner closes it):
 * these are the statement dates a window of the till's day touches.
 */
export function statementDates(from: number, to: number): string[] {
  const dates: string[] = [];
  for (let date = kstDate(from); date <= kstDate(to) && dates.length < MAX_DATES; date = dayAfter(date)) dates.push(date);
  return dates;
}

/** Fetches the statements of `dates`; any failure makes the whole fetch unavailable (a partial statement would invent differences). */
export async function fetchStatements(gateway: RelayGateway | undefined, dates: string[]): Promise<StatementFetch> {
  if (!gateway) return { ok: false, dates, reason: 'no relay gateway is configured' };
  // Offline, say so at once instead of making the owner wait out the timeouts.
  if (gateway.connectivity() === 'offline') return { ok: false, dates, reason: 'the gateway is unreachable (offline)' };
  const lines: SettlementLine[] = [];
  for (const date of dates) {
    try {
      const answer = await gateway.settlement(date);
      if (answer.result.status !== 'S' || !answer.statement) {
        return { ok: false, dates, reason: `statement ${date}: ${answer.result.code} ${answer.result.message}` };
      }
      lines.push(...answer.statement.lines);
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      return { ok: false, dates, reason: `statement ${date}: gateway unreachable (${error.kind})` };
    }
  }
  return { ok: true, dates, lines };
}
