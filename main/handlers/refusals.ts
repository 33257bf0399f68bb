import { ContractError, type SaleStatus } from '../../src/api/index.js';
import { PaymentError } from '../../src/payments/errors.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';

/**
 * Runs a call into the core and passes its refusals on as contract errors
 * with the core's stable code (`cpm-offline`, `pin-invalid`, ...), which the
 * UI translates; anything else is a bug and stays an internal error.
 */
export async function refusingWith<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PaymentError) throw new ContractError(error.code, error.message);
    throw error;
  }
}

/** Where a sale stands, as the sale and payment screens follow it. */
export function saleStatus(engine: PaymentEngine, saleId: string): SaleStatus {
  const sale = engine.store.sale(saleId);
  if (!sale) throw new ContractError('sale-not-found', `There is no sale ${saleId}.`);
  return {
    saleId,
    state: sale.state,
    receiptNumber: sale.receiptNumber,
    currency: sale.currency,
    balance: engine.balance(saleId),
  };
}
