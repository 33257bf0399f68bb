import { z } from 'zod';
import { type VatSplit, allocate, splitVat } from '../money/index.js';
import { InvalidInputError } from './errors.js';

const MAX_AMOUNT = 100_000_000_000;
const amount = z.number().int().min(0).max(MAX_AMOUNT);

/** One line of the cart; `lineId` names it for quantity, discount and removal commands. */
export const cartLineSchema = z.object({
  lineId: z.string().min(1).max(32),
  /** The catalog item the line sells (absent for an open-price line): its stock follows the sale. */
  itemId: z.string().min(1).max(40).optional(),
  name: z.string().trim().min(1).max(64),
  unitPrice: amount,
  quantity: z.number().int().min(1).max(100_000),
  tax: z.enum(['taxable', 'tax-free']),
  discount: amount,
});
export type CheckoutLine = z.infer<typeof cartLineSchema>;

/**
 * The open cart as the journal keeps it (`checkout.cart` rows): parsed on read,
 * so a till restarted mid-sale shows exactly the cart it had, or an empty one.
 */
export const cartBodySchema = z.object({
  cartId: z.string().min(1).max(80),
  lines: z.array(cartLineSchema).max(500),
  saleDiscount: amount,
  /** The next line id's number, so ids stay unique within the cart across restarts. */
  nextLine: z.number().int().min(1),
  /** The journaled sale payment started for (lines fixed from then on), if any. */
  saleId: z.string().max(80).nullable(),
});
export type CartBody = z.infer<typeof cartBodySchema>;

/** The cart's figures: each line's amount after its own discount, and the total with its VAT split. */
export interface CartTotals extends VatSplit {
  /** Before the discount on the whole sale. */
  subtotal: number;
}

/** The line's amount after its own discount. */
export function lineAmount(line: CheckoutLine): number {
  return line.unitPrice * line.quantity - line.discount;
}

/**
 * Prices the cart as the sale will be priced (src/payments/sale.ts): the
 * sale discount is spread over the lines by value before VAT.
 */
export function cartTotals(cart: Pick<CartBody, 'lines' | 'saleDiscount'>): CartTotals {
  const amounts = cart.lines.map(lineAmount);
  const subtotal = amounts.reduce((a, b) => a + b, 0);
  const discount = Math.min(cart.saleDiscount, subtotal);
  const shares = cart.lines.length > 0 && discount > 0 ? allocate(discount, amounts) : amounts.map(() => 0);
  return { ...splitVat(cart.lines.map((l, i) => ({ tax: l.tax, amount: amounts[i]! - shares[i]! }))), subtotal };
}

/** A discount of `percent` % of `value`, rounded down to whole minor units. */
export function percentOf(value: number, percent: number): number {
  return Math.floor((value * Math.min(100, Math.max(0, percent))) / 100);
}

/** What a new line is made of (an item key, or an amount typed as an open-price line). */
export const newLineSchema = cartLineSchema.omit({ lineId: true, discount: true });
export type NewLine = z.infer<typeof newLineSchema>;

/** An empty cart. */
export function emptyCart(cartId: string): CartBody {
  return { cartId, lines: [], saleDiscount: 0, nextLine: 1, saleId: null };
}

/** The cart with one more line. */
export function withLine(cart: CartBody, line: NewLine): CartBody {
  const parsed = newLineSchema.parse(line);
  return {
    ...cart,
    lines: [...cart.lines, { ...parsed, lineId: `L${cart.nextLine}`, discount: 0 }],
    nextLine: cart.nextLine + 1,
  };
}

function lineOf(cart: CartBody, lineId: string): CheckoutLine {
  const line = cart.lines.find((l) => l.lineId === lineId);
  if (!line) throw new InvalidInputError('line-not-found', `There is no line ${lineId} in this sale.`);
  return line;
}

/** The cart with a line's quantity changed; its discount never exceeds the line. */
export function withQuantity(cart: CartBody, lineId: string, quantity: number): CartBody {
  lineOf(cart, lineId);
  const q = Math.min(100_000, Math.max(1, Math.trunc(quantity)));
  return {
    ...cart,
    lines: cart.lines.map((l) => (l.lineId === lineId ? { ...l, quantity: q, discount: Math.min(l.discount, l.unitPrice * q) } : l)),
  };
}

/** The cart without a line; the sale discount goes with the last line. */
export function withoutLine(cart: CartBody, lineId: string): CartBody {
  lineOf(cart, lineId);
  const lines = cart.lines.filter((l) => l.lineId !== lineId);
  return { ...cart, lines, saleDiscount: lines.length > 0 ? cart.saleDiscount : 0 };
}

/** A discount asked for at the counter: an amount or a percent, on one line or (no line) on the sale. */
export interface DiscountRequest {
  lineId?: string | undefined;
  kind: 'amount' | 'percent';
  value: number;
}

/** The cart with a discount set (never more than what it discounts). */
export function withDiscount(cart: CartBody, request: DiscountRequest): CartBody {
  const { lineId, kind, value } = request;
  if (cart.lines.length === 0) throw new InvalidInputError('nothing-to-discount', 'There is nothing in the sale to discount.');
  const of = (gross: number): number => Math.min(gross, kind === 'percent' ? percentOf(gross, value) : value);
  if (lineId !== undefined) {
    const target = lineOf(cart, lineId);
    const discount = of(target.unitPrice * target.quantity);
    return { ...cart, lines: cart.lines.map((l) => (l === target ? { ...l, discount } : l)) };
  }
  return { ...cart, saleDiscount: of(cart.lines.reduce((a, l) => a + lineAmount(l), 0)) };
}
