import { z } from 'zod';
import { type VatSplit, allocate, splitVat } from '../money/index.js';
import type { SaleLine } from './records.js';

const MAX_AMOUNT = 100_000_000_000;

/** A cart as the cashier's screen hands it over: validated at the core's edge. */
export const cartSchema = z
  .object({
    // Korean shops price in won: the customer's own currency is a fact of a wallet tender, never of
    // the cart (a CNY cart's minor units would be added to the Z as won; issue 12, defect 10).
    currency: z.literal('KRW', { error: 'a sale is priced in won (KRW)' }).default('KRW'),
    lines: z
      .array(
        z.object({
          itemId: z.string().min(1).max(40).optional(),
          name: z.string().trim().min(1).max(64),
          unitPrice: z.number().int().min(0).max(MAX_AMOUNT),
          quantity: z.number().int().min(1).max(100_000),
          tax: z.enum(['taxable', 'tax-free']),
          discount: z.number().int().min(0).max(MAX_AMOUNT).optional(),
        }),
      )
      .min(1)
      .max(500),
    saleDiscount: z.number().int().min(0).max(MAX_AMOUNT).default(0),
    cashierId: z.string().max(64).optional(),
  })
  .superRefine((cart, ctx) => {
    cart.lines.forEach((line, i) => {
      if ((line.discount ?? 0) > line.unitPrice * line.quantity) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'discount'], message: 'discount is more than the line' });
      }
    });
    if (cart.saleDiscount > cart.lines.reduce((a, l) => a + l.unitPrice * l.quantity - (l.discount ?? 0), 0)) {
      ctx.addIssue({ code: 'custom', path: ['saleDiscount'], message: 'discount is more than the sale' });
    }
  });
export type Cart = z.input<typeof cartSchema>;
type ParsedCart = z.output<typeof cartSchema>;

/** A priced sale: what each line costs after discounts, the total and its VAT split. */
export interface PricedSale {
  currency: string;
  lines: SaleLine[];
  saleDiscount: number;
  /** Each line's amount after its own and its share of the sale discount. */
  lineTotals: number[];
  total: number;
  vat: VatSplit;
  cashierId?: string;
}

/**
 * Prices a cart. The sale discount is spread over the lines in proportion
 * to their value (largest remainder, so the won add up), because VAT must be
 * computed on what taxable lines really sold for: a discount on a mixed
 * basket lowers both the taxable and the tax-free parts.
 */
export function priceSale(cart: Cart | ParsedCart): PricedSale {
  const parsed = cartSchema.parse(cart);
  const afterLineDiscounts = parsed.lines.map((l) => l.unitPrice * l.quantity - (l.discount ?? 0));
  const shares = allocate(parsed.saleDiscount, afterLineDiscounts);
  const lineTotals = afterLineDiscounts.map((amount, i) => amount - shares[i]!);
  const vat = splitVat(parsed.lines.map((l, i) => ({ tax: l.tax, amount: lineTotals[i]! })));
  return {
    currency: parsed.currency,
    lines: parsed.lines,
    saleDiscount: parsed.saleDiscount,
    lineTotals,
    total: vat.total,
    vat,
    ...(parsed.cashierId ? { cashierId: parsed.cashierId } : {}),
  };
}
