import type { CatalogItem, ScannedLineView } from '../../../src/api/schemas/catalog.js';
import { useCart } from '../stores/cart-store.js';
import { type Panel, usePayment } from '../stores/payment-store.js';

/** While money is on its way the basket stays as it is. */
export function inFlight(panel: Panel): boolean {
  return panel.kind === 'mpm' || panel.kind === 'unknown' || (panel.kind === 'cpm' && panel.busy);
}

/** A finished payment's panel goes when the next sale's first item comes. */
function startNextSale(): boolean {
  const payment = usePayment.getState();
  if (inFlight(payment.panel)) return false;
  if (['approved', 'declined', 'refused'].includes(payment.panel.kind)) payment.dismiss();
  return true;
}

/** Adds a quick key's or a search result's item to the sale at its price now. */
export function addToSale(item: Pick<CatalogItem, 'id' | 'name' | 'price' | 'tax'>): void {
  if (startNextSale()) useCart.getState().addItem(item);
}

/** Adds the line of a scanned product (a weighed label's line included). */
export function addScannedToSale(line: ScannedLineView): boolean {
  if (!startNextSale()) return false;
  useCart.getState().addScannedLine(line);
  return true;
}
