import type { Logger } from '../platform/logger.js';
import { type CashReceiptIdentifier, parseCashReceiptId } from './cash-receipt-id.js';
import { SaleStateError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { ReceiptPrintRequests } from './ports.js';
import { type CashReceiptIdentifierType, type CashReceiptRequestedBody, cashReceiptRequestedBodySchema } from './records.js';

/**
 * The National Tax Service's number for a 현금영수증 the shop issues on its
 * own (자진발급) when the customer gives none: the sale is still reported,
 * and the customer can claim it later on 홈택스.
 */
export const SELF_ISSUE_NUMBER = '0100001234';

/** What the cashier asks for: the customer's number (or self-issue), and 소득공제 or 지출증빙 when not the usual one. */
export interface CashReceiptAsk {
  identifier?: string;
  type?: CashReceiptIdentifierType;
  purpose?: CashReceiptIdentifier['purpose'];
  selfIssue?: boolean;
}

/** A validated ask, ready to journal with a cash tender. */
export interface CashReceiptFor extends CashReceiptIdentifier {
  selfIssued: boolean;
}

/**
 * 현금영수증 at the counter: requested with a cash tender (or right after),
 * issued through the gateway (the request rides the journal upload, so an
 * outage only delays it: the outbox retries), printed as a slip once issued,
 * and cancelled by a cash refund of that tender for the refunded amount.
 */
export class CashReceipts {
  constructor(
    private readonly deps: { store: PaymentStore; events: PaymentEvents; logger: Logger; printer?: ReceiptPrintRequests },
  ) {}

  /** Validates an ask without writing anything (so a bad number never half-takes the cash). */
  identify(ask: CashReceiptAsk): CashReceiptFor {
    const selfIssued = ask.selfIssue === true;
    const id = parseCashReceiptId(selfIssued ? SELF_ISSUE_NUMBER : (ask.identifier ?? ''), selfIssued ? 'phone' : ask.type);
    return { ...id, purpose: selfIssued ? 'deduction' : (ask.purpose ?? id.purpose), selfIssued };
  }

  /**
   * Journals the request for a cash tender taken; must run where a write
   * may (inside or outside `store.atomically`). Refused for anything but
   * cash taken, and while an earlier request for the tender stands.
   */
  request(tender: TenderRow, id: CashReceiptFor): void {
    const { store, logger } = this.deps;
    if (tender.method !== 'cash' || tender.state !== 'approved') {
      throw new SaleStateError('not-cash', 'A cash receipt can only be issued for cash taken.');
    }
    const earlier = store.cashReceipt(tender.tenderId);
    if (earlier && earlier.state !== 'failed') {
      throw new SaleStateError('cash-receipt-exists', `A cash receipt was already asked for this payment (${earlier.masked}).`);
    }
    const body: CashReceiptRequestedBody = {
      tenderId: tender.tenderId,
      saleId: tender.saleId,
      identifierType: id.type,
      identifier: id.digits,
      masked: id.masked,
      purpose: id.purpose,
      amount: tender.amount,
      ...(id.selfIssued ? { selfIssued: true } : {}),
      dependsOn: [store.recordIdAt(tender.stateSeq)],
    };
    store.write('cash-receipt.requested', tender.tenderId, body, { sync: true });
    logger.info({ tenderId: tender.tenderId, identifier: id.masked, type: id.type }, 'cash receipt requested');
  }

  /** Records the gateway's issuance answer (the sync engine's ack), and prints the slip once issued. */
  recordResult(tenderId: string, detail: Record<string, string> | undefined, rejectedCode?: string): void {
    const { store, events, printer } = this.deps;
    const issued = !rejectedCode && detail?.status !== 'failed';
    store.write('cash-receipt.result', tenderId, {
      tenderId,
      status: issued ? 'issued' : 'failed',
      ...(detail?.approvalNumber ? { approvalNumber: detail.approvalNumber } : {}),
      ...((rejectedCode ?? detail?.code) ? { code: rejectedCode ?? detail?.code } : {}),
    });
    if (!issued) {
      events.emit('alert', { code: 'cash-receipt-failed', message: 'A cash receipt could not be issued: issue it again from the sale.', ref: tenderId });
      return;
    }
    // Issued before its sale completed (the drawer was still opening): the sale receipt, printed
    // at completion, carries the 승인번호 itself, so no slip.
    const tender = store.tender(tenderId);
    const receiptNumber = tender ? store.sale(tender.saleId)?.receiptNumber : undefined;
    if (tender && receiptNumber) printer?.requestReceipt({ kind: 'cash-receipt', saleId: tender.saleId, receiptNumber, tenderId });
  }

  /**
   * A cash refund of a tender with a 현금영수증 (asked for and not failed):
   * queues its cancellation for the refunded amount. Runs inside the
   * refund's completing transaction, so neither is ever journaled alone.
   */
  cancelFor(tender: TenderRow, refundId: string, amount: number): void {
    const { store } = this.deps;
    const receipt = store.cashReceipt(tender.tenderId);
    if (!receipt || receipt.state === 'failed') return;
    const requested = store.ledger.journal.forAggregate(tender.tenderId).findLast((r) => r.kind === 'cash-receipt.requested');
    if (!requested) return;
    const asked = cashReceiptRequestedBodySchema.parse(requested.body);
    store.writeInTransaction(
      'cash-receipt.cancel-requested',
      tender.tenderId,
      {
        tenderId: tender.tenderId,
        refundId,
        saleId: tender.saleId,
        identifierType: asked.identifierType,
        identifier: asked.identifier,
        masked: asked.masked,
        purpose: asked.purpose,
        amount,
        ...(receipt.approvalNumber ? { originalApproval: receipt.approvalNumber } : {}),
        dependsOn: [requested.recordId],
      },
      { sync: true },
    );
  }

  /** Records the gateway's answer to a cancellation (the sync engine's ack). */
  recordCancelResult(tenderId: string, refundId: string, detail: Record<string, string> | undefined, rejectedCode?: string): void {
    const cancelled = !rejectedCode && detail?.status !== 'failed';
    this.deps.store.write('cash-receipt.cancel-result', tenderId, {
      tenderId,
      refundId,
      status: cancelled ? 'cancelled' : 'failed',
      ...(detail?.approvalNumber ? { approvalNumber: detail.approvalNumber } : {}),
      ...((rejectedCode ?? detail?.code) ? { code: rejectedCode ?? detail?.code } : {}),
    });
    if (!cancelled) {
      this.deps.events.emit('alert', { code: 'cash-receipt-cancel-failed', message: 'A cash receipt could not be cancelled after a refund: call support.', ref: tenderId });
    }
  }
}
