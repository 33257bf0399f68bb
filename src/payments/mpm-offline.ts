import { type MerchantProfile, buildDynamicMpm } from '../codes/index.js';
import { money } from '../money/index.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { RelayGateway } from '../relay/gateway.js';
import type { Payment } from '../relay/protocol.js';
import type { PaymentsConfig } from './config.js';
import type { TenderOutcome } from './cpm-flow.js';
import { SaleStateError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { MpmSession } from './mpm-flow.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { PaymentQrDisplay } from './ports.js';
import type { ReceiptNumbers } from './receipt-numbers.js';
import type { SaleService } from './sale-service.js';
import { type TenderBook, paymentFacts } from './tender-book.js';

/** What a matching pass did. */
export interface MatchReport {
  confirmed: number;
  flagged: number;
}

/** The gateway looks up at most this many bill numbers per call. */
const LOOKUP_BATCH = 200;

/**
 * Offline MPM: with the gateway unreachable the till shows a dynamic EMV QR
 * it builds itself (amount + a bill number unique on this terminal). When the
 * cashier sees the customer's paid screen the tender becomes `pending
 * confirmation` and the sale completes; the payment is confirmed later, when
 * the gateway reports a payment with that bill number (lookupByBill on sync).
 * One still unmatched after the configured time is flagged for the owner.
 */
export class OfflineMpm {
  private readonly sessions = new Map<string, (outcome: TenderOutcome) => void>();

  constructor(
    private readonly deps: {
      gateway: RelayGateway;
      store: PaymentStore;
      tenders: TenderBook;
      sales: SaleService;
      numbers: ReceiptNumbers;
      ids: IdFactory;
      config: PaymentsConfig;
      merchant: MerchantProfile;
      clock: Clock;
      events: PaymentEvents;
      logger: Logger;
      display?: PaymentQrDisplay;
    },
  ) {}

  /** Builds and shows the local QR; the tender waits for the cashier's confirmation. */
  start(saleId: string, amount: number): MpmSession {
    const { store, tenders, sales, numbers, ids, config, merchant, clock } = this.deps;
    const sale = sales.requireOpen(saleId);
    const tenderId = ids.next('P');
    const expiresAt = clock.now() + config.offlineMpm.validForSeconds * 1000;
    const { qrPayload } = store.atomically(() => {
      const bill = numbers.nextBill();
      // The terminal label (62.07) tells the gateway whose bill number this is.
      const profile = { ...merchant, terminalLabel: merchant.terminalLabel ?? config.terminalId };
      const payload = buildDynamicMpm(profile, { amount: money(amount, sale.currency), billNumber: bill.billNumber });
      tenders.open({ tenderId, saleId, method: 'mpm-offline', to: 'created', currency: sale.currency, amount, expiresAt, ...bill });
      return { qrPayload: payload };
    });
    this.deps.display?.showPaymentQr({ tenderId, qrPayload, currency: sale.currency, amount, expiresAt, offline: true });
    const outcome = new Promise<TenderOutcome>((resolve) => this.sessions.set(tenderId, resolve));
    return { tenderId, offline: true, qrPayload, expiresAt, outcome };
  }

  /**
   * The cashier saw the customer's paid screen (or saw them give up):
   * pending confirmation (queued for the gateway) or abandoned.
   */
  settle(tenderId: string, customerPaid: boolean): TenderOutcome {
    const { tenders, sales, display } = this.deps;
    const current = this.deps.store.tender(tenderId);
    if (current?.method !== 'mpm-offline') throw new SaleStateError('not-offline-qr', `Tender ${tenderId} is not an offline QR.`);
    const tender = customerPaid
      ? tenders.move(tenderId, ['created'], 'pending-confirmation', {}, { sync: true })
      : tenders.move(tenderId, ['created'], 'abandoned', { reasonCode: 'CASHIER_ABORT', reason: 'The customer did not pay.' });
    if (!tender) throw new SaleStateError('tender-settled', `Tender ${tenderId} is already ${current.state}.`);
    display?.clearPaymentQr(tenderId);
    sales.completeIfPaid(tender.saleId);
    const outcome = { tender, ...(customerPaid ? {} : { message: tender.reason ?? undefined }) };
    this.sessions.get(tenderId)?.(outcome);
    this.sessions.delete(tenderId);
    return outcome;
  }

  /**
   * Asks the gateway which offline bills were paid: confirms the matches,
   * flags the ones older than the configured time. Runs after each sync.
   */
  async match(): Promise<MatchReport> {
    const { store, gateway } = this.deps;
    const waiting = store.tendersInStates(['pending-confirmation', 'unmatched']).filter((t) => t.billNumber);
    const report: MatchReport = { confirmed: 0, flagged: 0 };
    for (let i = 0; i < waiting.length; i += LOOKUP_BATCH) {
      const batch = waiting.slice(i, i + LOOKUP_BATCH);
      const answer = await gateway.lookupByBill(batch.map((t) => t.billNumber!));
      if (answer.result.status !== 'S') continue;
      const paid = new Map(answer.payments.filter((p) => p.status === 'SUCCESS').map((p) => [p.billNumber, p]));
      for (const tender of batch) {
        const payment = paid.get(tender.billNumber!);
        if (payment) report.confirmed += this.confirm(tender, payment) ? 1 : 0;
      }
    }
    report.flagged = this.flagOverdue();
    return report;
  }

  private confirm(tender: TenderRow, payment: Payment): boolean {
    if (payment.amount.value !== String(tender.amount) || payment.amount.currency !== tender.currency) {
      this.deps.events.emit('alert', {
        code: 'offline-mpm-unmatched',
        message: `The gateway reports bill ${tender.billNumber} paid with ${payment.amount.value} ${payment.amount.currency}, not ${tender.amount}: check it.`,
        ref: tender.tenderId,
      });
      return false;
    }
    return !!this.deps.tenders.move(tender.tenderId, ['pending-confirmation', 'unmatched'], 'approved', {
      ...paymentFacts(payment),
      gatewayRequestId: payment.paymentRequestId,
    });
  }

  private flagOverdue(): number {
    const { store, tenders, clock, config, events } = this.deps;
    const cutoff = clock.now() - config.offlineMpm.unmatchedAfterMs;
    let flagged = 0;
    for (const tender of store.tendersInStates(['pending-confirmation'])) {
      if (tender.updatedAt > cutoff) continue;
      const moved = tenders.move(tender.tenderId, ['pending-confirmation'], 'unmatched', {
        reasonCode: 'OFFLINE_QR_UNMATCHED',
        reason: `No payment with bill ${tender.billNumber} reached the gateway.`,
      });
      if (!moved) continue;
      flagged++;
      events.emit('alert', {
        code: 'offline-mpm-unmatched',
        message: `Offline QR payment ${tender.billNumber} (${tender.amount}) was never confirmed by the gateway: check with the customer.`,
        ref: tender.tenderId,
      });
    }
    return flagged;
  }
}
