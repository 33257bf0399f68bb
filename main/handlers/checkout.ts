import type { HandlersFor, checkoutMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';
import { refusingWith } from './refusals.js';

/** The checkout session's commands; each answers with the session's state. */
export function checkoutHandlers({ till }: ServiceSet): HandlersFor<typeof checkoutMethods> {
  const { checkout } = till;
  return {
    'checkout.state': () => checkout.state(),
    'checkout.addLine': ({ confirmed, ...line }) => refusingWith(() => checkout.addLine(line, { confirmed: confirmed === true })),
    'checkout.setQuantity': ({ lineId, quantity }) => refusingWith(() => checkout.setQuantity(lineId, quantity)),
    'checkout.discount': (request) => refusingWith(() => checkout.discount(request)),
    'checkout.removeLine': ({ lineId }) => refusingWith(() => checkout.removeLine(lineId)),
    'checkout.setPart': ({ amount }) => refusingWith(() => checkout.setPart(amount)),
    'checkout.payByCode': ({ code }) => refusingWith(() => checkout.payByCode(code)),
    'checkout.showQr': () => refusingWith(() => checkout.showQr()),
    'checkout.cancelQr': () => refusingWith(() => checkout.cancelQr()),
    'checkout.settleOfflineQr': (settlement) => refusingWith(() => checkout.settleOfflineQr(settlement)),
    'checkout.cash': ({ tendered, cashReceipt }) => refusingWith(() => checkout.cash(tendered, cashReceipt)),
    'checkout.cashReceipt': (ask) => refusingWith(() => checkout.cashReceipt(ask)),
    'checkout.cardSlip': ({ amount, ...slip }) => refusingWith(() => checkout.cardSlip(slip, amount)),
    'checkout.cancelSale': () => refusingWith(() => checkout.cancelSale()),
    'checkout.dismiss': () => checkout.dismiss(),
  };
}
