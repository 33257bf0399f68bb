import { ContractError, type HandlersFor, type historyMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';
import { refundView } from '../../src/payments/sale-history.js';
import { refusingWith } from './refusals.js';

export function historyHandlers({ till }: ServiceSet): HandlersFor<typeof historyMethods> {
  return {
    'history.list': ({ search, limit }) => till.history.list(search || undefined, limit),
    'history.detail': ({ saleId }) => {
      const detail = till.history.detail(saleId);
      if (!detail) throw new ContractError('sale-not-found', `There is no sale ${saleId}.`);
      return detail;
    },
    'history.reprint': ({ saleId }) => till.receipts.reprint(saleId),
    'history.refund': (input) => refusingWith(async () => refundView(await till.engine.refund(input))),
  };
}
