import { describe, expect, it } from 'vitest';
import {
  CodeError,
  EmvCrcError,
  buildEmvMpm,
  decodeEmvMpm,
  emvCrc,
  parseEmvMpm,
} from '../../src/codes/index.js';
import { vector } from './mpm-vectors.js';

/** `body` + a CRC that checks, so a test reaches the structure it is about. */
function withCrc(body: string): string {
  return `${body}6304${emvCrc(`${body}6304`)}`;
}

function refusal(payload: string): CodeError {
  try {
    parseEmvMpm(payload);
  } catch (error) {
    if (error instanceof CodeError) return error;
    throw error;
  }
  throw new Error('expected the parser to refuse');
}

describe('parseEmvMpm', () => {
  it('reads the EMVCo specification example into the typed description', () => {
    const mpm = parseEmvMpm(vector('EMVCo_MPM_spec_example_zh'));
    expect(mpm).toEqual({
      payloadFormatIndicator: '01',
      pointOfInitiation: 'dynamic',
      merchantAccounts: {
        '29': { '00': 'D15600000000', '05': 'A93FO3230Q' },
        '31': { '00': 'D15600000001', '03': '12345678' },
      },
      merchantCategoryCode: '4111',
      countryCode: 'CN',
      merchantName: 'BEST TRANSPORT',
      merchantCity: 'BEIJING',
      alternateLanguage: {
        languagePreference: 'ZH',
        merchantName: '最佳运输',
        merchantCity: '北京',
      },
      transactionAmount: '23.72',
      transactionCurrency: '156',
      tipOrConvenienceIndicator: '01',
      additionalData: {
        storeLabel: '1234',
        customerLabel: '***',
        terminalLabel: 'A6008667',
        additionalConsumerDataRequest: 'ME',
      },
      unreserved: { '91': { '00': 'A011223344998877', '07': '12345678' } },
    });
    // The example lists 64 before 54; rebuilt in ID order it describes the same payment.
    expect(parseEmvMpm(buildEmvMpm(mpm))).toEqual(mpm);
  });

  it('keeps primitive accounts, RFU objects and payment-system templates of 62 verbatim', () => {
    const mpm = parseEmvMpm(vector('mvallim_DecoderMpmTest'));
    expect(mpm.merchantAccounts['02']).toBe('0004hoge0104abcd');
    expect(mpm.additionalData?.other).toEqual({ '50': '000110101i' });
    expect(mpm.rfu).toEqual({ '65': '00' });
    expect(mpm.unreserved).toEqual({ '80': { '00': 'A011223344998877', '07': '12345678' } });
    // This sample sets 55=01 together with 56 and 57: read as found, the builder would refuse it.
    expect([
      mpm.tipOrConvenienceIndicator,
      mpm.convenienceFeeFixed,
      mpm.convenienceFeePercentage,
    ]).toEqual(['01', '500', '5']);
  });

  it('decodes the tag tree in payload order with templates split', () => {
    const nodes = decodeEmvMpm(vector('EMVCo_MPM_spec_example_zh'));
    expect(nodes.map((node) => node.id)).toEqual([
      '00',
      '01',
      '29',
      '31',
      '52',
      '58',
      '59',
      '60',
      '64',
      '54',
      '53',
      '55',
      '62',
      '91',
      '63',
    ]);
    expect(
      nodes
        .find((node) => node.id === '64')
        ?.children?.map((child) => [child.id, child.value, child.offset]),
    ).toEqual([
      ['00', 'ZH', 125],
      ['01', '最佳运输', 131],
      ['02', '北京', 139],
    ]);
  });

  describe('tolerates what real payloads do', () => {
    it('a format indicator other than 01 (DuitNow)', () => {
      expect(parseEmvMpm(vector('DuitNow_QRCSDNBHD_343F')).payloadFormatIndicator).toBe('02');
    });
    it('missing MCC, merchant name and city (VietQR)', () => {
      const mpm = parseEmvMpm(vector('VietQR_vietqrpay_readme_static'));
      expect([mpm.merchantCategoryCode, mpm.merchantName, mpm.merchantCity]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(mpm.merchantAccounts['38']).toEqual({
        '00': 'A000000727',
        '01': '00069704160109257678859',
        '02': 'QRIBFTTA',
      });
    });
    it('an amount of "0" and a 16-character city (Pix samples)', () => {
      expect(parseEmvMpm(vector('PIX_mvallim_jornada1')).transactionAmount).toBe('0');
      expect(parseEmvMpm(vector('PIX_mvallim_jornada2')).merchantCity).toBe('Sao Joao del Rei');
    });
    it('a root merchant name in Khmer, counted by code point (KHQR)', () => {
      expect(parseEmvMpm(vector('KHQR_static_khmer_name')).merchantName).toBe('ចន ស្មីន');
    });
    it('a CRC in lower case', () => {
      const payload = vector('DuitNow_QRCSDNBHD_343F');
      expect(payload.endsWith('343F')).toBe(true);
      expect(parseEmvMpm(`${payload.slice(0, -1)}f`).merchantName).toBe('QRCSDNBHD');
    });
  });

  describe('refuses, saying what and where', () => {
    it('a CRC that does not match', () => {
      const error = refusal(vector('DuitNow_QRCSDNBHD_184A'));
      expect(error).toBeInstanceOf(EmvCrcError);
      expect(error).toMatchObject({
        reason: 'bad-crc',
        tag: '63',
        offset: 109,
        expected: '343F',
        found: '184A',
      });
      expect(error.message).toBe(
        'CRC mismatch: payload says 184A, content gives 343F (tag 63, offset 109)',
      );
    });

    it.each<[string, string, { tag?: string; offset?: number }, RegExp]>([
      ['an empty payload', '', {}, /empty payload/],
      ['a payload without CRC', '0002010102115802KR', { tag: '58', offset: 12 }, /no CRC/],
      [
        'a CRC that is not hex',
        '0002015802KR6304ZZZZ',
        { tag: '63', offset: 12 },
        /four hex digits/,
      ],
      ['a CRC that is not last', `${withCrc('000201')}5802KR`, { tag: '58', offset: 14 }, /no CRC/],
      [
        'a payload not starting with 00',
        withCrc('0102120002015802KR'),
        { tag: '01', offset: 0 },
        /starts with the payload format indicator/,
      ],
      [
        'an ID that is not two digits',
        withCrc('000201AB02KR'),
        { offset: 6 },
        /ID "AB" is not two digits/,
      ],
      [
        'a length that is not two digits',
        withCrc('00020101X212'),
        { tag: '01', offset: 8 },
        /length "X2"/,
      ],
      ['a length of 00', withCrc('0002010100'), { tag: '01', offset: 8 }, /length 00/],
      [
        'a truncated CRC',
        vector('PromptPay_phone_local').slice(0, -3),
        { tag: '63', offset: 68 },
        /runs past the end \(1 characters left\)/,
      ],
      [
        'an ID twice at one level',
        withCrc('0002015802KR5802KR'),
        { tag: '58', offset: 12 },
        /twice/,
      ],
      [
        'a broken template',
        withCrc('00020126060004ab'),
        { tag: '26.00', offset: 12 },
        /runs past the end/,
      ],
      [
        'an ID twice inside a template',
        withCrc('000201621201021B01021C'),
        { tag: '62.01', offset: 16 },
        /twice/,
      ],
      [
        'lengths counted in UTF-8 bytes',
        vector('VietQR_vietqrts_utf8_fixture'),
        { tag: '32', offset: 127 },
        /length "F8"/,
      ],
    ])('%s (malformed)', (_case, payload, place, message) => {
      const error = refusal(payload);
      expect(error.reason).toBe('malformed');
      expect({ tag: error.tag, offset: error.offset }).toEqual({
        tag: place.tag,
        offset: place.offset,
      });
      expect(error.message).toMatch(message);
    });

    it.each([
      [
        'a point of initiation other than 11/12',
        withCrc('000201010213'),
        '01',
        'pointOfInitiation',
      ],
      [
        'a tip indicator other than 01-03',
        withCrc('000201550204'),
        '55',
        'tipOrConvenienceIndicator',
      ],
    ])('%s (invalid field)', (_case, payload, tag, field) => {
      const error = refusal(payload);
      expect(error).toMatchObject({ reason: 'invalid-field', tag, offset: 6, field });
    });
  });
});
