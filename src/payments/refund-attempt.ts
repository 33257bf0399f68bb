import { GatewayUnreachableError, type RelayGateway } from '../relay/gateway.js';
import type { CancelResponse, RefundResponse } from '../relay/protocol.js';
import { resultClass } from '../relay/result-class.js';
import type { Logger } from '../platform/logger.js';
import { refundsInstead } from './cancel-outcomes.js';
import { VOID_REPLACED_MESSAGE, cashierMessage } from './cashier-messages.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { PaymentStore, RefundRow } from './payment-store.js';
import type { RefundRows } from './refund-rows.js';
import { recordedContent } from './returns.js';

/** What one try came to: final, to be sent again (`unknown`: it may have been processed), or continued as refund `next`. */
export interface AttemptOutcome {
  done: boolean;
  unknown: boolean;
  next?: string;
}

/**
 * One exchange of a refund or void with the gateway: the refund inquiry
 * first when an earlier try went unanswered, then the cancel or refund, and
 * what its answer means under the three result classes (result-class.ts).
 */
export class RefundAttempts {
  constructor(
    private readonly deps: {
      store: PaymentStore;
      gateway: RelayGateway;
      ids: IdFactory;
      events: PaymentEvents;
      logger: Logger;
      rows: RefundRows;
    },
  ) {}

  /**
   * One try: done (completed or failed), retry later (`unknown`: it may have
   * been processed), or continue as another refund (`next`). A refusal of the
   * request (clock, signature, nonce, malformed: result-class.ts) changes
   * nothing at the gateway: it ends a refund only when no earlier attempt can
   * have been processed; otherwise the refund stays unknown and is resent with
   * the same refundRequestId (issue 12, defect 1).
   */
  async attempt(refundId: string, uncertain: boolean): Promise<AttemptOutcome> {
    const { store, gateway, logger } = this.deps;
    const refund = store.refund(refundId)!;
    if (refund.state !== 'requested') return { done: true, unknown: false };
    const tender = store.tender(refund.tenderId)!;
    const paymentRequestId = tender.gatewayRequestId ?? tender.tenderId;
    // Left unknown by an earlier attempt: settled by refund inquiry first, never by assumption.
    if (uncertain && refund.kind === 'refund') {
      const standing = await this.settledByInquiry(refund, paymentRequestId);
      if (standing === 'completed') return { done: true, unknown: false };
      // Accepted and still processing at the gateway (asynchronous refunds): wait, do not resend.
      if (standing === 'processing') return { done: false, unknown: true };
    }
    try {
      const answer: CancelResponse | RefundResponse =
        refund.kind === 'void'
          ? await gateway.cancel({ paymentRequestId, reason: 'VOID' })
          : await gateway.refund({
              refundRequestId: refundId,
              paymentRequestId,
              amount: { currency: tender.currency, value: String(refund.amount) },
              ...(refund.reason ? { reason: refund.reason } : {}),
            });
      const kind = resultClass(answer.result);
      // Still processing (an asynchronous refund) or asked to be resent (recall=Y) is no outcome yet.
      const pending = ('refund' in answer && answer.refund?.status === 'PROCESSING') || ('recall' in answer && answer.recall === true);
      if (answer.result.status === 'S' && kind === 'outcome' && !pending) {
        this.deps.rows.complete(refundId, answer);
        return { done: true, unknown: false };
      }
      if (pending || answer.result.code === 'CANCEL_TOO_EARLY') {
        // Too early for the wallet (WeChat Pay reverses 15 s after the order at the earliest): send it again later.
        logger.warn({ refundId, code: answer.result.code }, 'the gateway asks for this to be sent again later');
        return { done: false, unknown: uncertain || pending };
      }
      if (kind === 'outcome' || (kind === 'refusal' && !uncertain)) {
        if (refund.kind === 'void' && refundsInstead(answer.result.code)) {
          // Past the gateway's cancel window: the same money goes back as a refund. The void's
          // end and the refund's start are one transaction, so no crash can leave neither (defect 4).
          const next = this.deps.ids.next('R');
          store.atomically(() => {
            const content = recordedContent(store, refundId);
            this.deps.rows.failRow(refund, answer.result.code, VOID_REPLACED_MESSAGE);
            this.deps.rows.openRow(tender, 'refund', refund.amount, refund.reason ?? undefined, refund.staffId ?? undefined, next, content);
          });
          this.deps.events.emit('refund', { refundId, tenderId: refund.tenderId, state: 'failed', amount: refund.amount });
          this.deps.events.emit('refund', { refundId: next, tenderId: refund.tenderId, state: 'requested', amount: refund.amount });
          return { done: false, unknown: false, next };
        }
        this.deps.rows.fail(refund, answer.result.code, cashierMessage(answer.result.code, answer.result.message));
        return { done: true, unknown: false };
      }
      if (kind === 'refusal') {
        logger.warn({ refundId, code: answer.result.code }, 'refund retry refused unprocessed: its outcome is still unknown');
        return { done: false, unknown: false };
      }
      logger.warn({ refundId, code: answer.result.code }, 'refund outcome unknown: will retry with the same id');
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      logger.warn({ refundId, kind: error.kind }, 'refund could not reach the gateway: will retry with the same id');
    }
    return { done: false, unknown: true };
  }

  /**
   * Asks the gateway whether a refund whose earlier attempt went unanswered
   * was made (refund inquiry); completes it if so. False when it was not, or
   * the gateway could not say: the caller sends it again with the same id.
   */
  private async settledByInquiry(refund: RefundRow, paymentRequestId: string): Promise<'completed' | 'processing' | 'open'> {
    const { gateway, logger } = this.deps;
    try {
      const answer = await gateway.inquireRefund({ refundRequestId: refund.refundId, paymentRequestId });
      const made = answer.result.status === 'S' && resultClass(answer.result) === 'outcome';
      if (!made) return 'open';
      if (answer.refund && answer.refund.amount.value !== String(refund.amount)) {
        logger.error({ refundId: refund.refundId, amount: answer.refund.amount.value }, 'the gateway reports this refund with another amount');
        return 'open';
      }
      if (answer.refund?.status === 'PROCESSING') return 'processing';
      this.deps.rows.complete(refund.refundId, answer);
      return 'completed';
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      return 'open';
    }
  }
}
