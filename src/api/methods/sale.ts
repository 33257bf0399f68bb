import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import { catalogSchema, saleRefSchema, saleStatusSchema } from '../schemas/sale.js';

/** A journaled sale's standing, and the shop's item list. The cart itself is the checkout session's (methods/checkout.ts). */
export const saleMethods = defineMethods({
  'sale.status': {
    summary: 'What is paid, in flight and due on a sale',
    input: saleRefSchema,
    result: saleStatusSchema,
  },
  'sale.catalog': {
    summary: "The shop's item list (quick keys)",
    input: noInput,
    result: catalogSchema,
  },
  'sale.saveCatalog': {
    summary: 'Replaces the item list',
    input: catalogSchema,
    result: catalogSchema,
  },
});
