import type { z } from 'zod';
import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import {
  addLineSchema,
  cardSlipSchema,
  cashReceiptAskSchema,
  checkoutStateSchema,
  discountSchema,
  lineRefSchema,
  payByCodeSchema,
  setPartSchema,
  setQuantitySchema,
  settleOfflineQrSchema,
  takeCashSchema,
} from '../schemas/checkout.js';

const command = <I extends z.ZodType>(summary: string, input: I) => ({ summary, input, result: checkoutStateSchema });

/**
 * The till's checkout session (src/payments/checkout-session.ts): every
 * command answers with the session's state, also pushed as `checkout.changed`.
 * Line changes are refused (`sale-locked`) once a tender is in flight or taken.
 */
export const checkoutMethods = defineMethods({
  'checkout.state': command('The cart and the sale being paid, as every screen shows them', noInput),
  'checkout.addLine': command('Adds an item or an open-price line', addLineSchema),
  'checkout.setQuantity': command("Sets a line's quantity", setQuantitySchema),
  'checkout.discount': command('A discount (amount or percent) on a line, or on the sale', discountSchema),
  'checkout.removeLine': command('Takes a line out of the sale', lineRefSchema),
  'checkout.setPart': command('Split tender: the part of what is due the next tender takes', setPartSchema),
  'checkout.payByCode': command("CPM: pays with the customer's wallet code; answers once the outcome is settled", payByCodeSchema),
  'checkout.showQr': command('MPM: shows a payment QR on the customer display (a local QR while offline)', noInput),
  'checkout.cancelQr': command('Takes the payment QR down (offline: the customer did not pay)', noInput),
  'checkout.settleOfflineQr': command("Offline QR: the cashier saw the customer's paid screen, or saw them give up", settleOfflineQrSchema),
  'checkout.cash': command('Cash handed over: covers what is due (or the part) and returns the change; a 현금영수증 with it', takeCashSchema),
  'checkout.cashReceipt': command('현금영수증 right after the sale, for its cash (phone, business number or card; or self-issue)', cashReceiptAskSchema),
  'checkout.cardSlip': command("A card paid on the shop's card terminal: records its slip (approval number, card company, 할부)", cardSlipSchema),
  'checkout.cancelSale': command('Cancels the sale (refused once money was taken) and empties the cart', noInput),
  'checkout.dismiss': command('The cashier saw the last outcome', noInput),
});
