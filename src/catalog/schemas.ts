/**
 * The catalog's records: what an item is, as stored, shown and imported.
 * Pure zod, no I/O, so src/api and the renderer share them.
 */
import { z } from 'zod';

/** Korean VAT class: 과세 (10% VAT in the price) or 면세 (exempt). */
export const itemTaxSchema = z.enum(['taxable', 'tax-free']);
export type ItemTax = z.infer<typeof itemTaxSchema>;

/** Integer won (minor units); never a float. */
export const itemPriceSchema = z.number().int().min(0).max(100_000_000);

/** A product barcode as stored: GS1 digits, or the shop's Code 128 label (printable ASCII). */
export const barcodeSchema = z.string().regex(/^[\x21-\x7e]{1,48}$/, 'a barcode is 1-48 printable characters without spaces');

export const itemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/** One item of the shop's catalog. */
export const itemSchema = z.strictObject({
  id: itemIdSchema,
  /** Korean name, printed on the receipt. */
  name: z.string().trim().min(1).max(64),
  /** For the customer display in English / Chinese. */
  nameEn: z.string().trim().min(1).max(64).optional(),
  nameZh: z.string().trim().min(1).max(64).optional(),
  /** The price per piece, or per kilogram for an item sold by weight from a scale label. */
  price: itemPriceSchema,
  tax: itemTaxSchema,
  category: z.string().trim().max(32),
  barcodes: z.array(barcodeSchema).max(32),
  /** Pieces on hand; null when the shop does not count this item. */
  stock: z.number().int().min(-1_000_000).max(1_000_000).nullable(),
  active: z.boolean(),
});
export type Item = z.infer<typeof itemSchema>;

/** What settings send to add or change an item (a new item has no id yet). */
export const itemInputSchema = itemSchema.extend({ id: itemIdSchema.optional() });
export type ItemInput = z.infer<typeof itemInputSchema>;

/** One tab of quick keys: a category page with any number of keys, in the order settings gave. */
export const quickKeyTabSchema = z.strictObject({
  name: z.string().trim().min(1).max(32),
  itemIds: z.array(itemIdSchema).max(2_000),
});
export const quickKeyLayoutSchema = z.strictObject({ tabs: z.array(quickKeyTabSchema).max(100) });
export type QuickKeyLayout = z.infer<typeof quickKeyLayoutSchema>;

/** One refused row of an import: the CSV row number (header = 1), the column, why. */
export const importErrorSchema = z.strictObject({
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

/** What an import did (or, as a preview, would do). Nothing is applied while `errors` is not empty. */
export const importSummarySchema = z.strictObject({
  rows: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  errors: z.array(importErrorSchema),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
