/**
 * src/catalog: the shop's items (names, prices, tax class, barcodes, stock),
 * search, quick keys, CSV import/export and the routing of a scan by its
 * shape. Import from here only.
 */
export { Catalog, CatalogError, type CatalogDeps } from './catalog.js';
export { type ScanRoute, type ScannedLine, routeScan } from './scan-lookup.js';
export { decodeCsv, readCatalogCsv, writeCatalogCsv, CSV_COLUMNS } from './csv-format.js';
export { initialsOf, isInitialsQuery } from './hangul.js';
export * from './schemas.js';
export { applyStoreCatalog, type StoreCatalogItem } from './store-version.js';
