import { type VatSplit, allocate, splitVat } from '../../../src/money/index.js';
import type { CartLine as ContractLine } from '../../../src/api/schemas/sale.js';

/** A line of the cart being rung up; `id` is only the screen's key for it. */
export interface CartLine {
  id: string;
  name: string;
  unitPrice: number;
  quantity: number;
  tax: ContractLine['tax'];
  discount: number;
  /** The catalog item rung up (its stock); left out for an open-price line. */
  itemId?: string;
  /** A weighed item's weight from its scale label, shown on the line. */
  weightGrams?: number;
}

/** The line's amount after its own discount. */
export function lineAmount(line: CartLine): number {
  return line.unitPrice * line.quantity - line.discount;
}

export interface CartTotals extends VatSplit {
  /** Before the discount on the whole sale. */
  subtotal: number;
}

/**
 * The running total with its VAT split, priced as the payment engine prices
 * a sale (src/payments/sale.ts): the sale discount is spread over the lines
 * by value before VAT, so the screen shows what the receipt will print.
 */
export function cartTotals(lines: readonly CartLine[], saleDiscount: number): CartTotals {
  const amounts = lines.map(lineAmount);
  const subtotal = amounts.reduce((a, b) => a + b, 0);
  const discount = Math.min(saleDiscount, subtotal);
  const shares = lines.length > 0 && discount > 0 ? allocate(discount, amounts) : amounts.map(() => 0);
  return { ...splitVat(lines.map((l, i) => ({ tax: l.tax, amount: amounts[i]! - shares[i]! }))), subtotal };
}

/** A discount of `percent` % of `amount`, rounded down to whole minor units. */
export function percentOf(amount: number, percent: number): number {
  return Math.floor((amount * Math.min(100, Math.max(0, percent))) / 100);
}
