import { displayStateSchema } from './display.js';
import { paymentAlertSchema, saleChangedSchema, tenderChangedSchema } from './payment.js';
import { refundViewSchema } from './history.js';

/** Events of the payment engine and the customer display, pushed to every window. */
export const paymentEvents = {
  'payment.tender': tenderChangedSchema,
  'payment.sale': saleChangedSchema,
  'payment.refund': refundViewSchema.pick({ refundId: true, tenderId: true, state: true, amount: true }),
  'payment.alert': paymentAlertSchema,
  'display.changed': displayStateSchema,
} as const;
