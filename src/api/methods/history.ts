import { defineMethods } from '../contract.js';
import {
  historyDetailSchema,
  historyListSchema,
  historyQuerySchema,
  printOutcomeSchema,
  refundInputSchema,
  refundViewSchema,
} from '../schemas/history.js';
import { saleRefSchema } from '../schemas/sale.js';

/** Today's transactions, receipts, reprints, refunds and cancellations. */
export const historyMethods = defineMethods({
  'history.list': {
    summary: "Today's transactions, newest first, optionally searched",
    input: historyQuerySchema.prefault({}),
    result: historyListSchema,
  },
  'history.detail': {
    summary: "A receipt's lines, payments, refunds and what is left to refund",
    input: saleRefSchema,
    result: historyDetailSchema,
  },
  'history.reprint': {
    summary: 'Prints a receipt again, marked as a copy',
    input: saleRefSchema,
    result: printOutcomeSchema,
  },
  'history.refund': {
    summary: "Refunds a payment, or cancels it the same day in full (manager's PIN)",
    input: refundInputSchema,
    result: refundViewSchema,
  },
});
