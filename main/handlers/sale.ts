import type { HandlersFor, saleMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';
import { refusingWith, saleStatus } from './refusals.js';

export function saleHandlers({ till }: ServiceSet): HandlersFor<typeof saleMethods> {
  const { engine } = till;
  return {
    'sale.open': (cart) =>
      refusingWith(() => {
        const sale = engine.openSale(cart);
        // Counted items leave the stock when the sale completes (main/services/sale-stock.ts).
        till.catalog.holdForSale(sale.saleId, cart.lines.map((l) => (l.itemId ? { itemId: l.itemId, quantity: l.quantity } : null)));
        return { ...saleStatus(engine, sale.saleId), vat: engine.store.saleOpened(sale.saleId).vat };
      }),
    'sale.status': ({ saleId }) => saleStatus(engine, saleId),
    'sale.abandon': ({ saleId, reason }) =>
      refusingWith(() => {
        engine.abandonSale(saleId, reason);
        return saleStatus(engine, saleId);
      }),
  };
}
