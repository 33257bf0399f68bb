import type { EventHub } from '../../src/api/index.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import type { CustomerDisplayFeed } from './customer-display-feed.js';
import type { StatusSource } from './status-source.js';

const DECLINED = new Set(['declined']);
const CANCELLED = new Set(['reversed', 'abandoned']);

/**
 * Passes the payment engine's news on: contract events for every window, the
 * outcome to the customer display, connectivity and outbox depth to the
 * status bar. Returns the function that stops it.
 */
export function forwardPaymentNotices(deps: {
  engine: PaymentEngine;
  events: EventHub;
  status: StatusSource;
  display: CustomerDisplayFeed;
}): () => void {
  const { engine, events, status, display } = deps;
  const depth = (): void => status.update({ outboxDepth: engine.store.ledger.outbox.depth() });
  const offs = [
    engine.events.on('tender', (e) => {
      events.emit('payment.tender', {
        tenderId: e.tenderId,
        saleId: e.saleId,
        method: e.method,
        from: e.from,
        to: e.to,
        amount: e.amount,
        ...(e.reasonCode ? { reasonCode: e.reasonCode } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
      });
      const tender = engine.store.tender(e.tenderId);
      display.walletSeen(tender?.wallet);
      const amount = { currency: tender?.currency ?? 'KRW', minor: e.amount };
      if (e.to === 'approved' || e.to === 'pending-confirmation') display.showResult('approved', amount);
      else if (DECLINED.has(e.to)) display.showResult('declined', amount);
      else if (CANCELLED.has(e.to)) display.showResult('cancelled', amount);
      depth();
    }),
    engine.events.on('sale', (e) => {
      events.emit('payment.sale', { saleId: e.saleId, state: e.state, ...(e.receiptNumber ? { receiptNumber: e.receiptNumber } : {}) });
      depth();
    }),
    engine.events.on('refund', (e) => {
      events.emit('payment.refund', { refundId: e.refundId, tenderId: e.tenderId, state: e.state as 'requested' | 'completed' | 'failed', amount: e.amount });
      depth();
    }),
    engine.events.on('alert', (a) => events.emit('payment.alert', { code: a.code, message: a.message, ...(a.ref ? { ref: a.ref } : {}) })),
    engine.sync.on((e) => {
      if (e.type === 'status') status.update({ gateway: e.status.connectivity, outboxDepth: e.status.depth });
    }),
  ];
  status.update({ gateway: engine.sync.status().connectivity, outboxDepth: engine.sync.status().depth });
  return () => offs.forEach((off) => off());
}
