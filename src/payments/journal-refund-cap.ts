import type { SqliteDatabase } from '../ledger/index.js';

/**
 * What the journal says is left to refund of a cash payment: the amount its
 * first journal row took, less every refund of it the journal has not seen
 * fail. A cash refund hands money out of the drawer with no gateway to
 * object, so it is capped by the journal as well as by the projection: an
 * edited pay_tenders.amount (4,500 → 450,000) or a refund deleted from
 * pay_refunds does not raise it (issue 14 point 5). Read with json_extract
 * from the journal rows themselves, never from the pay_* tables.
 */
export function journalCashRefundable(db: SqliteDatabase, tenderId: string): number {
  const opened = db
    .prepare(
      `SELECT json_extract(body, '$.amount') AS amount FROM journal
       WHERE aggregate_id = ? AND kind = 'tender.state' AND json_extract(body, '$.from') IS NULL ORDER BY seq LIMIT 1`,
    )
    .get(tenderId) as { amount: number } | undefined;
  if (!opened) return 0;
  // Each refund's newest state (the last row per refund id wins).
  const refunds = db
    .prepare(
      `SELECT json_extract(body, '$.refundId') AS id, json_extract(body, '$.to') AS state, json_extract(body, '$.amount') AS amount
       FROM journal WHERE kind = 'refund.state' AND json_extract(body, '$.tenderId') = ? ORDER BY seq`,
    )
    .all(tenderId) as Array<{ id: string; state: string; amount: number }>;
  const latest = new Map(refunds.map((r) => [r.id, r]));
  let refunded = 0;
  for (const refund of latest.values()) if (refund.state !== 'failed') refunded += refund.amount;
  return opened.amount - refunded;
}
