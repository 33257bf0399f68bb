import type { CatalogScanEvent } from '../../../src/api/schemas/catalog.js';
import { pos } from '../client.js';
import { useCatalog } from '../stores/catalog-store.js';
import { useUi } from '../stores/ui-store.js';

/**
 * What the core's scan routing (main/services/catalog-scan-sink.ts) tells the
 * screen about a product scan that added no line: 등록되지 않은 상품 (sell it
 * at a typed price, or add it), a misread check digit, or a line change the
 * session refused. Lines themselves arrive in the session's state.
 */
export function listenProductScans(): () => void {
  return pos().on('catalog.scan', (event: CatalogScanEvent) => {
    if (event.kind === 'unknown-product') {
      useUi.getState().show('sale');
      return useCatalog.getState().askUnknown(event.code);
    }
    useUi.getState().notify(event.kind === 'bad-check-digit' ? { key: 'catalog.badCheckDigit', tone: 'warning' } : { key: 'catalog.scanRefused', fallback: event.message, tone: 'warning' });
  });
}
