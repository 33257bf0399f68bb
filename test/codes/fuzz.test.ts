import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodeError,
  buildDynamicMpm,
  classifyScan,
  decodeEmvMpm,
  emvCrc,
  parseEmvCpm,
  parseEmvMpm,
} from '../../src/codes/index.js';
import { money } from '../../src/money/index.js';
import { loadMpmVectors } from './mpm-vectors.js';

/**
 * Whatever a scanner delivers, the parsers answer with a result or their own
 * typed error: never a TypeError, RangeError or a hang. Over 100,000 cases.
 */
const PARSERS: ReadonlyArray<(input: string) => unknown> = [
  classifyScan,
  decodeEmvMpm,
  parseEmvMpm,
  parseEmvCpm,
];
let cases = 0;

function onlyTypedErrors(input: string): boolean {
  cases++;
  for (const parse of PARSERS) {
    try {
      parse(input);
    } catch (error) {
      if (!(error instanceof CodeError)) return false;
    }
  }
  return true;
}

const CPM_EXAMPLE =
  'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==';
const KOREAN_MPM = buildDynamicMpm(
  {
    merchantName: 'HANGANG BUNSIK',
    merchantCity: 'SEOUL',
    countryCode: 'KR',
    merchantCategoryCode: '5812',
    account: { templateId: '26', gui: 'kr.zeropay', merchantId: 'M0001234' },
    alternateLanguage: { languagePreference: 'ko', merchantName: '한강분식', merchantCity: '서울' },
  },
  { amount: money(15000, 'KRW'), billNumber: 'B1' },
);
const VALID = [...loadMpmVectors().map((row) => row.payload), KOREAN_MPM, CPM_EXAMPLE];

const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));

/** MPM-shaped text: IDs, lengths that may lie, nested templates, and a CRC that checks. */
const mpmLike: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      twoDigits,
      fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 8 })),
      fc.integer({ min: -3, max: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((objects) =>
    objects
      .map(
        ([id, value, lie]) =>
          `${id}${String(Math.max(0, Math.min(99, [...value].length + lie))).padStart(2, '0')}${value}`,
      )
      .join(''),
  )
  .chain((body) => fc.constantFrom(`000201${body}6304`, `${body}6304`, `000201${body}`))
  .map((body) => (body.endsWith('6304') ? body + emvCrc(body) : body));

/** BER-TLV bytes with tags of any length and length fields up to 0x84 FF FF FF FF. */
const berLike: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom([0x61], [0x62], [0x63], [0x64], [0x4f], [0x5a], [0x5f, 0x20], [0x9f, 0x26]),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
      ),
      fc.oneof(
        fc.integer({ min: 0, max: 0x7f }).map((n) => [n]),
        fc
          .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 5 })
          .map((bytes) => [0x80 + bytes.length - 1, ...bytes.slice(1)]),
      ),
      fc.uint8Array({ maxLength: 40 }),
    ),
    { maxLength: 8 },
  )
  .map((objects) =>
    Uint8Array.from([
      0x85,
      0x05,
      0x43,
      0x50,
      0x56,
      0x30,
      0x31,
      ...objects.flatMap(([tag, length, value]) => [...tag, ...length, ...value]),
    ]),
  );

/** A valid payload with one to four edits: replaced, inserted or deleted characters, or a length set to 00/99. */
const mutated: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('replace', 'insert', 'delete', 'length'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([payload, edits]) =>
    edits.reduce((text, [where, edit, chars]) => {
      const at = where % (text.length + 1);
      if (edit === 'replace') return text.slice(0, at) + chars + text.slice(at + chars.length);
      if (edit === 'insert') return text.slice(0, at) + chars + text.slice(at);
      if (edit === 'delete') return text.slice(0, at) + text.slice(at + 1);
      return text.slice(0, at) + (chars.length % 2 ? '99' : '00') + text.slice(at + 2);
    }, payload),
  );

describe('parsers under fuzzing', () => {
  it('throw nothing but CodeError for random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600 }), onlyTypedErrors), {
      numRuns: 15_000,
    });
    fc.assert(fc.property(fc.string({ maxLength: 80 }), onlyTypedErrors), { numRuns: 10_000 });
  });

  it('throw nothing but CodeError for random bytes, read as text and as base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        return (
          onlyTypedErrors(buffer.toString('latin1')) &&
          onlyTypedErrors(buffer.toString('base64')) &&
          onlyTypedErrors(`hQVDUFY${buffer.toString('base64')}`)
        );
      }),
      { numRuns: 7_000 },
    );
  });

  it('throw nothing but CodeError for MPM-shaped text and BER-TLV with huge lengths', () => {
    fc.assert(fc.property(mpmLike, onlyTypedErrors), { numRuns: 20_000 });
    fc.assert(
      fc.property(berLike, (bytes) => onlyTypedErrors(Buffer.from(bytes).toString('base64'))),
      { numRuns: 20_000 },
    );
  });

  it('throw nothing but CodeError for mutated valid payloads', () => {
    fc.assert(fc.property(mutated, onlyTypedErrors), { numRuns: 20_000 });
  });

  it('throw nothing but CodeError for every truncation of every valid payload', () => {
    for (const payload of VALID) {
      for (let end = 0; end < payload.length; end++) {
        expect(onlyTypedErrors(payload.slice(0, end))).toBe(true);
        expect(onlyTypedErrors(payload.slice(end))).toBe(true);
      }
    }
  });

  it('ran at least 100,000 cases', () => {
    expect(cases).toBeGreaterThanOrEqual(100_000);
  });
});
