import { stringify } from 'csv-stringify/sync';

/** One CSV row: text and integer cells. */
export type CsvRow = ReadonlyArray<string | number>;

/**
 * CSV as the owner's spreadsheet opens it safely: UTF-8 with a byte-order
 * mark (Excel in Korea opens BOM-less UTF-8 as CP949 and garbles every
 * Hangul label), CRLF, and formula-safe cells. A text cell starting with
 * = + - @ TAB or CR is prefixed with ' so Excel and LibreOffice show it
 * instead of running it (OWASP "CSV injection"; csv-stringify's
 * `escape_formulas`): a cash-count reason `=HYPERLINK(…)` stays text, while
 * number cells, negative amounts included, stay numbers. The reliability
 * run's attacks check calls this too.
 */
export function formulaSafeCsv(rows: readonly CsvRow[]): string {
  return stringify(rows as CsvRow[] as Array<Array<string | number>>, {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    // A line break inside a cell (a typed reason) is quoted, or it would start a new row.
    quoted_match: /[\r\n]/,
  });
}
