import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalogCsv } from '../../src/catalog/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTestCatalog } from './catalog-fixture.js';

const tempDir = useTempDir('pos-catalog-csv-');
const open: Ledger[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});
function catalogIn() {
  const opened = openTestCatalog(tempDir());
  open.push(opened.store);
  return opened.catalog;
}

const GOOD = [
  'barcode,name,price,tax,category,stock',
  '8801043012348|96385074,새우깡,1500,과세,과자,12',
  '036000291452,"바나나, 유기농",3000,면세,과일,',
  ',아메리카노,"4,500",taxable,커피,',
  'A-1001,생수 500ml,1000,tax-free,음료,40',
].join('\r\n');

const BAD = [
  'barcode,name,price,tax,category,stock',
  '8801043012348,새우깡,1500,과세,과자,12',
  '8801043012345,나쁜 체크,1000,과세,과자,',
  '8801043012348,같은 바코드,1000,과세,과자,',
  '036000291452,가격 없음,천원,과세,과일,',
  '96385074,세금 이상,1000,부가세,과일,',
  '10012345000017,좋은 행,1000,면세,과일,3',
  '123,짧은 바코드,-5,과세,,x',
].join('\n');

describe('catalog CSV import', () => {
  it('reads UTF-8 with and without BOM and CP949 the same', () => {
    const plain = Buffer.from(GOOD, 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    const cp949 = iconv.encode(GOOD, 'cp949');
    expect(cp949.equals(plain)).toBe(false);
    const read = readCatalogCsv(plain);
    expect(read.errors).toEqual([]);
    expect(read.items.map((i) => i.name)).toEqual(['새우깡', '바나나, 유기농', '아메리카노', '생수 500ml']);
    expect(readCatalogCsv(bom)).toEqual(read);
    expect(readCatalogCsv(cp949)).toEqual(read);
    expect(read.items[0]).toMatchObject({ barcodes: ['8801043012348', '96385074'], price: 1500, tax: 'taxable', stock: 12 });
    expect(read.items[2]).toMatchObject({ barcodes: [], price: 4500, stock: undefined });
  });

  it('skips blank lines and lines of empty cells as Excel leaves them, wherever they are', () => {
    const lines = GOOD.split('\r\n');
    const padded = [lines[0], '', lines[1], ',,,,,', lines[2], '   ', lines[3], ' , ,,,, ', lines[4], '', ''].join('\r\n');
    expect(readCatalogCsv(Buffer.from(padded, 'utf8'))).toEqual(readCatalogCsv(Buffer.from(GOOD, 'utf8')));
  });

  it('names every bad row before anything is applied', () => {
    const catalog = catalogIn();
    expect(catalog.previewImport(Buffer.from(BAD))).toMatchObject({ rows: 7, added: 2, updated: 0 });
    const summary = catalog.importCsv(Buffer.from(BAD), 'owner');
    expect(summary).toMatchObject({ rows: 7, added: 0, updated: 0 });
    expect(summary.errors).toEqual([
      { row: 3, field: 'barcode', reason: 'wrong check digit in ean-13 8801043012345: the last digit is 5, the data before it gives 8' },
      { row: 4, field: 'barcode', reason: 'duplicate barcode 8801043012348: also on row 2' },
      { row: 5, field: 'price', reason: '"천원" is not a price in whole won' },
      { row: 6, field: 'tax', reason: 'unknown tax class "부가세": use 과세 or 면세 (taxable or tax-free)' },
      { row: 8, field: 'barcode', reason: '123 has 3 digits: a GS1 barcode has 8, 12, 13 or 14' },
      { row: 8, field: 'price', reason: '"-5" is not a price in whole won' },
      { row: 8, field: 'stock', reason: '"x" is not a whole number of pieces' },
    ]);
    expect(catalog.all()).toEqual([]);
  });

  it('imports a good file, updates on a second import by barcode, and exports what reads back identical', () => {
    const catalog = catalogIn();
    expect(catalog.importCsv(Buffer.from(GOOD), 'owner')).toEqual({ rows: 4, added: 4, updated: 0, errors: [] });
    const changed = GOOD.replace('새우깡,1500', '새우깡,1700');
    expect(catalog.previewImport(Buffer.from(changed))).toEqual({ rows: 4, added: 0, updated: 1, errors: [] });
    expect(catalog.byBarcode('8801043012348')?.price).toBe(1500);
    expect(catalog.importCsv(Buffer.from(changed), 'owner')).toEqual({ rows: 4, added: 0, updated: 1, errors: [] });
    const exported = catalog.exportCsv();
    expect(exported.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const fresh = catalogIn();
    expect(fresh.importCsv(exported, 'owner')).toMatchObject({ rows: 4, added: 4, errors: [] });
    expect(fresh.exportCsv()).toEqual(exported);
    expect(fresh.all().map(({ id: _id, ...rest }) => rest)).toEqual(catalog.all().map(({ id: _id, ...rest }) => rest));
    expect(catalog.importCsv(exported, 'owner')).toEqual({ rows: 4, added: 0, updated: 0, errors: [] });
  });

  it('refuses a file with the wrong header as one error', () => {
    expect(readCatalogCsv(Buffer.from('code,name\n1,2')).errors).toEqual([
      { row: 1, field: 'header', reason: 'the first row must be barcode,name,price,tax,category[,stock], not code,name' },
    ]);
  });
});
