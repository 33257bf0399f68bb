import type { HandlersFor, TenderOutcomeView, paymentMethods } from '../../src/api/index.js';
import type { TenderOutcome } from '../../src/payments/cpm-flow.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import type { ServiceSet } from '../compose.js';
import { tenderView } from '../services/sale-history.js';
import { refusingWith, saleStatus } from './refusals.js';

function outcomeView(engine: PaymentEngine, outcome: TenderOutcome): TenderOutcomeView {
  return {
    tender: tenderView(outcome.tender),
    ...(outcome.message ? { message: outcome.message } : {}),
    sale: saleStatus(engine, outcome.tender.saleId),
  };
}

export function paymentHandlers({ till }: ServiceSet): HandlersFor<typeof paymentMethods> {
  const { engine } = till;
  return {
    'payment.payByCode': ({ saleId, code, amount }) =>
      refusingWith(async () => outcomeView(engine, await engine.payByCode(saleId, code, amount))),
    'payment.showQr': ({ saleId, amount }) =>
      refusingWith(async () => {
        const session = await engine.showPaymentQr(saleId, amount);
        // The outcome arrives as payment.tender events; the promise is only kept from rejecting unhandled.
        session.outcome.catch(() => undefined);
        return {
          tenderId: session.tenderId,
          offline: session.offline,
          qrPayload: session.qrPayload ?? null,
          expiresAt: session.expiresAt ?? null,
          sale: saleStatus(engine, saleId),
        };
      }),
    'payment.cancelQr': ({ tenderId }) =>
      refusingWith(() => {
        engine.abortPaymentQr(tenderId);
        return { cancelled: true };
      }),
    'payment.settleOfflineQr': ({ tenderId, customerPaid }) =>
      refusingWith(() => outcomeView(engine, engine.settleOfflineQr(tenderId, customerPaid))),
    'payment.cash': ({ saleId, tendered }) =>
      refusingWith(async () => {
        const taken = await engine.takeCash(saleId, tendered);
        return { ...outcomeView(engine, { tender: taken.tender }), change: taken.change };
      }),
  };
}
