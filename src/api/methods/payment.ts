import { z } from 'zod';
import { defineMethods } from '../contract.js';
import {
  cashOutcomeSchema,
  payByCodeSchema,
  qrSessionSchema,
  settleOfflineQrSchema,
  showQrSchema,
  takeCashSchema,
  tenderOutcomeSchema,
  tenderRefSchema,
} from '../schemas/payment.js';

/** Taking money: the customer's code (CPM), the shop's QR (MPM), cash. */
export const paymentMethods = defineMethods({
  'payment.payByCode': {
    summary: "CPM: pays with the customer's scanned wallet code; answers once the outcome is settled",
    input: payByCodeSchema,
    result: tenderOutcomeSchema,
  },
  'payment.showQr': {
    summary: 'MPM: shows a payment QR on the customer display (a local QR while offline)',
    input: showQrSchema,
    result: qrSessionSchema,
  },
  'payment.cancelQr': {
    summary: 'Takes an online payment QR down; the gateway cancels its order',
    input: tenderRefSchema,
    result: z.object({ cancelled: z.boolean() }),
  },
  'payment.settleOfflineQr': {
    summary: "Offline QR: the cashier saw the customer's paid screen, or saw them give up",
    input: settleOfflineQrSchema,
    result: tenderOutcomeSchema,
  },
  'payment.cash': {
    summary: 'Cash handed over: covers what is due and returns the change',
    input: takeCashSchema,
    result: cashOutcomeSchema,
  },
});
