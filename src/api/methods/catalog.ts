import { z } from 'zod';
import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import {
  adjustStockSchema,
  applyImportSchema,
  catalogItemSchema,
  catalogSearchSchema,
  catalogExportSchema,
  exportCsvSchema,
  importCsvSchema,
  importSummarySchema,
  lowStockSchema,
  quickKeyTabsSchema,
  routeScanSchema,
  saveItemSchema,
  saveQuickKeysSchema,
  saveScaleFlagsSchema,
  scaleSettingsSchema,
  scanRouteSchema,
} from '../schemas/catalog.js';

/** The shop's catalog: quick keys, search, scans, items, CSV, stock, scale labels. */
export const catalogMethods = defineMethods({
  'catalog.quickKeys': { summary: 'The quick-key tabs of the sale screen', input: noInput, result: quickKeyTabsSchema },
  'catalog.saveQuickKeys': { summary: "Arranges the quick-key tabs (owner's PIN)", input: saveQuickKeysSchema, result: quickKeyTabsSchema },
  'catalog.search': { summary: 'Items by name, 초성, part of a barcode or price, while typing', input: catalogSearchSchema, result: z.array(catalogItemSchema) },
  'catalog.route': { summary: 'What a scan is: an item line, an unknown product, a payment code or noise', input: routeScanSchema, result: scanRouteSchema },
  'catalog.saveItem': { summary: "Adds or changes an item (owner's PIN; a price change is journaled)", input: saveItemSchema, result: catalogItemSchema },
  'catalog.previewImport': { summary: 'What importing a CSV would do, every bad row named', input: importCsvSchema, result: importSummarySchema },
  'catalog.import': { summary: "Imports a CSV: every row, or none when any is bad (owner's PIN)", input: applyImportSchema, result: importSummarySchema },
  'catalog.export': { summary: "The catalog as CSV (UTF-8 with BOM), base64 (manager's PIN)", input: catalogExportSchema, result: exportCsvSchema },
  'catalog.adjustStock': { summary: "Sets an item's stock with a reason (manager's PIN; journaled)", input: adjustStockSchema, result: catalogItemSchema },
  'catalog.lowStock': { summary: 'Counted items at or below the threshold', input: lowStockSchema, result: z.array(catalogItemSchema) },
  'catalog.scaleSettings': { summary: 'Which scale-label layout each in-store prefix 20-29 uses', input: noInput, result: scaleSettingsSchema },
  'catalog.saveScaleFlags': { summary: "Sets the scale-label layouts (owner's PIN)", input: saveScaleFlagsSchema, result: scaleSettingsSchema },
});
