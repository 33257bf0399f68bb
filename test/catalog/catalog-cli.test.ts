import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runPosCaptured as pos } from '../helpers/run-pos.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-catalog-cli-');

const GOOD = 'barcode,name,price,tax,category,stock\n8801043012348|96385074,새우깡,1500,과세,과자,12\n036000291452,유기농 바나나,3000,면세,과일,\n';
const BAD = 'barcode,name,price,tax,category\n8801043012345,새우깡,1500,과세,과자\n036000291452,바나나,3000,영세,과일\n036000291452,또 바나나,삼천,면세,과일\n';

describe('pos catalog', () => {
  it('refuses a file with bad rows, naming every one, exit 1 and nothing imported', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, iconv.encode(BAD, 'cp949'));
    const run = await pos('catalog', 'import', file, '--data', dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toEqual({
      rows: 3,
      added: 0,
      updated: 0,
      errors: [
        { row: 2, field: 'barcode', reason: 'wrong check digit in ean-13 8801043012345: the last digit is 5, the data before it gives 8' },
        { row: 3, field: 'tax', reason: 'unknown tax class "영세": use 과세 or 면세 (taxable or tax-free)' },
        { row: 4, field: 'barcode', reason: 'duplicate barcode 036000291452: also on row 3' },
        { row: 4, field: 'price', reason: '"삼천" is not a price in whole won' },
      ],
    });
    expect(JSON.parse((await pos('catalog', 'find', '바나나', '--data', dir)).out)).toEqual([]);
  });

  it('imports a good file (dry run first), finds by barcode and 초성, and its export reads back identical', async () => {
    const dir = tempDir();
    const file = join(dir, 'good.csv');
    writeFileSync(file, GOOD);
    expect(await pos('catalog', 'import', file, '--data', dir, '--dry-run')).toEqual({ code: 0, err: '', out: '{"rows":2,"added":2,"updated":0,"errors":[]}' });
    expect(JSON.parse((await pos('catalog', 'find', '96385074', '--data', dir)).out)).toEqual([]);
    expect((await pos('catalog', 'import', file, '--data', dir)).out).toBe('{"rows":2,"added":2,"updated":0,"errors":[]}');
    const found = JSON.parse((await pos('catalog', 'find', '96385074', '--data', dir)).out);
    expect(found).toMatchObject([{ name: '새우깡', price: 1500, tax: 'taxable', barcodes: ['8801043012348', '96385074'], stock: 12 }]);
    expect(JSON.parse((await pos('catalog', 'find', 'ㅇㄱㄴ', '--data', dir)).out)).toMatchObject([{ name: '유기농 바나나' }]);

    const exported = join(dir, 'export.csv');
    expect((await pos('catalog', 'export', '--out', exported, '--data', dir)).code).toBe(0);
    const other = tempDir();
    expect((await pos('catalog', 'import', exported, '--data', other)).out).toBe('{"rows":2,"added":2,"updated":0,"errors":[]}');
    const again = join(other, 'again.csv');
    await pos('catalog', 'export', '--out', again, '--data', other);
    expect(readFileSync(again)).toEqual(readFileSync(exported));
    expect(readFileSync(exported, 'utf8')).toBe(`\ufeff${GOOD.replaceAll('\n', '\r\n')}`);
  });

  it('lists the counted items at or below a threshold, fewest first', async () => {
    const dir = tempDir();
    const file = join(dir, 'stock.csv');
    writeFileSync(file, 'barcode,name,price,tax,category,stock\n8801043012348,새우깡,1500,과세,과자,12\n036000291452,바나나,3000,면세,과일,\n96385074,생수,1000,과세,음료,3\n');
    expect((await pos('catalog', 'import', file, '--data', dir)).code).toBe(0);
    const low = async (...args: string[]) => (JSON.parse((await pos('catalog', 'low-stock', ...args, '--data', dir)).out) as Array<{ name: string; stock: number }>).map((i) => [i.name, i.stock]);
    expect(await low()).toEqual([['생수', 3]]);
    expect(await low('--threshold', '12')).toEqual([['생수', 3], ['새우깡', 12]]);
    expect((await pos('catalog', 'low-stock', '--threshold', 'few', '--data', dir)).code).toBe(2);
  });

  it('explains a bad invocation', async () => {
    expect((await pos('catalog', 'import')).code).toBe(2);
    expect((await pos('catalog', 'sell')).err).toContain('usage: pos catalog import');
  });
});
