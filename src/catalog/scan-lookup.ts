/**
 * What a scan means at the counter, decided by its shape and the catalog:
 * a product (add it to the sale), a product the shop has not registered, a
 * misread product code, a payment, or noise. A product code never becomes a
 * payment, so it is never sent to the gateway.
 */
import { type ScaleFlags, type ScanClass, classifyScan, CodeError, priceOfWeight, readScaleLabel } from '../codes/index.js';
import type { Item } from './schemas.js';

/** The line a product scan adds: the item at the price (and weight) the label gives. */
export interface ScannedLine {
  item: Item;
  /** What this line costs per piece: the catalog's price, or the label's. */
  unitPrice: number;
  /** Set for a weighed item (grams from a scale label). */
  weightGrams?: number;
}

/** How a scan is routed. */
export type ScanRoute =
  | { kind: 'item'; code: string; line: ScannedLine }
  /** 등록되지 않은 상품: a good product code the catalog does not know (sell at an open price, or add it). */
  | { kind: 'unknown-product'; code: string }
  /** A product code whose check digit is wrong: a misread, scan again. */
  | { kind: 'bad-check-digit'; code: string; message: string }
  | { kind: 'payment'; code: string; scan: Exclude<ScanClass, { format: 'product-barcode' }> }
  | { kind: 'unrecognised'; code: string; message: string };

/** What the lookup needs of the catalog. */
export interface ScanCatalog {
  byBarcode(code: string): Item | undefined;
  scaleFlags(): ScaleFlags;
}

/**
 * Routes one scan. The catalog's own barcodes are tried first, so a shop
 * label of any shape (even one that looks like a wallet code) finds its
 * item; then scale labels; then the shape decides.
 */
export function routeScan(raw: string, catalog: ScanCatalog): ScanRoute {
  const code = raw.trim();
  const item = catalog.byBarcode(code);
  if (item?.active) return { kind: 'item', code, line: { item, unitPrice: item.price } };
  const label = readScaleLabel(code, catalog.scaleFlags());
  const weighed = label && catalog.byBarcode(label.itemKey);
  if (label && weighed?.active) {
    if (label.value === 'price') return { kind: 'item', code, line: { item: weighed, unitPrice: label.amount } };
    return { kind: 'item', code, line: { item: weighed, unitPrice: priceOfWeight(weighed.price, label.amount), weightGrams: label.amount } };
  }
  let scan: ScanClass;
  try {
    scan = classifyScan(code);
  } catch (error) {
    if (error instanceof CodeError) return { kind: 'unrecognised', code, message: error.message };
    throw error;
  }
  if (scan.format !== 'product-barcode') return { kind: 'payment', code, scan };
  if (!scan.checkDigitValid)
    return { kind: 'bad-check-digit', code, message: `wrong check digit in ${scan.symbology} ${code}: scan it again` };
  return { kind: 'unknown-product', code };
}
