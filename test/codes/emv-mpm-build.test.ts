import { describe, expect, it } from 'vitest';
import {
  type EmvMpmInput,
  EmvFieldError,
  buildEmvMpm,
  emvCrc,
  parseEmvMpm,
} from '../../src/codes/index.js';
import { SEOUL_SALE as sale } from './fixtures/seoul-sale.js';

function fieldError(input: EmvMpmInput): EmvFieldError {
  try {
    buildEmvMpm(input);
  } catch (error) {
    if (error instanceof EmvFieldError) return error;
    throw error;
  }
  throw new Error('expected the builder to refuse');
}

describe('buildEmvMpm', () => {
  it('writes data objects in ID order, counting characters, with the CRC last', () => {
    const body =
      '000201' +
      '010212' +
      '26260010kr.zeropay0108M0001234' +
      '52045812' +
      '5303410' +
      '540515000' +
      '5802KR' +
      '5914HANGANG BUNSIK' +
      '6005SEOUL' +
      '62150102B10705POS01' +
      '64230002ko0104한강분식0205서울특별시' +
      '6304';
    expect(buildEmvMpm(sale)).toBe(body + emvCrc(body));
  });

  it('counts Korean by character, not by UTF-8 byte', () => {
    const payload = buildEmvMpm(sale);
    // 한강분식 is 4 characters but 12 UTF-8 bytes; template 64 is 23 characters (41 bytes).
    expect(payload).toContain('0104한강분식');
    expect(new TextEncoder().encode('한강분식')).toHaveLength(12);
    expect(parseEmvMpm(payload).alternateLanguage).toEqual(sale.alternateLanguage);
  });

  it('accepts a 25-character Korean name and refuses a 26th character', () => {
    const name = '가'.repeat(25);
    const ok = buildEmvMpm({
      ...sale,
      alternateLanguage: { languagePreference: 'ko', merchantName: name },
    });
    expect(ok).toContain(`0125${name}`);
    const error = fieldError({
      ...sale,
      alternateLanguage: { languagePreference: 'ko', merchantName: `${name}가` },
    });
    expect(error.field).toBe('alternateLanguage.merchantName');
    expect(error.tag).toBe('64.01');
    expect(error.message).toContain('got 26');
  });

  it('counts a character outside the BMP once', () => {
    expect(
      buildEmvMpm({
        ...sale,
        alternateLanguage: { languagePreference: 'ko', merchantName: '𠀀식당' },
      }),
    ).toContain('0103𠀀식당');
  });

  it('defaults the payload format indicator to 01 and accepts a static code without amount', () => {
    const { transactionAmount: _amount, ...rest } = sale;
    const payload = buildEmvMpm({ ...rest, pointOfInitiation: 'static' });
    expect(payload.startsWith('000201010211')).toBe(true);
    expect(payload).not.toMatch(/54\d\d15000/);
  });

  it.each<[string, EmvMpmInput, string, string]>([
    ['merchant name over 25', { ...sale, merchantName: 'A'.repeat(26) }, 'merchantName', '59'],
    ['merchant city over 15', { ...sale, merchantCity: 'SAO JOAO DEL REI' }, 'merchantCity', '60'],
    [
      'Korean in the root merchant name',
      { ...sale, merchantName: '한강분식' },
      'merchantName',
      '59',
    ],
    [
      'bill number over 25',
      { ...sale, additionalData: { billNumber: 'B'.repeat(26) } },
      'additionalData.billNumber',
      '62.01',
    ],
    [
      'merchant channel not 3',
      { ...sale, additionalData: { merchantChannel: '0' } },
      'additionalData.merchantChannel',
      '62.11',
    ],
    [
      'consumer data request not A/M/E',
      { ...sale, additionalData: { additionalConsumerDataRequest: 'AX' } },
      'additionalData.additionalConsumerDataRequest',
      '62.09',
    ],
    ['empty additional data', { ...sale, additionalData: {} }, 'additionalData', '62'],
    [
      'alternate language without a name',
      { ...sale, alternateLanguage: { languagePreference: 'ko' } },
      'alternateLanguage.merchantName',
      '64.01',
    ],
    [
      'language not two letters',
      { ...sale, alternateLanguage: { languagePreference: 'kor', merchantName: '가' } },
      'alternateLanguage.languagePreference',
      '64.00',
    ],
    ['amount zero', { ...sale, transactionAmount: '0.00' }, 'transactionAmount', '54'],
    ['amount with a comma', { ...sale, transactionAmount: '15,000' }, 'transactionAmount', '54'],
    ['amount over 13', { ...sale, transactionAmount: '12345678901234' }, 'transactionAmount', '54'],
    [
      'MCC not four digits',
      { ...sale, merchantCategoryCode: '58a2' },
      'merchantCategoryCode',
      '52',
    ],
    ['currency alphabetic', { ...sale, transactionCurrency: 'KRW' }, 'transactionCurrency', '53'],
    ['country lower case', { ...sale, countryCode: 'kr' }, 'countryCode', '58'],
    [
      'format indicator not 01',
      { ...sale, payloadFormatIndicator: '02' },
      'payloadFormatIndicator',
      '00',
    ],
    ['missing merchant city', { ...sale, merchantCity: undefined }, 'merchantCity', '60'],
    ['no merchant account', { ...sale, merchantAccounts: {} }, 'merchantAccounts', ''],
    [
      'template without GUI',
      { ...sale, merchantAccounts: { '26': { '01': 'M1' } } },
      'merchantAccounts.26',
      '26',
    ],
    [
      'GUI over 32',
      { ...sale, merchantAccounts: { '26': { '00': 'g'.repeat(33) } } },
      'merchantAccounts.26.00',
      '26.00',
    ],
    [
      'primitive account as template',
      { ...sale, merchantAccounts: { '15': { '00': 'x' } } },
      'merchantAccounts.15',
      '15',
    ],
    [
      'account ID out of range',
      { ...sale, merchantAccounts: { '52': 'x' } },
      'merchantAccounts.52',
      '52',
    ],
    [
      'tip 02 without fixed fee',
      { ...sale, tipOrConvenienceIndicator: '02' },
      'convenienceFeeFixed',
      '56',
    ],
    [
      'percentage without tip 03',
      { ...sale, convenienceFeePercentage: '5' },
      'convenienceFeePercentage',
      '57',
    ],
    [
      'percentage of 100',
      { ...sale, tipOrConvenienceIndicator: '03', convenienceFeePercentage: '100' },
      'convenienceFeePercentage',
      '57',
    ],
    [
      'lone surrogate',
      { ...sale, alternateLanguage: { languagePreference: 'ko', merchantName: '\ud800' } },
      'alternateLanguage.merchantName',
      '64.01',
    ],
    [
      'unreserved template without GUI',
      { ...sale, unreserved: { '99': { '01': 'x' } } },
      'unreserved.99',
      '99',
    ],
  ])('refuses %s, naming the field', (_case, input, field, tag) => {
    const error = fieldError(input);
    expect(error.reason).toBe('invalid-field');
    expect(error.field).toBe(field);
    expect(error.tag ?? '').toBe(tag);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses a template whose encoding passes 99 characters', () => {
    const error = fieldError({
      ...sale,
      merchantAccounts: {
        '26': { '00': 'kr.zeropay', '01': 'x'.repeat(60), '02': 'y'.repeat(30) },
      },
    });
    expect(error.field).toBe('merchantAccounts.26');
    expect(error.tag).toBe('26');
    expect(error.message).toContain('1-99');
  });

  it('refuses a payload over 512 characters', () => {
    const accounts = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        String(26 + i),
        { '00': 'g'.repeat(32), '01': 'x'.repeat(40) },
      ]),
    );
    const error = fieldError({ ...sale, merchantAccounts: accounts });
    expect(error.field).toBe('payload');
    expect(error.message).toMatch(/at most 512/);
  });
});
