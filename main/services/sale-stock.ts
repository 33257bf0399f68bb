import type { Catalog } from '../../src/catalog/index.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';

/**
 * Tells the catalog when a sale or a refund completes, so it reads the
 * journal's new rows and moves the stock (src/catalog/sale-stock.ts); what a
 * stop in between left unread it reads at the next start. Returns the
 * function that stops listening.
 */
export function settleStockOnSales(engine: PaymentEngine, catalog: Catalog): () => void {
  const offs = [
    engine.events.on('sale', (e) => {
      if (e.state === 'completed') catalog.followSales();
    }),
    engine.events.on('refund', (e) => {
      if (e.state === 'completed') catalog.followSales();
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
