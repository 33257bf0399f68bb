import { defineMethods } from '../contract.js';
import {
  abandonSaleSchema,
  cartInputSchema,
  saleOpenedSchema,
  saleRefSchema,
  saleStatusSchema,
} from '../schemas/sale.js';

/** The sale being rung up: journaled when payment starts, with its lines, discounts and VAT split. */
export const saleMethods = defineMethods({
  'sale.open': {
    summary: 'Journals the cart as a sale (lines, discounts, VAT) before the first payment',
    input: cartInputSchema,
    result: saleOpenedSchema,
  },
  'sale.status': {
    summary: 'What is paid, in flight and due on a sale',
    input: saleRefSchema,
    result: saleStatusSchema,
  },
  'sale.abandon': {
    summary: 'Cancels an open sale nothing was taken for',
    input: abandonSaleSchema,
    result: saleStatusSchema,
  },
});
