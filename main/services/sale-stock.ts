import type { Catalog } from '../../src/catalog/index.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';

/**
 * Lowers the stock of a sale's counted items when the sale completes, and
 * forgets them when it is abandoned (the lines were held when it opened).
 * Returns the function that stops listening.
 */
export function settleStockOnSales(engine: PaymentEngine, catalog: Catalog): () => void {
  return engine.events.on('sale', (e) => {
    if (e.state === 'completed' || e.state === 'abandoned') catalog.settleSale(e.saleId, e.state === 'completed');
  });
}
