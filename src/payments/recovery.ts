import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { GatewayEvent } from '../relay/protocol.js';
import type { PaymentEvents } from './events.js';
import { NOTHING_TO_CANCEL } from './cancel-outcomes.js';
import type { PaymentResolver } from './payment-resolver.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { Refunds } from './refunds.js';
import type { SaleService } from './sale-service.js';
import type { TenderBook } from './tender-book.js';

/** What start-up found to resume. */
export interface RecoveryReport {
  tenders: number;
  refunds: number;
  /** Settles when every resumed payment and refund has reached a final state. */
  settled: Promise<void>;
}

/** Reversed payments younger than this are asked about once more at start-up (late successes). */
const LATE_SUCCESS_WINDOW_MS = 24 * 3_600_000;

/**
 * Start-up recovery and late successes. Every tender not in a final state is
 * handed to the resolver (a `requested` one is "maybe sent": it is inquired
 * about with its own paymentRequestId, never sent again), refunds in flight
 * are resent with their refundRequestId, and sales whose tenders now cover
 * them are completed. A success that surfaces after a payment was reversed
 * (event stream or the start-up audit) is recorded and reversed again.
 */
export class Recovery {
  private readonly checking = new Set<string>();

  constructor(
    private readonly deps: {
      store: PaymentStore;
      tenders: TenderBook;
      resolver: PaymentResolver;
      refunds: Refunds;
      sales: SaleService;
      events: PaymentEvents;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** Resumes everything a stop left open. */
  resume(): RecoveryReport {
    const { store, resolver, refunds, sales, logger } = this.deps;
    const open = store
      .tendersInStates(['created', 'requested', 'awaiting-customer', 'unknown', 'inquiring', 'reversing'])
      // An offline QR in `created` waits for the cashier, who saw (or not) the customer pay.
      .filter((t) => !(t.method === 'mpm-offline' && t.state === 'created'));
    const tenderWork = open.map((t) => resolver.resolve(t.tenderId).then((done) => void sales.completeIfPaid(done.saleId)));
    const refundWork = refunds.resumeAll();
    for (const sale of store.salesInState('open')) sales.completeIfPaid(sale.saleId);
    const audit = this.auditReversals();
    logger.info({ tenders: open.length, refunds: refundWork.length }, 'recovery: resuming open payments');
    // Never rejects: a failure is logged, and the next start resumes whatever is still open.
    const settled = Promise.allSettled([...tenderWork, ...refundWork, audit]).then((results) => {
      for (const r of results) if (r.status === 'rejected') logger.error({ err: r.reason }, 'recovery: a resumed payment failed');
    });
    return { tenders: open.length, refunds: refundWork.length, settled };
  }

  /**
   * Applies a gateway event idempotently: wakes the tender's driver, or
   * checks a success of a reversed payment. An event is a hint, never the
   * truth: a duplicated, replayed or reordered success (sent before the
   * cancel the gateway acknowledged) must not reverse twice, so the gateway
   * is asked where the payment stands now and only a payment still charged
   * is a late success (Alipay+: a success notified after a successful cancel
   * is ignored; issue 12, defect 9).
   */
  onGatewayEvent(event: GatewayEvent): void {
    const tender = this.deps.store.tender(event.payment.paymentRequestId);
    if (!tender) return;
    // A success of a payment whose reversal was refunded (past the cancel window) is not late: it was given back.
    if (event.type === 'payment.succeeded' && tender.state === 'reversed' && tender.refunded < tender.amount) {
      this.checkLateSuccess(tender);
      return;
    }
    this.deps.resolver.wake(tender.tenderId);
  }

  /** One inquiry per reversed tender at a time; a success the gateway confirms is reversed again. */
  private checkLateSuccess(tender: TenderRow): void {
    const { resolver, logger } = this.deps;
    if (this.checking.has(tender.tenderId)) return;
    this.checking.add(tender.tenderId);
    resolver
      .inquire(tender.tenderId)
      .then((verdict) => {
        if (verdict.kind === 'paid') this.reverseLateSuccess(tender);
      })
      .catch((error: unknown) => logger.error({ err: error }, 'late success check failed'))
      .finally(() => this.checking.delete(tender.tenderId));
  }

  /**
   * Asks once more about recent reversals the gateway answered with "nothing
   * to cancel", in case the request arrived after all and succeeded.
   */
  private async auditReversals(): Promise<void> {
    const { store, resolver, clock } = this.deps;
    const since = clock.now() - LATE_SUCCESS_WINDOW_MS;
    for (const tender of store.tendersInStates(['reversed'])) {
      if (tender.updatedAt < since || !NOTHING_TO_CANCEL.has(tender.reasonCode ?? '')) continue;
      const verdict = await resolver.inquire(tender.tenderId);
      if (verdict.kind === 'paid') this.reverseLateSuccess(tender);
    }
  }

  private reverseLateSuccess(tender: TenderRow): void {
    const { tenders, resolver, events, logger } = this.deps;
    const moved = tenders.move(tender.tenderId, ['reversed'], 'reversing', {
      reasonCode: 'LATE_SUCCESS',
      reason: 'The wallet reported this payment paid after it was cancelled; it is being given back.',
    });
    if (!moved) return;
    logger.warn({ tenderId: tender.tenderId }, 'late success after reversal: reversing again');
    events.emit('alert', {
      code: 'late-success-reversed',
      message: 'A cancelled payment was reported paid afterwards; the money is being returned to the customer.',
      ref: tender.tenderId,
    });
    resolver.resolve(tender.tenderId).catch((error: unknown) => logger.error({ err: error }, 'late success reversal failed'));
  }
}
