import { describe, expect, it } from 'vitest';
import {
  PaymentCodeError,
  SCAN_RULES,
  type ScanFormat,
  type Wallet,
  classifyScan,
  maskPaymentCode,
} from '../../src/codes/index.js';
import { vector } from './mpm-vectors.js';

const CPM = 'hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=';

/** Examples per row of SCAN_RULES, from REFERENCE.md and the wallets' documentation. */
const EXAMPLES: Array<[string, { format: ScanFormat; wallet?: Wallet }]> = [
  [vector('PIX_BCB_static_FulanoDeTal'), { format: 'emv-mpm' }],
  [CPM, { format: 'emv-cpm' }],
  ['134728953980228598', { format: 'payment-code', wallet: 'wechat-pay' }],
  ['101234567890123456', { format: 'payment-code', wallet: 'wechat-pay' }],
  ['150000000000000001', { format: 'payment-code', wallet: 'wechat-pay' }],
  ['251001020123456789012345', { format: 'payment-code', wallet: 'alipay' }],
  ['2810000000000000', { format: 'payment-code', wallet: 'alipay' }],
  ['30123456789012345678901234567890', { format: 'payment-code', wallet: 'alipay' }],
  ['6228376427820283746', { format: 'payment-code', wallet: 'unionpay' }],
  ['8801043012348', { format: 'product-barcode' }],
  ['A-1001', { format: 'product-barcode' }],
  // Unpublished domestic formats and near misses of the wallet rows go to the gateway.
  ['800212345678901234', { format: 'payment-code', wallet: 'unknown' }],
  ['ZP0123456789ABCDEF', { format: 'payment-code', wallet: 'unknown' }],
  ['163472895398022859', { format: 'payment-code', wallet: 'unknown' }],
  ['13472895398022859', { format: 'payment-code', wallet: 'unknown' }],
  ['250000000000000000000000000000000', { format: 'payment-code', wallet: 'unknown' }],
  ['62283764278202837466', { format: 'payment-code', wallet: 'unknown' }],
];

describe('classifyScan', () => {
  it.each(EXAMPLES)('%s → %o', (code, expected) => {
    expect(classifyScan(code)).toMatchObject({ ...expected, code });
  });

  it('has an example for every row of the table, so a new wallet row needs one', () => {
    const matchedRows = new Set(
      EXAMPLES.map(([code]) => SCAN_RULES.findIndex((rule) => rule.pattern.test(code))),
    );
    expect([...matchedRows].sort()).toEqual(SCAN_RULES.map((_, index) => index));
  });

  it('keeps codes as strings, leading zeros and all, without the scanner suffix', () => {
    expect(classifyScan('000123456789012345\r\n')).toEqual({
      format: 'payment-code',
      wallet: 'unknown',
      code: '000123456789012345',
    });
    expect(classifyScan('\t134728953980228598\r').code).toBe('134728953980228598');
  });

  it.each([
    '',
    ' \r\n',
    '12345678901',
    'hello',
    'https://pay.example.com/q?id=1234567890',
    '한글 결제 코드 입니다',
    '1347 2895 3980 2285 98',
    'A'.repeat(65),
  ])('refuses %j as garbage with a clear message', (scanned) => {
    let error: unknown;
    try {
      classifyScan(scanned);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PaymentCodeError);
    expect((error as PaymentCodeError).reason).toBe('unrecognised');
    expect((error as Error).message).toMatch(
      /^(empty scan|unrecognised scan ".*" \(\d+ characters\): not an EMV QR, a product barcode, a wallet payment code or a plausible domestic code)$/,
    );
  });

  it('does not repeat a garbage scan in full in its message', () => {
    expect(() => classifyScan('https://pay.example.com/q?id=1234567890')).toThrow(
      '"http*******************************7890" (39 characters)',
    );
  });
});

describe('maskPaymentCode', () => {
  it.each([
    ['134728953980228598', '1347**********8598'],
    ['6228376427820283746', '6228***********3746'],
    ['123456789', '1234*6789'],
    ['12345678', '********'],
    ['', ''],
    ['가나다라마바사아자차', '가나다라**사아자차'],
    ['😀😀😀😀x😀😀😀😀', '😀😀😀😀*😀😀😀😀'],
  ])('%s → %s', (code, masked) => {
    expect(maskPaymentCode(code)).toBe(masked);
  });
});
