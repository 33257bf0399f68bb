import { describe, expect, it } from 'vitest';
import { CodeError, classifyScan, parseEmvCpm } from '../../src/codes/index.js';

/** Base64 of hex written with spaces between data objects for reading. */
const b64 = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex').toString('base64');

/** EMVCo CPM specification example: two applications, common data with a transparent template. */
const SPEC_EXAMPLE =
  'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==';

/** One application with PAN, name, last 4, version, an unlisted tag and its transparent template 63. */
const VISA_APP = b64(`
  85 05 4350563031
  61 48
    4F 07 A0000000031010
    50 04 56495341
    5A 08 476173900101001F
    5F20 07 4B494D2F4D494E
    9F25 02 1001
    63 14  9F26 08 1122334455667788  9F27 01 80  9F36 02 0001
    9F08 02 0001
    9F7C 02 ABCD`);

function refusal(code: string): CodeError {
  try {
    parseEmvCpm(code);
  } catch (error) {
    if (error instanceof CodeError) return error;
    throw error;
  }
  throw new Error('expected the parser to refuse');
}

describe('parseEmvCpm', () => {
  it('reads the EMVCo specification example', () => {
    expect(classifyScan(SPEC_EXAMPLE).format).toBe('emv-cpm');
    expect(parseEmvCpm(SPEC_EXAMPLE)).toEqual({
      payloadFormatIndicator: 'CPV01',
      applications: [
        { aid: 'A0000000555555', applicationLabel: 'Product1' },
        { aid: 'A0000000666666', applicationLabel: 'Product2' },
      ],
      commonData: {
        pan: '1234567890123458',
        cardholderName: 'CARDHOLDER/EMV',
        languagePreference: 'ruesdeen',
        transparentTemplate: {
          '9F10': '06010A03000000',
          '9F26': '584FD385FA234BCC',
          '9F36': '0001',
          '9F37': '6D58EF13',
        },
      },
    });
  });

  it('reads an application template with its transparent template and 9F tags', () => {
    expect(parseEmvCpm(VISA_APP).applications).toEqual([
      {
        aid: 'A0000000031010',
        applicationLabel: 'VISA',
        pan: '476173900101001',
        cardholderName: 'KIM/MIN',
        panLast4: '1001',
        applicationVersion: '0001',
        transparentTemplate: { '9F26': '1122334455667788', '9F27': '80', '9F36': '0001' },
        other: { '9F7C': 'ABCD' },
      },
    ]);
  });

  it('reads track 2 and long-form lengths', () => {
    const code = b64('85 05 4350563031  61 81 0B  57 81 08 4761739001010010');
    expect(parseEmvCpm(code).applications).toEqual([{ track2: '4761739001010010' }]);
  });

  it.each<[string, string, { tag?: string; offset?: number }, RegExp]>([
    ['no application template', b64('85 05 4350563031'), { tag: '61' }, /no application template/],
    [
      'only common data',
      b64('85 05 4350563031  62 05 5F2D 02 6B6F'),
      { tag: '61' },
      /no application template/,
    ],
    [
      'another format indicator',
      b64('85 05 4350563032  61 03 50 01 41'),
      { tag: '85', offset: 0 },
      /starts with 85 "CPV01"/,
    ],
    ['no format indicator', b64('61 03 50 01 41'), { tag: '61', offset: 0 }, /starts with 85/],
    [
      'an unexpected top-level tag',
      b64('85 05 4350563031  61 03 50 01 41  63 02 9F 00'),
      { tag: '63', offset: 12 },
      /unexpected tag/,
    ],
    [
      'common data twice',
      b64('85 05 4350563031  61 03 50 01 41  62 03 50 01 41  62 03 50 01 41'),
      { tag: '62', offset: 17 },
      /twice/,
    ],
    [
      'a tag twice in one template',
      b64('85 05 4350563031  61 06 50 01 41 50 01 42'),
      { tag: '61.50', offset: 12 },
      /twice/,
    ],
    [
      'a length past the end',
      b64('85 05 4350563031  61 09 50 01 41'),
      { tag: '61', offset: 7 },
      /length 9 runs past the end \(3 bytes left\)/,
    ],
    [
      'a value past its template',
      b64('85 05 4350563031  61 03 50 05 41'),
      { tag: '61.50', offset: 9 },
      /length 5 runs past the end \(1 bytes left\)/,
    ],
    [
      'an indefinite length',
      b64('85 05 4350563031  61 80 50 01 41 00 00'),
      { tag: '61', offset: 7 },
      /indefinite/,
    ],
    [
      'a huge length field',
      b64('85 05 4350563031  61 84 FF FF FF FF 50 01 41'),
      { tag: '61', offset: 7 },
      /length field of 4 bytes/,
    ],
    [
      'a length field cut short',
      b64('85 05 4350563031  61 82 01'),
      { tag: '61', offset: 7 },
      /length field runs past the end/,
    ],
    [
      'a tag longer than three bytes',
      b64('85 05 4350563031  61 06 9F FF FF 01 01 00'),
      { tag: '61', offset: 9 },
      /tag longer than 3 bytes/,
    ],
    [
      'a tag cut short',
      b64('85 05 4350563031  61 01 9F'),
      { tag: '61', offset: 9 },
      /tag runs past the end/,
    ],
    [
      'a length missing',
      b64('85 05 4350563031  61 01 50'),
      { tag: '61.50', offset: 9 },
      /length missing/,
    ],
    [
      'a truncated specification example',
      SPEC_EXAMPLE.slice(0, 40),
      { tag: '61', offset: 28 },
      /runs past the end/,
    ],
  ])('refuses %s', (_case, code, place, message) => {
    const error = refusal(code);
    expect(error.reason).toBe('malformed');
    expect({ tag: error.tag, offset: error.offset }).toEqual({
      tag: place.tag,
      offset: place.offset,
    });
    expect(error.message).toMatch(message);
  });

  it.each(['', 'hQVD UFYwMQ==', 'hQVDUFYwMQ=x', 'h', '한글'])(
    'refuses %j as not base64',
    (code) => {
      expect(refusal(code).message).toBe('not base64');
    },
  );
});
