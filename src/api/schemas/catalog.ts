import { z } from 'zod';
import { pinSchema } from '../../payments/pin-policy.js';
import { importSummarySchema, itemInputSchema, itemSchema, quickKeyLayoutSchema } from '../../catalog/schemas.js';
import { scaleFlagsSchema, scaleLayoutSchema } from '../../codes/scale-label.js';

/** A CSV file as the UI read it, base64 (it may be CP949, so not text). 50,000 rows fit well within. */
const csvFileSchema = z.base64().max(40_000_000);

export const catalogItemSchema = itemSchema;
export type CatalogItem = z.infer<typeof catalogItemSchema>;

/** The quick keys as the sale screen shows them: tabs of items. */
export const quickKeyTabsSchema = z.object({
  tabs: z.array(z.object({ name: z.string(), items: z.array(itemSchema) })),
});
export type QuickKeyTabs = z.infer<typeof quickKeyTabsSchema>;

export const catalogSearchSchema = z.strictObject({
  query: z.string().max(64),
  limit: z.number().int().min(1).max(200).default(30),
  includeInactive: z.boolean().default(false),
});

export const saveItemSchema = z.strictObject({ item: itemInputSchema, ownerPin: pinSchema });
export const saveQuickKeysSchema = z.strictObject({ layout: quickKeyLayoutSchema, ownerPin: pinSchema });
export const importCsvSchema = z.strictObject({ file: csvFileSchema });
export const applyImportSchema = z.strictObject({ file: csvFileSchema, ownerPin: pinSchema });
/** The whole catalog (prices, stock) leaves the till as a file: a manager's PIN (issue 14 point 3). */
export const catalogExportSchema = z.strictObject({ managerPin: pinSchema });
export const exportCsvSchema = z.object({ file: z.base64() });
export const adjustStockSchema = z.strictObject({
  itemId: z.string().min(1).max(40),
  stock: z.number().int().min(-1_000_000).max(1_000_000),
  reason: z.string().trim().min(1).max(80),
  pin: pinSchema,
});
export const lowStockSchema = z.strictObject({ threshold: z.number().int().min(0).max(100_000).default(5) });
export const scaleSettingsSchema = z.object({ flags: scaleFlagsSchema, layouts: z.array(scaleLayoutSchema) });
export const saveScaleFlagsSchema = z.strictObject({ flags: scaleFlagsSchema, ownerPin: pinSchema });
export { importSummarySchema };
export type ImportSummaryView = z.infer<typeof importSummarySchema>;
export type ScaleLayoutView = z.infer<typeof scaleLayoutSchema>;

/** The line a scanned product adds, priced when it was scanned (a later price change never alters it). */
export const scannedLineSchema = z.object({
  itemId: z.string(),
  name: z.string(),
  unitPrice: z.number().int(),
  tax: z.enum(['taxable', 'tax-free']),
  weightGrams: z.number().int().optional(),
});
export type ScannedLineView = z.infer<typeof scannedLineSchema>;

/** What a scan is at the counter, judged by its shape and the catalog. */
export const scanRouteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), line: scannedLineSchema }),
  /** 등록되지 않은 상품: sell it at an open price, or (owner) add it to the catalog. */
  z.object({ kind: z.literal('unknown-product'), code: z.string() }),
  z.object({ kind: z.literal('bad-check-digit'), message: z.string() }),
  z.object({ kind: z.literal('payment') }),
  z.object({ kind: z.literal('unrecognised'), message: z.string() }),
]);
export type ScanRouteView = z.infer<typeof scanRouteSchema>;
export const routeScanSchema = z.strictObject({ text: z.string().min(1).max(4096) });

/** A product scan that added no line, told to the screens (event `catalog.scan`). */
export const catalogScanEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknown-product'), code: z.string() }),
  z.object({ kind: z.literal('bad-check-digit'), message: z.string() }),
  z.object({ kind: z.literal('refused'), message: z.string() }),
]);
export type CatalogScanEvent = z.infer<typeof catalogScanEventSchema>;
