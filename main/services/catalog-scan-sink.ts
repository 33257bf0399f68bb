import type { EventHub } from '../../src/api/index.js';
import type { Catalog, ScannedLine } from '../../src/catalog/index.js';
import type { CheckoutSession } from '../../src/payments/checkout-session.js';
import { PaymentError } from '../../src/payments/errors.js';
import type { ScanSink } from './counter-scanners.js';

/** A weighed line names its weight, so the screen and the receipt show it (삼겹살 0.352kg). */
function lineName({ item, weightGrams }: ScannedLine): string {
  return weightGrams === undefined ? item.name : `${item.name} ${(weightGrams / 1000).toFixed(3)}kg`.slice(0, 64);
}

/**
 * Every scan, routed by its shape before the checkout session sees it: a
 * product adds its line at today's price (a scale label's price or weight
 * included); an unknown product, a misread check digit or a refused line is
 * told to the screens (`catalog.scan`); only EMV and wallet codes (and
 * noise, which the session refuses) reach the payment. A product barcode is
 * never sent to the gateway.
 */
export function routeScansByShape(deps: { catalog: Catalog; checkout: CheckoutSession; events: EventHub }): ScanSink {
  const { catalog, checkout, events } = deps;
  return {
    async scan(code) {
      const route = catalog.route(code);
      if (route.kind === 'payment' || route.kind === 'unrecognised') return checkout.scan(code);
      if (route.kind === 'unknown-product') return void events.emit('catalog.scan', { kind: 'unknown-product', code: route.code });
      if (route.kind === 'bad-check-digit') return void events.emit('catalog.scan', { kind: 'bad-check-digit', message: route.message });
      try {
        checkout.addLine({ itemId: route.line.item.id, name: lineName(route.line), unitPrice: route.line.unitPrice, quantity: 1, tax: route.line.item.tax });
      } catch (error) {
        if (!(error instanceof PaymentError)) throw error;
        events.emit('catalog.scan', { kind: 'refused', message: error.message });
      }
    },
  };
}
