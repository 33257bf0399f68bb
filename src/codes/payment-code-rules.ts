/**
 * What a scanned string can be, one row per kind of code. The first row
 * whose pattern matches wins, so order matters: exact wallet formats before
 * the catch-all "plausible" row. A new wallet is one row here.
 *
 * Codes stay strings: an 18-digit WeChat code is beyond Number's exact range
 * and leading zeros matter. Alipay and Alipay+ wallets share prefixes 25-30,
 * so they are one row; the gateway decides which network a code belongs to.
 * Korean domestic wallet formats (Zero Pay and others) are not public: they
 * match the "plausible" row and the gateway accepts or refuses them. Digits
 * of a GS1 product code's length are a product, not a payment: a 13-digit
 * EAN on a bag of crisps must never reach the gateway.
 */
import { GS1_NUMERIC, IN_STORE_CODE_128 } from './product-barcode.js';

/** What the scan is: a merchant QR, a consumer EMV QR, a product barcode or a wallet payment code. */
export type ScanFormat = 'emv-mpm' | 'emv-cpm' | 'product-barcode' | 'payment-code';

/** Wallet of a payment code, as told to the gateway; `unknown` = let the gateway decide. */
export type Wallet = 'wechat-pay' | 'alipay' | 'unionpay' | 'unknown';

/** One kind of scannable code. */
export interface ScanRule {
  format: ScanFormat;
  /** Set for payment codes. */
  wallet?: Wallet;
  pattern: RegExp;
  /** The published rule this row encodes. */
  source: string;
}

/** The detection table, in matching order. */
export const SCAN_RULES: readonly ScanRule[] = [
  {
    format: 'emv-mpm',
    pattern: /^0002\d\d/,
    source: 'EMV QRCPS MPM: payload format indicator (00, length 02) comes first',
  },
  {
    format: 'emv-cpm',
    pattern: /^hQVDUFY[A-Za-z0-9+/]*={0,2}$/,
    source: 'EMV QRCPS CPM: base64 of 85 05 "CPV01"',
  },
  {
    format: 'product-barcode',
    pattern: GS1_NUMERIC,
    source:
      'GS1 GTIN-8, -12, -13, -14 (EAN-8, UPC-A, EAN-13, ITF-14): product codes, never sent to the gateway, whatever their check digit',
  },
  {
    format: 'product-barcode',
    pattern: IN_STORE_CODE_128,
    source: "the shop's own Code 128 labels: 4-11 of A-Z 0-9 -, with a letter and a digit (shorter than any wallet code)",
  },
  {
    format: 'payment-code',
    wallet: 'wechat-pay',
    pattern: /^1[0-5]\d{16}$/,
    source: 'WeChat Pay micropay auth_code: 18 digits, prefix 10-15 (15: Hong Kong users)',
  },
  {
    format: 'payment-code',
    wallet: 'alipay',
    pattern: /^(?:2[5-9]|30)\d{14,30}$/,
    source:
      'Alipay / Alipay+ payment code: digits, prefix 25-30, usually 16-24 long, up to 32 accepted',
  },
  {
    format: 'payment-code',
    wallet: 'unionpay',
    pattern: /^62\d{17}$/,
    source: 'UnionPay QR payment code: 19 digits, prefix 62',
  },
  {
    format: 'payment-code',
    wallet: 'unknown',
    pattern: /^[0-9A-Za-z]{12,64}$/,
    source:
      'unpublished domestic formats (Zero Pay and others): 12-64 letters or digits, judged by the gateway',
  },
];
