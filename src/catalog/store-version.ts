/**
 * The store's catalog applied at a till (issue 18 Deliver 3): items and
 * quick keys the store server sent, written through the catalog's own
 * checks, so a price change is journaled (`catalog.price-changed`, by the
 * version that made it) as an edit at the till would be.
 */
import { canonicalJson } from '../ledger/canonical-json.js';
import type { Journal } from '../ledger/journal.js';
import type { Catalog } from './catalog.js';
import type { Item, QuickKeyLayout } from './schemas.js';

/** An item as the store manages it: the till counts its own stock. */
export type StoreCatalogItem = Omit<Item, 'stock'>;

/**
 * Writes the store's items and quick keys in one transaction (all or none).
 * Each item keeps the till's stock. A barcode that moved from one item to
 * another is let go by the first before the second takes it (the catalog
 * refuses a barcode on two items). Returns how many items changed.
 */
export function applyStoreCatalog(
  target: { catalog: Catalog; journal: Journal },
  change: { items: readonly StoreCatalogItem[]; quickKeys?: QuickKeyLayout },
  by: string,
): number {
  const { catalog, journal } = target;
  return journal.atomically(() => {
    const writes = change.items.flatMap((item) => {
      const before = catalog.get(item.id);
      const next: Item = { ...item, stock: before?.stock ?? null };
      return before && canonicalJson(before) === canonicalJson(next) ? [] : [{ before, next }];
    });
    // Free every barcode a written item is to carry: from the item that lets it go in this
    // version, or from an item of the till's own the store does not know (the store's catalog wins).
    for (const { next } of writes) {
      for (const code of next.barcodes) {
        const owner = catalog.byBarcode(code);
        if (owner && owner.id !== next.id)
          catalog.save({ ...owner, barcodes: owner.barcodes.filter((c) => c !== code) }, by);
      }
    }
    for (const { next } of writes) catalog.save(next, by);
    if (change.quickKeys) catalog.saveQuickKeys(change.quickKeys);
    return writes.length;
  });
}
