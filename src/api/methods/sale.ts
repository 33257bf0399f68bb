import { defineMethods } from '../contract.js';
import { saleRefSchema, saleStatusSchema } from '../schemas/sale.js';

/** A journaled sale's standing (the items: methods/catalog.ts). The cart itself is the checkout session's (methods/checkout.ts). */
export const saleMethods = defineMethods({
  'sale.status': {
    summary: 'What is paid, in flight and due on a sale',
    input: saleRefSchema,
    result: saleStatusSchema,
  },
});
