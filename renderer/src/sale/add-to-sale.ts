import type { CatalogItem } from '../../../src/api/schemas/catalog.js';
import { lineCommand } from '../components/sale/EntryField.js';
import { useCheckout } from '../stores/checkout-store.js';
import { useTender } from '../stores/tender-store.js';

/** Adds a quick key's or a search result's item to the sale at its price now; a finished payment's panel goes first. */
export function addToSale(item: Pick<CatalogItem, 'id' | 'name' | 'price' | 'tax'>): void {
  const tender = useTender.getState();
  if (['approved', 'declined', 'refused'].includes(tender.panel.kind)) tender.dismiss();
  lineCommand(() => useCheckout.getState().addItem(item));
}
