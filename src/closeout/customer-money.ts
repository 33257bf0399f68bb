/** An amount in a cross-border customer's own currency (minor units). */
export interface CustomerMoney {
  currency: string;
  amount: number;
}

/**
 * The customer-currency amount a journal row carries, if any. Its own file:
 * the day's rows and the day's figures both read it, and neither imports the other.
 */
export function customerMoney(body: { customerCurrency?: string | null; customerAmount?: number | null }): CustomerMoney | null {
  return body.customerCurrency && typeof body.customerAmount === 'number' ? { currency: body.customerCurrency, amount: body.customerAmount } : null;
}
