import { pos } from '../client.js';
import { markScanPainted } from '../perf/scan-timing.js';
import { addScannedToSale } from '../sale/add-to-sale.js';
import { useCatalog } from '../stores/catalog-store.js';
import { usePayment } from '../stores/payment-store.js';
import { useUi } from '../stores/ui-store.js';

/**
 * One scan at the counter, routed by its shape and the catalog (the core's
 * `catalog.route`): a product adds its line (a scale label's price or
 * weight included); a good product code the shop has not registered asks
 * what to do (등록되지 않은 상품); a misread product code asks for a rescan;
 * a payment code pays. A product barcode never reaches the payment, and the
 * core refuses one there too.
 */
export async function routeCounterScan(text: string): Promise<void> {
  let route;
  try {
    route = await pos()['catalog.route']({ text });
  } catch {
    // Whatever failed, the payment flow judges the code itself and refuses a product barcode.
    return usePayment.getState().payWithCode(text);
  }
  const ui = useUi.getState();
  if (route.kind === 'item') {
    if (addScannedToSale(route.line)) markScanPainted();
    else ui.notify({ key: 'payment.busy', tone: 'warning' });
  } else if (route.kind === 'unknown-product') useCatalog.getState().askUnknown(route.code);
  else if (route.kind === 'bad-check-digit') ui.notify({ key: 'catalog.badCheckDigit', tone: 'warning' });
  else await usePayment.getState().payWithCode(text);
}
