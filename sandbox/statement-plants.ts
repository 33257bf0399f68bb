import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { requestIdSchema, walletSchema } from '../src/relay/protocol.js';
import { kstDate } from '../src/platform/business-time.js';
import { readJsonBody, sendJson } from './http-util.js';
import type { SandboxState } from './sandbox-state.js';
import { feeFor } from './wallets.js';

/**
 * POST /sandbox/admin/statement-plants: plants differences in the money
 * ledger the settlement statements are read from, so close-out tests and
 * trainers can show what reconciliation finds when the gateway's books and
 * the till's journal disagree. `drop` removes a booking (missing at the
 * gateway), `amend` changes its amount (amount mismatch), `add` books a
 * payment the till never made (missing in the POS). Loopback only, like
 * every admin route.
 */
export const STATEMENT_PLANTS_PATH = '/sandbox/admin/statement-plants';

const kindSchema = z.enum(['CHARGE', 'REVERSAL', 'REFUND']).default('CHARGE');
const amountSchema = z.number().int().min(0).max(1e12);

export const statementPlantsSchema = z.strictObject({
  terminalId: z.string().min(1),
  drop: z
    .array(z.strictObject({ paymentRequestId: requestIdSchema, kind: kindSchema }))
    .default([]),
  amend: z
    .array(
      z.strictObject({ paymentRequestId: requestIdSchema, kind: kindSchema, amount: amountSchema }),
    )
    .default([]),
  add: z
    .array(
      z.strictObject({
        paymentRequestId: requestIdSchema,
        wallet: walletSchema,
        amount: amountSchema,
        at: z.iso.datetime(),
      }),
    )
    .default([]),
});
export type StatementPlants = z.input<typeof statementPlantsSchema>;

/** Applies the plants in one transaction; answers how many bookings each changed. */
export function plantStatementDifferences(
  state: SandboxState,
  plants: z.output<typeof statementPlantsSchema>,
) {
  const { db } = state;
  const drop = db.prepare(
    'DELETE FROM ledger WHERE terminal_id = ? AND payment_request_id = ? AND kind = ?',
  );
  const amend = db.prepare(
    'UPDATE ledger SET amount = @amount, net = @amount - fee WHERE terminal_id = @terminalId AND payment_request_id = @paymentRequestId AND kind = @kind',
  );
  const add = db.prepare(
    `INSERT INTO ledger (terminal_id, kind, payment_id, payment_request_id, refund_request_id, wallet, amount, currency,
      customer_amount, customer_currency, fee, net, at, business_date)
     VALUES (@terminalId, 'CHARGE', @paymentId, @paymentRequestId, NULL, @wallet, @amount, 'KRW', NULL, NULL, @fee, @net, @at, @businessDate)`,
  );
  return state.transact(() => ({
    dropped: plants.drop.reduce(
      (n, p) => n + drop.run(plants.terminalId, p.paymentRequestId, p.kind).changes,
      0,
    ),
    amended: plants.amend.reduce(
      (n, p) => n + amend.run({ terminalId: plants.terminalId, ...p }).changes,
      0,
    ),
    added: plants.add.reduce((n, p) => {
      const at = Date.parse(p.at);
      const fee = feeFor(p.wallet, p.amount);
      return (
        n +
        add.run({
          ...p,
          terminalId: plants.terminalId,
          paymentId: `PLANTED-${p.paymentRequestId}`,
          fee,
          net: p.amount - fee,
          at,
          businessDate: kstDate(at),
        }).changes
      );
    }, 0),
  }));
}

/** The route: true when it handled the request. */
export async function handleStatementPlants(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (req.method !== 'POST' || url.pathname !== STATEMENT_PLANTS_PATH) return false;
  const plants = await readJsonBody(req, res, statementPlantsSchema);
  if (plants) sendJson(res, 200, plantStatementDifferences(state, plants));
  return true;
}
