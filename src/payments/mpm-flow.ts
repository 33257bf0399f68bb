import type { Logger } from '../platform/logger.js';
import type { Clock } from '../platform/clock.js';
import { GatewayUnreachableError, type RelayGateway } from '../relay/gateway.js';
import type { OrderCodeResponse } from '../relay/protocol.js';
import { cashierMessage } from './cashier-messages.js';
import type { PaymentsConfig } from './config.js';
import type { TenderOutcome } from './cpm-flow.js';
import type { IdFactory } from './ids.js';
import type { OfflineMpm } from './mpm-offline.js';
import type { PaymentResolver } from './payment-resolver.js';
import type { PaymentStore } from './payment-store.js';
import type { PaymentQrDisplay } from './ports.js';
import type { ReceiptNumbers } from './receipt-numbers.js';
import type { SaleService } from './sale-service.js';
import type { MpmSession } from './mpm-session.js';
import type { TenderBook } from './tender-book.js';
import { checkedAmount } from './tender-amount.js';

/**
 * Merchant-presented QR (MPM), online: journal `requested` → create the
 * order code at the gateway → show it with amount and expiry → the resolver
 * waits (event stream wakes it, inquiry polling is the fallback) → approved,
 * or reversed on expiry or the cashier's abort. With the gateway offline the
 * till shows a locally built QR instead (OfflineMpm).
 */
export class MpmFlow {
  constructor(
    private readonly deps: {
      gateway: RelayGateway;
      store: PaymentStore;
      tenders: TenderBook;
      sales: SaleService;
      resolver: PaymentResolver;
      numbers: ReceiptNumbers;
      offline: OfflineMpm;
      ids: IdFactory;
      config: PaymentsConfig;
      clock: Clock;
      logger: Logger;
      display?: PaymentQrDisplay;
    },
  ) {}

  /** Shows a payment QR for `amount` (default: all that is due). */
  async start(saleId: string, amount?: number): Promise<MpmSession> {
    const { gateway, store, tenders, sales, numbers, offline, ids, config, logger } = this.deps;
    const sale = sales.requireOpen(saleId);
    const value = checkedAmount(amount, sales.balance(saleId).due);
    if (gateway.connectivity() === 'offline') return offline.start(saleId, value);
    const tenderId = ids.next('P');
    const bill = store.atomically(() => {
      const next = numbers.nextBill();
      tenders.open({ tenderId, saleId, method: 'mpm', to: 'created', currency: sale.currency, amount: value, ...next });
      tenders.move(tenderId, ['created'], 'requested');
      return next;
    });
    let answer: OrderCodeResponse | undefined;
    try {
      answer = await gateway.createOrderCode({
        paymentRequestId: tenderId,
        amount: { currency: sale.currency, value: String(value) },
        orderTitle: config.orderTitle,
        billNumber: bill.billNumber,
        expireSeconds: config.mpm.expireSeconds,
      });
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
      logger.warn({ tenderId, kind: error.kind }, 'order code answer lost: outcome unknown');
    }
    const code = answer?.result.status === 'S' ? answer.orderCode : undefined;
    if (code) {
      const expiresAt = Date.parse(code.expiresAt);
      tenders.move(tenderId, ['requested'], 'awaiting-customer', { expiresAt });
      this.deps.display?.showPaymentQr({
        tenderId,
        qrPayload: code.qrPayload,
        currency: sale.currency,
        amount: value,
        expiresAt,
        offline: false,
      });
      return { tenderId, offline: false, qrPayload: code.qrPayload, expiresAt, outcome: this.finish(saleId, tenderId) };
    }
    if (answer?.result.status === 'F') {
      tenders.move(tenderId, ['requested'], 'declined', {
        reasonCode: answer.result.code,
        reason: cashierMessage(answer.result.code, answer.result.message),
      });
    } else {
      tenders.move(tenderId, ['requested'], 'unknown', { reasonCode: answer?.result.code ?? 'NO_ANSWER' });
    }
    return { tenderId, offline: false, outcome: this.finish(saleId, tenderId) };
  }

  /** The cashier gave up on an online order code: it is cancelled at the gateway. */
  abort(tenderId: string): void {
    this.deps.resolver.abort(tenderId);
  }

  private async finish(saleId: string, tenderId: string): Promise<TenderOutcome> {
    const { resolver, sales, display } = this.deps;
    try {
      const tender = await resolver.decide(tenderId);
      sales.completeIfPaid(saleId);
      return { tender, ...(tender.state === 'approved' ? {} : { message: tender.reason ?? undefined }) };
    } finally {
      display?.clearPaymentQr(tenderId);
    }
  }
}
