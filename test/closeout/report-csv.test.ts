import { afterEach, describe, expect, it } from 'vitest';
import { formulaSafeCsv, reportCsv } from '../../src/closeout/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { type ClosingTill, MANAGER_PIN, kst, startClosingTill } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-csv-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

/** The CSV's lines without the byte-order mark. */
const lines = (csv: string) => csv.replace(/^\ufeff/, '').split('\r\n');

describe('close-out CSV (issue 15, defect 6)', () => {
  it('writes no cell a spreadsheet would run as a formula, numbers stay numbers', () => {
    const csv = formulaSafeCsv([['=1+2', '@SUM(A1)', '+82', '-3', '\tx', '\rz', -5_000, '정상', 'a\nb']]);
    expect(csv).toBe(`\ufeff'=1+2,'@SUM(A1),'+82,'-3,'\tx,"'\rz",-5000,정상,"a\nb"\r\n`);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
  });

  it('neutralises a cash-count reason typed as a formula', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T10:00:00'));
    const { engine, closeout } = till;
    await engine.takeCash(engine.openSale({ lines: [{ name: '커피', unitPrice: 4_000, quantity: 1, tax: 'taxable' }] }).saleId, 4_000);
    await closeout.cashCount({ pin: MANAGER_PIN, denominations: { '1000': 3 }, reason: '=HYPERLINK("http://evil.example","정산")' });
    const csv = reportCsv(await closeout.x());
    const row = lines(csv).find((l) => l.includes('HYPERLINK'))!;
    expect(row).toContain(`'=HYPERLINK(`);
    expect(lines(csv).some((l) => /(^|,)"?[=@+]/.test(l))).toBe(false);
  });

  it('keeps won in the amount column and the customer’s currency in its own columns', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T10:00:00'));
    const report = await till.closeout.x();
    const withCny = { ...report, customerCurrency: [{ channel: 'alipay' as const, currency: 'CNY', lines: 1, amount: 2_550 }] };
    const csv = lines(reportCsv(withCny));
    expect(csv[0]).toBe('구분,항목,건수,금액,비고,고객통화,고객통화금액');
    const cny = csv.find((l) => l.endsWith(',CNY,2550'))!;
    // No won amount on a customer-currency row: 2,550 fen is not 2,550 won.
    expect(cny.split(',')[3]).toBe('');
  });
});
