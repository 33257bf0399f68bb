import { type SqliteDatabase, canonicalJson } from '../ledger/index.js';
import type { JournalRow } from '../ledger/journal-row.js';
import { parseBody } from '../platform/stored-json.js';
import { IllegalTransitionError, assertTransition, type TenderState } from './payment-states.js';
import { type PaymentRecordBodies, type PaymentRecordKind, type RefundStateBody, type TenderStateBody, paymentBodySchemas } from './records.js';

/** The kinds the projector folds into the pay_* tables; the engine's other kinds (cart, cash movements, drawer) it leaves. */
const PROJECTED_KINDS = [
  'business-day.opened',
  'business-day.closed',
  'sale.opened',
  'sale.completed',
  'sale.abandoned',
  'tender.state',
  'refund.state',
  'cash-receipt.requested',
  'cash-receipt.result',
] as const satisfies readonly PaymentRecordKind[];
type ProjectedKind = (typeof PROJECTED_KINDS)[number];
const projected = new Set<string>(PROJECTED_KINDS);

/** A journal row the projector folds, its body typed by its kind. */
type ProjectedRecord = { [K in ProjectedKind]: { kind: K; body: PaymentRecordBodies[K]; at: number; seq: number } }[ProjectedKind];

/** Raised when a journal row does not fit the projection (a state changed under the writer's feet). */
export class ProjectionConflictError extends Error {}

/**
 * Folds payment journal rows into the pay_* tables. It runs inside the
 * transaction that appends the row, so a row and its projection commit
 * together; and it refuses a tender row whose `from` is not the tender's
 * current state, which makes every transition a compare-and-set: two flows
 * racing on one payment cannot both win.
 */
export class Projector {
  private readonly statements;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = {
      openDay: db.prepare('INSERT OR IGNORE INTO pay_business_days (business_date, opened_at) VALUES (?, ?)'),
      closeDay: db.prepare('UPDATE pay_business_days SET closed_at = ? WHERE business_date = ?'),
      openSale: db.prepare(
        `INSERT INTO pay_sales (sale_id, state, business_date, currency, total, opened_at, detail)
         VALUES (@saleId, 'open', @businessDate, @currency, @total, @at, @detail)`,
      ),
      closeSale: db.prepare(
        // A sale completes on the day whose receipt numbering it takes (see SaleService.completeIfPaid).
        `UPDATE pay_sales SET state = @state, receipt_number = @receiptNumber, closed_at = @at, completed_seq = @seq,
           business_date = coalesce(@businessDate, business_date)
         WHERE sale_id = @saleId AND state = 'open'`,
      ),
      tenderState: db.prepare('SELECT state FROM pay_tenders WHERE tender_id = ?'),
      insertTender: db.prepare(
        `INSERT INTO pay_tenders (tender_id, sale_id, method, state, currency, amount, wallet, masked_code,
           bill_number, gateway_payment_id, gateway_request_id, customer_currency, customer_amount, reason_code, reason,
           requested_at, expires_at, created_at, updated_at, state_seq, detail)
         VALUES (@tenderId, @saleId, @method, @to, @currency, @amount, @wallet, @maskedCode, @billNumber,
           @gatewayPaymentId, @gatewayRequestId, @customerCurrency, @customerAmount, @reasonCode, @reason,
           NULL, @expiresAt, @at, @at, @seq, @detail)`,
      ),
      // Bound by position (moveTender): by name, each value is a lookup on a row object built for it, per move.
      updateTender: db.prepare(
        `UPDATE pay_tenders SET state = ?, updated_at = ?, state_seq = ?,
           requested_at = CASE WHEN ? THEN ? ELSE requested_at END,
           reason = coalesce(?, reason),
           reason_code = coalesce(?, reason_code),
           gateway_payment_id = coalesce(?, gateway_payment_id),
           gateway_request_id = coalesce(?, gateway_request_id),
           customer_currency = coalesce(?, customer_currency),
           customer_amount = coalesce(?, customer_amount),
           expires_at = coalesce(?, expires_at)
         WHERE tender_id = ? AND state = ?`,
      ),
      refundState: db.prepare('SELECT state FROM pay_refunds WHERE refund_id = ?'),
      insertRefund: db.prepare(
        `INSERT INTO pay_refunds (refund_id, tender_id, sale_id, kind, state, amount, reason, staff_id, requested_at, updated_at)
         VALUES (@refundId, @tenderId, @saleId, @kind, @to, @amount, @reason, @staffId, @at, @at)`,
      ),
      updateRefund: db.prepare(
        `UPDATE pay_refunds SET state = @to, updated_at = @at, reason = coalesce(@reason, reason)
         WHERE refund_id = @refundId AND state = @from`,
      ),
      addRefunded: db.prepare('UPDATE pay_tenders SET refunded = refunded + ? WHERE tender_id = ?'),
      insertCashReceipt: db.prepare(
        `INSERT INTO pay_cash_receipts (tender_id, identifier_type, masked, purpose, state, requested_seq, updated_at)
         VALUES (@tenderId, @identifierType, @masked, @purpose, 'requested', @seq, @at)
         ON CONFLICT(tender_id) DO UPDATE SET identifier_type = excluded.identifier_type, masked = excluded.masked,
           purpose = excluded.purpose, state = 'requested', approval_number = NULL, requested_seq = excluded.requested_seq,
           updated_at = excluded.updated_at`,
      ),
      cashReceiptResult: db.prepare(
        `UPDATE pay_cash_receipts SET state = @status, approval_number = @approvalNumber, updated_at = @at
         WHERE tender_id = @tenderId`,
      ),
      bumpCounter: db.prepare(
        `INSERT INTO pay_counters (name, value) VALUES (?, ?)
         ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)`,
      ),
    };
  }

  /**
   * Folds a row the engine has just appended, from the body it built: typed
   * already, so it is neither parsed back from the stored text nor checked
   * again (PaymentStore.writeInTransaction; bench/journal-append.ts).
   */
  project<K extends PaymentRecordKind>(kind: K, body: PaymentRecordBodies[K], row: { at: number; seq: number }): void {
    // K ties the body to its kind in the signature; TypeScript cannot narrow a generic to the union by itself.
    if (projected.has(kind)) this.apply({ kind, body, at: row.at, seq: row.seq } as ProjectedRecord);
  }

  /**
   * Folds a row read back from disk (the start-up comparison, `pos journal
   * rebuild`): its body is parsed against its kind's schema first, so a body
   * that does not fit is a `CorruptRecordError` naming the row, not a column
   * SQLite quietly converted (an amount stored as "4500" taken as 4,500).
   */
  replay(raw: JournalRow): void {
    if (!projected.has(raw.kind)) return;
    const kind = raw.kind as ProjectedKind;
    const body = parseBody(paymentBodySchemas[kind], raw.body, `journal row ${raw.seq} (${kind})`);
    this.apply({ kind, body, at: raw.at, seq: raw.seq } as ProjectedRecord);
  }

  private apply(record: ProjectedRecord): void {
    const { at, seq } = record;
    switch (record.kind) {
      case 'business-day.opened':
        this.statements.openDay.run(record.body.businessDate, at);
        return;
      case 'business-day.closed':
        this.statements.closeDay.run(at, record.body.businessDate);
        return;
      case 'sale.opened': {
        const body = record.body;
        // Canonical text: the same whichever order the engine built the body in or the schema parsed it into.
        this.statements.openSale.run({ ...body, at, detail: canonicalJson(body) });
        return;
      }
      case 'sale.completed': {
        const body = record.body;
        this.closeSale({ saleId: body.saleId, state: 'completed', receiptNumber: body.receiptNumber, businessDate: body.businessDate, at, seq });
        this.statements.bumpCounter.run(`receipt:${body.businessDate}`, body.receiptSeq);
        return;
      }
      case 'sale.abandoned':
        this.closeSale({ saleId: record.body.saleId, state: 'abandoned', receiptNumber: null, businessDate: null, at, seq });
        return;
      case 'tender.state':
        this.applyTender(record.body, at, seq);
        return;
      case 'refund.state':
        this.applyRefund(record.body, at);
        return;
      case 'cash-receipt.requested':
        this.statements.insertCashReceipt.run({ ...record.body, seq, at });
        return;
      case 'cash-receipt.result': {
        const body = record.body;
        this.statements.cashReceiptResult.run({ ...body, approvalNumber: body.approvalNumber ?? null, at });
        return;
      }
    }
  }

  private closeSale(row: { saleId: string; state: string; receiptNumber: string | null; businessDate: string | null; at: number; seq: number }): void {
    if (this.statements.closeSale.run(row).changes !== 1) {
      throw new ProjectionConflictError(`sale ${row.saleId} is not open`);
    }
  }

  private applyTender(body: TenderStateBody, at: number, seq: number): void {
    assertTransition(body.tenderId, body.from, body.to);
    if (body.from === null) {
      const current = this.statements.tenderState.get(body.tenderId) as { state: TenderState } | undefined;
      if (current) throw new IllegalTransitionError(body.tenderId, current.state, body.to);
      this.statements.insertTender.run({
        ...body,
        wallet: body.wallet ?? null,
        maskedCode: body.maskedCode ?? null,
        billNumber: body.billNumber ?? null,
        gatewayPaymentId: body.gatewayPaymentId ?? null,
        gatewayRequestId: body.gatewayRequestId ?? null,
        customerCurrency: body.customerCurrency ?? null,
        customerAmount: body.customerAmount ?? null,
        reason: body.reason ?? null,
        reasonCode: body.reasonCode ?? null,
        expiresAt: body.expiresAt ?? null,
        at,
        seq,
        detail: tenderDetail(body),
      });
      if (body.billSeq !== undefined) this.statements.bumpCounter.run('bill', body.billSeq);
      return;
    }
    const moved = this.statements.updateTender.run(
      body.to, at, seq, body.to === 'requested' ? 1 : 0, at, body.reason ?? null, body.reasonCode ?? null, body.gatewayPaymentId ?? null, body.gatewayRequestId ?? null,
      body.customerCurrency ?? null, body.customerAmount ?? null, body.expiresAt ?? null, body.tenderId, body.from,
    );
    if (moved.changes !== 1) {
      // The update is the compare-and-set (its WHERE names `from`), so the state is read only
      // when it missed, to say where the tender stands: one read less per move (journal_append).
      const current = this.statements.tenderState.get(body.tenderId) as { state: TenderState } | undefined;
      throw new IllegalTransitionError(body.tenderId, current?.state ?? null, body.to);
    }
  }

  private applyRefund(body: RefundStateBody, at: number): void {
    const current = this.statements.refundState.get(body.refundId) as { state: string } | undefined;
    if ((current?.state ?? null) !== body.from) {
      throw new ProjectionConflictError(`refund ${body.refundId} is ${current?.state ?? 'new'}, not ${body.from ?? 'new'}`);
    }
    const row = { ...body, reason: body.reason ?? null, staffId: body.staffId ?? null, at };
    if (body.from === null) this.statements.insertRefund.run(row);
    else this.statements.updateRefund.run(row);
    if (body.to === 'completed') this.statements.addRefunded.run(body.amount, body.tenderId);
  }
}

/**
 * The tender's `detail` column: the text older releases wrote (these keys in
 * this order, the card's keys sorted), so the start-up comparison finds an
 * upgraded till's rows equal to the replay's whatever order a body's card was built in.
 */
function tenderDetail({ tendered, change, card }: TenderStateBody): string {
  const slip = card && { approvalNumber: card.approvalNumber, cardCompany: card.cardCompany, installmentMonths: card.installmentMonths };
  return JSON.stringify({ tendered, change, card: slip });
}
