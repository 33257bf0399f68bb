import { z } from 'zod';

/** Korean VAT class of an item: 10% VAT included in the price, or 면세 (exempt). */
export const taxClassSchema = z.enum(['taxable', 'tax-free']);

const MAX_AMOUNT = 100_000_000_000;
/** Integer minor units (won for KRW); never a float. */
export const amountSchema = z.number().int().min(0).max(MAX_AMOUNT);

/** One line of a journaled sale: VAT-inclusive unit price, quantity, its own discount. */
export const saleLineSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  unitPrice: amountSchema,
  quantity: z.number().int().min(1).max(100_000),
  tax: taxClassSchema,
  discount: amountSchema.optional(),
  /** The catalog item the line was sold from (src/payments SaleLine). */
  itemId: z.string().min(1).max(40).optional(),
});

/** 공급가액 + 부가세 + 면세 = 합계. */
export const vatSplitSchema = z.object({
  supply: z.number().int(),
  vat: z.number().int(),
  taxFree: z.number().int(),
  total: z.number().int(),
});

/** Where a sale's money stands: paid, still in flight, still due. */
export const saleBalanceSchema = z.object({
  total: z.number().int(),
  paid: z.number().int(),
  inFlight: z.number().int(),
  due: z.number().int(),
});
export type SaleBalanceView = z.infer<typeof saleBalanceSchema>;

export const saleStateSchema = z.enum(['open', 'completed', 'abandoned']);

/** A sale as the cashier's screen follows it. */
export const saleStatusSchema = z.object({
  saleId: z.string(),
  state: saleStateSchema,
  receiptNumber: z.string().nullable(),
  currency: z.string(),
  balance: saleBalanceSchema,
});
export type SaleStatus = z.infer<typeof saleStatusSchema>;

export const saleRefSchema = z.strictObject({ saleId: z.string().min(1).max(80) });

