import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEmvMpm } from '../../src/codes/index.js';
import { runPosCaptured as pos } from '../helpers/run-pos.js';
import { vector } from './mpm-vectors.js';

const dir = mkdtempSync(join(tmpdir(), 'pos-qr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(content: unknown): string {
  const path = join(dir, `merchant-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('pos qr parse', () => {
  it('prints an MPM payload as one JSON object, tags in payload order, templates nested', async () => {
    const result = await pos('qr', 'parse', vector('PromptPay_phone_local'));
    expect(result).toEqual({
      code: 0,
      err: '',
      out: '{"format":"emv-mpm","crcValid":true,"tags":{"00":"01","01":"11","29":{"00":"A000000677010111","01":"0066801234567"},"58":"TH","53":"764","63":"6197"}}',
    });
  });

  it('nests 62, 64 and 80-99 too, with Korean and Chinese intact', async () => {
    const { code, out } = await pos('qr', 'parse', vector('EMVCo_MPM_spec_example_zh'));
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(parsed.tags['64']).toEqual({ '00': 'ZH', '01': '最佳运输', '02': '北京' });
    expect(parsed.tags['62']).toEqual({ '03': '1234', '06': '***', '07': 'A6008667', '09': 'ME' });
    expect(parsed.tags['91']).toEqual({ '00': 'A011223344998877', '07': '12345678' });
    expect(parsed.tags['54']).toBe('23.72');
  });

  it.each([
    ['134728953980228598', 'wechat-pay'],
    ['251001020123456789012345', 'alipay'],
    ['6228376427820283746', 'unionpay'],
    ['800212345678901234', 'unknown'],
  ])('prints payment code %s as wallet %s', async (code, wallet) => {
    expect(await pos('qr', 'parse', code)).toEqual({
      code: 0,
      err: '',
      out: JSON.stringify({ format: 'payment-code', wallet }),
    });
  });

  it('prints a product barcode with its symbology and check digit', async () => {
    expect(await pos('qr', 'parse', '8801043012348')).toEqual({
      code: 0,
      err: '',
      out: '{"format":"product-barcode","symbology":"ean-13","checkDigitValid":true,"expectedCheckDigit":8,"gtin14":"08801043012348","inStore":false}',
    });
  });

  it('names a wrong check digit and exits 1, never calling the code a payment', async () => {
    const { code, out, err } = await pos('qr', 'parse', '8801043012345');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ format: 'product-barcode', symbology: 'ean-13', checkDigitValid: false, expectedCheckDigit: 8 });
    expect(err).toBe('pos qr: wrong check digit in ean-13 8801043012345: the last digit is 5, the data before it gives 8');
  });

  it('prints a consumer EMV QR', async () => {
    const { code, out } = await pos(
      'qr',
      'parse',
      'hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      format: 'emv-cpm',
      payloadFormatIndicator: 'CPV01',
      applications: [{ aid: 'A0000000555555', track2: '1234567890123458D191220112345F' }],
    });
  });

  it.each([
    [
      'a bad CRC',
      vector('DuitNow_QRCSDNBHD_184A'),
      'pos qr: CRC mismatch: payload says 184A, content gives 343F (tag 63, offset 109)',
    ],
    [
      'broken TLV',
      vector('FPS_HK_kotlin_sample'),
      'pos qr: length 00: a data object holds 1-99 characters (tag 26, offset 14)',
    ],
    [
      'a CPM without application',
      'hQVDUFYwMQ==',
      'pos qr: no application template (61): a consumer-presented QR names at least one payment application (tag 61)',
    ],
    [
      'garbage',
      'hello world',
      'pos qr: unrecognised scan "hell***orld" (11 characters): not an EMV QR, a product barcode, a wallet payment code or a plausible domestic code',
    ],
  ])('refuses %s with one line on stderr and exit 1', async (_case, payload, reason) => {
    expect(await pos('qr', 'parse', payload)).toEqual({ code: 1, out: '', err: reason });
  });

  it('exits 2 with usage for a missing payload or an unknown action', async () => {
    expect((await pos('qr', 'parse')).code).toBe(2);
    const unknown = await pos('qr', 'print');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('usage: pos qr parse <payload>');
  });
});

describe('pos qr mpm', () => {
  it('prints a dynamic payload for the training merchant when none is configured', async () => {
    const { code, out, err } = await pos(
      'qr',
      'mpm',
      '--amount',
      '15000',
      '--currency',
      'KRW',
      '--bill',
      'B1',
    );
    expect(code).toBe(0);
    expect(err).toContain('training merchant');
    const mpm = parseEmvMpm(out);
    expect(mpm).toMatchObject({
      pointOfInitiation: 'dynamic',
      transactionAmount: '15000',
      transactionCurrency: '410',
      countryCode: 'KR',
      additionalData: { billNumber: 'B1' },
      alternateLanguage: { languagePreference: 'ko', merchantName: '카운터 연습 매장' },
    });
  });

  it('takes the merchant from --config, with flags on top', async () => {
    const config = configFile({
      merchantName: 'HANGANG BUNSIK',
      merchantCity: 'SEOUL',
      merchantCategoryCode: '5812',
      account: { templateId: '28', gui: 'kr.zeropay', merchantId: 'M0001234' },
      alternateLanguage: { merchantName: '한강분식', merchantCity: '서울' },
      terminalLabel: 'POS01',
    });
    const { code, out } = await pos(
      'qr',
      'mpm',
      '--config',
      config,
      '--amount',
      '1234',
      '--currency',
      'CNY',
      '--bill',
      'B77',
      '--terminal',
      'POS02',
    );
    expect(code).toBe(0);
    expect(parseEmvMpm(out)).toEqual({
      payloadFormatIndicator: '01',
      pointOfInitiation: 'dynamic',
      merchantAccounts: { '28': { '00': 'kr.zeropay', '01': 'M0001234' } },
      merchantCategoryCode: '5812',
      transactionCurrency: '156',
      transactionAmount: '12.34',
      countryCode: 'KR',
      merchantName: 'HANGANG BUNSIK',
      merchantCity: 'SEOUL',
      additionalData: { billNumber: 'B77', terminalLabel: 'POS02' },
      alternateLanguage: {
        languagePreference: 'ko',
        merchantName: '한강분식',
        merchantCity: '서울',
      },
    });
  });

  it('takes the merchant from flags alone', async () => {
    const { code, out } = await pos(
      'qr',
      'mpm',
      '--amount',
      '500',
      '--bill',
      'B2',
      '--merchant-name',
      'MART',
      '--city',
      'BUSAN',
      '--account-gui',
      'kr.example',
      '--account-id',
      '42',
      '--local-name',
      '마트',
      '--mcc',
      '5411',
    );
    expect(code).toBe(0);
    expect(parseEmvMpm(out)).toMatchObject({
      merchantName: 'MART',
      merchantCity: 'BUSAN',
      merchantCategoryCode: '5411',
      merchantAccounts: { '26': { '00': 'kr.example', '01': '42' } },
      alternateLanguage: { languagePreference: 'ko', merchantName: '마트' },
    });
  });

  it('reports an EMV rule the merchant breaks on one line, exit 1', async () => {
    const result = await pos(
      'qr',
      'mpm',
      '--amount',
      '500',
      '--bill',
      'B2',
      '--merchant-name',
      '한강분식',
      '--city',
      'SEOUL',
      '--account-gui',
      'kr.example',
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^pos qr: merchantName: must be printable ASCII .* \(tag 59\)$/);
  });

  it.each([
    [['--bill', 'B1'], '--amount'],
    [['--amount', '15.5', '--bill', 'B1'], '--amount'],
    [['--amount', '99999999999999999999', '--bill', 'B1'], '--amount'],
    [['--amount', '100'], '--bill'],
    [['--amount', '100', '--bill', 'B1', '--currency', 'XYZ'], '--currency'],
    [['--amount', '100', '--bill', 'B1', '--merchant-name', 'ONLY NAME'], 'merchant incomplete'],
    [['--amount', '100', '--bill', 'B1', '--config', '/nonexistent/merchant.json'], '--config'],
    [['--amount', '100', '--bill', 'B1', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 for %j', async (args, message) => {
    const result = await pos('qr', 'mpm', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it('exits 2 for a config file that is not a JSON object', async () => {
    const result = await pos(
      'qr',
      'mpm',
      '--amount',
      '100',
      '--bill',
      'B1',
      '--config',
      configFile('[1, 2]'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('not a JSON object');
  });
});
