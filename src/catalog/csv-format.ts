/**
 * The catalog's CSV, as a shop keeps it in Excel: columns
 * `barcode,name,price,tax,category[,stock]`, several barcodes separated by
 * `|`, tax as 과세/면세 or taxable/tax-free. Excel in Korea saves CP949
 * unless told "CSV UTF-8" (which adds a BOM), so all three are read.
 */
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { GS1_NUMERIC, parseProductBarcode } from '../codes/index.js';
import { type ImportError, type Item, type ItemTax, barcodeSchema, itemPriceSchema } from './schemas.js';

export const CSV_COLUMNS = ['barcode', 'name', 'price', 'tax', 'category', 'stock'] as const;

const TAX_WORDS: Readonly<Record<string, ItemTax>> = { 과세: 'taxable', taxable: 'taxable', 면세: 'tax-free', 'tax-free': 'tax-free' };

/** One good row of an import: what the item should become. Row 1 is the header. */
export interface CsvItemRow {
  row: number;
  barcodes: string[];
  name: string;
  price: number;
  tax: ItemTax;
  category: string;
  /** Undefined when the file has no stock column or the cell is empty: the count is left as it is. */
  stock: number | undefined;
}

/** A file read: its good rows and a reason for every bad one. */
export interface CsvRead {
  rows: number;
  items: CsvItemRow[];
  errors: ImportError[];
}

/** The text of a CSV file: UTF-8 with or without BOM, else CP949 (Korean Excel's "CSV"). */
export function decodeCsv(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.toString('utf8', 3);
  // isUtf8 then toString: a quarter of a fatal TextDecoder's time on a 50,000-row file (issue 17: import under 3 s).
  return isUtf8(buffer) ? buffer.toString('utf8') : iconv.decode(buffer, 'cp949');
}

/**
 * Reads and checks every row, naming each bad one (bad check digit, a
 * barcode on two rows, bad price, unknown tax class, missing name…). Nothing
 * is applied here; the catalog applies the rows only when there is no error.
 */
export function readCatalogCsv(bytes: Uint8Array): CsvRead {
  // papaparse: about half of csv-parse's time on 50,000 rows (issue 17: import under 3 s).
  // Blank lines are dropped here, not by papaparse's 'greedy' (a joined copy of every row: a quarter of the parse).
  const parsed = Papa.parse<string[]>(decodeCsv(bytes), { skipEmptyLines: true });
  const broken = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
  if (broken) return { rows: 0, items: [], errors: [{ row: 0, field: 'file', reason: `not a readable CSV: ${broken.message} (row ${(broken.row ?? 0) + 1})` }] };
  const records = parsed.data.filter((cells) => !cells.every((cell) => cell.trim() === ''));
  const header = (records[0] ?? []).map((h) => h.trim());
  const names = header.map((h) => h.toLowerCase());
  const hasStock = names.length === 6;
  const rows = Math.max(0, records.length - 1);
  if (!(names.length === 5 || hasStock) || names.some((n, i) => n !== CSV_COLUMNS[i]))
    return { rows, items: [], errors: [{ row: 1, field: 'header', reason: `the first row must be ${CSV_COLUMNS.slice(0, 5).join(',')}[,stock], not ${header.join(',')}` }] };
  const errors: ImportError[] = [];
  const items: CsvItemRow[] = [];
  const firstRowOf = new Map<string, number>();
  // A plain loop without a closure per row: 50,000 rows (issue 17: import under 3 s).
  for (let i = 1; i < records.length; i++) {
    const item = readRow(records[i]!, i + 1, names.length, firstRowOf, errors);
    if (item) items.push(item);
  }
  return { rows, items, errors };
}

/** One data row checked: the item it describes, or undefined with its problems added to `errors`. */
function readRow(cells: readonly string[], row: number, columns: number, firstRowOf: Map<string, number>, errors: ImportError[]): CsvItemRow | undefined {
  if (cells.length !== columns) {
    errors.push({ row, field: 'row', reason: `has ${cells.length} cells, the header has ${columns}` });
    return undefined;
  }
  const [barcodeCell, name, priceCell, taxCell, category, stockCell] = cells.map((c) => c.trim()) as [string, string, string, string, string, string?];
  const before = errors.length;
  const barcodes = barcodeCell === '' ? [] : barcodeCell.split('|').map((c) => c.trim());
  for (const code of barcodes) {
    const problem = barcodeProblem(code);
    if (problem) errors.push({ row, field: 'barcode', reason: problem });
    else if (firstRowOf.has(code)) errors.push({ row, field: 'barcode', reason: `duplicate barcode ${code}: also on row ${firstRowOf.get(code)}` });
    else firstRowOf.set(code, row);
  }
  if (name === '' || name.length > 64) errors.push({ row, field: 'name', reason: name === '' ? 'the name is empty' : 'the name is longer than 64 characters' });
  const price = priceOf(priceCell);
  if (price === undefined) errors.push({ row, field: 'price', reason: `${JSON.stringify(priceCell)} is not a price in whole won` });
  const tax = TAX_WORDS[taxCell.toLowerCase()];
  if (!tax) errors.push({ row, field: 'tax', reason: `unknown tax class ${JSON.stringify(taxCell)}: use 과세 or 면세 (taxable or tax-free)` });
  if (category.length > 32) errors.push({ row, field: 'category', reason: 'the category is longer than 32 characters' });
  const stock = stockCell === undefined || stockCell === '' ? undefined : /^-?\d{1,7}$/.test(stockCell) ? Number(stockCell) : NaN;
  if (Number.isNaN(stock)) errors.push({ row, field: 'stock', reason: `${JSON.stringify(stockCell)} is not a whole number of pieces` });
  if (errors.length > before) return undefined;
  return { row, barcodes, name, price: price!, tax: tax!, category, stock };
}

/** Why `code` cannot be an item's barcode, or undefined when it can. */
export function barcodeProblem(code: string): string | undefined {
  if (!barcodeSchema.safeParse(code).success) return `${JSON.stringify(code)} is not a barcode (1-48 printable characters, no spaces)`;
  if (/^\d+$/.test(code) && !GS1_NUMERIC.test(code)) return `${code} has ${code.length} digits: a GS1 barcode has 8, 12, 13 or 14`;
  const product = parseProductBarcode(code);
  if (product && !product.checkDigitValid)
    return `wrong check digit in ${product.symbology} ${code}: the last digit is ${code.at(-1)}, the data before it gives ${product.expectedCheckDigit}`;
  return undefined;
}

/** Whole won, digits only or grouped by thousands (`4500`, `4,500`), as Excel shows them. */
function priceOf(cell: string): number | undefined {
  if (!/^\d+$/.test(cell) && !/^\d{1,3}(?:,\d{3})+$/.test(cell)) return undefined;
  const parsed = itemPriceSchema.safeParse(Number(cell.replaceAll(',', '')));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The catalog as CSV in the import's format: UTF-8 with a BOM (so Excel
 * shows the Hangul), CRLF, 과세/면세, the stock column always present.
 */
export function writeCatalogCsv(items: readonly Item[]): Buffer {
  const rows = items.map((item) => [
    item.barcodes.join('|'),
    item.name,
    String(item.price),
    item.tax === 'taxable' ? '과세' : '면세',
    item.category,
    item.stock === null ? '' : String(item.stock),
  ]);
  const text = stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
