import { createHash } from 'node:crypto';
import type { EventLog } from './event-log.js';
import { type GatewayPayments, type PaymentRow, toPayment } from './gateway-payments.js';

/**
 * Late reports (docs/relay-protocol.md, "Late reports"). The gateway did not
 * create the payment a customer makes to a till's offline QR: it hears of it
 * only from the wallet's asynchronous notification, and real notifications
 * come late. WeChat Pay resends an unacknowledged one at 15s/15s/30s/3m/10m/…
 * for 24h4m and "cannot ensure successful receipt"; Alipay+ tells the acquirer
 * to inquire when no notification came within a minute. So a share of these
 * payments reaches the bill lookup (and the event stream) only `delayMs`
 * after the customer paid, though the money moved at once.
 */
export interface LateReports {
  /** The share of offline-bill payments reported late, 0 to 1. */
  share: number;
  /** How long after the payment those reach the gateway. */
  delayMs: number;
}

export const NO_LATE_REPORTS: LateReports = { share: 0, delayMs: 0 };

/**
 * When the gateway hears of a payment to `billNumber` of `terminalId` made at
 * `paidAt`; null: at once. Which bills are late is a function of the bill, so
 * a run with the same bills (a chaos seed) is late on the same ones.
 */
export function reportTime(late: LateReports, terminalId: string, billNumber: string, paidAt: number): number | null {
  if (late.share <= 0 || late.delayMs <= 0) return null;
  const draw = createHash('sha256').update(`${terminalId}\n${billNumber}`).digest().readUInt32BE(0) / 2 ** 32;
  return draw < late.share ? paidAt + late.delayMs : null;
}

/** Whether the gateway has heard of the payment by `now`. */
export function isReported(row: PaymentRow, now: number): boolean {
  return row.reported_at === null || row.reported_at <= now;
}

/**
 * A payment whose late report has come: the gateway now knows it, and its event goes out.
 * Takes only the two stores it writes, not SandboxState, whose settings name LateReports (no import loop).
 */
export function reportIfDue(state: { payments: GatewayPayments; events: EventLog }, row: PaymentRow, now: number): void {
  if (row.reported_at === null || row.reported_at > now) return;
  const at = row.reported_at;
  row.reported_at = null;
  state.payments.update(row);
  state.events.append(row.terminal_id, 'payment.succeeded', toPayment(row), at);
}
