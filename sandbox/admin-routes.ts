import type { IncomingMessage, ServerResponse } from 'node:http';
import { iso } from './business-time.js';
import { renderCustomerPage } from './customer-page.js';
import { type CustomerSimulator, customerPaySchema } from './customer-simulator.js';
import type { SandboxDatabase } from './database.js';
import { faultConfigSchema } from './faults.js';
import { readJsonBody, sendJson } from './http-util.js';
import { resolveDuePayments } from './payment-transitions.js';
import type { SandboxServices } from './relay-routes.js';

/** Per payment: what the sandbox's books say the customer was charged. */
export interface LedgerPaymentSummary {
  terminalId: string;
  paymentId: string;
  paymentRequestId: string;
  status: string;
  amount: number;
  /** CHARGE entries: 1 for a paid payment, 0 for one never paid, never more. */
  charges: number;
  reversals: number;
  refunded: number;
  /** Charges minus reversals minus refunds, KRW. */
  netCharged: number;
}

/** One ledger entry as the admin endpoint shows it (amounts in minor units, `at` ISO). */
export interface LedgerEntryView {
  entryId: number;
  terminalId: string;
  kind: 'CHARGE' | 'REVERSAL' | 'REFUND';
  paymentId: string;
  paymentRequestId: string;
  refundRequestId: string | null;
  wallet: string;
  amount: number;
  currency: string;
  customerAmount: number | null;
  customerCurrency: string | null;
  fee: number;
  net: number;
  at: string;
  businessDate: string;
}

/** GET /sandbox/admin/ledger: every ledger entry and a per-payment summary. */
export function ledgerReport(db: SandboxDatabase, terminalId?: string) {
  const where = terminalId === undefined ? '' : 'WHERE p.terminal_id = @terminalId';
  const payments = db
    .prepare(
      `SELECT p.terminal_id AS terminalId, p.payment_id AS paymentId, p.payment_request_id AS paymentRequestId,
        p.status, p.amount, p.refunded,
        (SELECT COUNT(*) FROM ledger l WHERE l.payment_id = p.payment_id AND l.kind = 'CHARGE') AS charges,
        (SELECT COUNT(*) FROM ledger l WHERE l.payment_id = p.payment_id AND l.kind = 'REVERSAL') AS reversals,
        (SELECT COALESCE(SUM(CASE l.kind WHEN 'CHARGE' THEN l.amount ELSE -l.amount END), 0)
           FROM ledger l WHERE l.payment_id = p.payment_id) AS netCharged
       FROM payments p ${where} ORDER BY p.created_at, p.payment_id`,
    )
    .all(terminalId === undefined ? {} : { terminalId }) as LedgerPaymentSummary[];
  const entries = (
    db
      .prepare(
        `SELECT entry_id AS entryId, terminal_id AS terminalId, kind, payment_id AS paymentId,
          payment_request_id AS paymentRequestId, refund_request_id AS refundRequestId, wallet, amount, currency,
          customer_amount AS customerAmount, customer_currency AS customerCurrency, fee, net, at, business_date AS businessDate
         FROM ledger ${terminalId === undefined ? '' : 'WHERE terminal_id = @terminalId'} ORDER BY entry_id`,
      )
      .all(terminalId === undefined ? {} : { terminalId }) as Array<
      Omit<LedgerEntryView, 'at'> & { at: number }
    >
  ).map((entry): LedgerEntryView => ({ ...entry, at: iso(entry.at) }));
  return { payments, entries };
}

/** Empties every table but the registered terminals; event ids keep growing (AUTOINCREMENT). */
export function resetSandbox(db: SandboxDatabase): void {
  db.exec(
    'DELETE FROM ledger; DELETE FROM refunds; DELETE FROM payments; DELETE FROM closed_requests; DELETE FROM events; DELETE FROM journal_records; DELETE FROM nonces; DELETE FROM key_nonces;',
  );
}

/**
 * The sandbox's unsigned endpoints: the customer phone and the admin API
 * tests and trainers use. The server listens on loopback only, which is what
 * keeps them private.
 */
export async function handleSandboxRoute(
  services: SandboxServices,
  customer: CustomerSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /sandbox/customer': {
      const html = await renderCustomerPage(customer.openOrderCodes());
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return true;
    }
    case 'POST /sandbox/customer/pay': {
      const body = await readJsonBody(req, res, customerPaySchema);
      if (body) sendJson(res, 200, customer.pay(body));
      return true;
    }
    case 'GET /sandbox/admin/ledger':
      sendJson(
        res,
        200,
        ledgerReport(services.state.db, url.searchParams.get('terminalId') ?? undefined),
      );
      return true;
    case 'GET /sandbox/admin/faults':
      sendJson(res, 200, services.faults.current());
      return true;
    case 'POST /sandbox/admin/faults': {
      const body = await readJsonBody(req, res, faultConfigSchema);
      if (body) {
        services.faults.configure(body);
        sendJson(res, 200, services.faults.current());
      }
      return true;
    }
    case 'POST /sandbox/admin/resolve':
      sendJson(res, 200, { resolved: resolveDuePayments(services.state) + services.refunds.completeDue() });
      return true;
    case 'POST /sandbox/admin/reset':
      resetSandbox(services.state.db);
      sendJson(res, 200, { reset: true });
      return true;
    default:
      return false;
  }
}
