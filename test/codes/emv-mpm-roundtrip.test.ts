import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodeError,
  type EmvMpm,
  EmvFieldError,
  buildEmvMpm,
  classifyScan,
  parseEmvMpm,
} from '../../src/codes/index.js';

const pad2 = (n: number) => String(n).padStart(2, '0');
const ids = (low: number, high: number) => fc.integer({ min: low, max: high }).map(pad2);
/** EMV "ans": printable ASCII (fast-check's default string unit). */
const ans = (max: number) => fc.string({ minLength: 1, maxLength: max });
/** EMV "S": Hangul, Latin, Khmer and a character outside the BMP, one code point each. */
const unicode = (max: number) =>
  fc.string({
    minLength: 1,
    maxLength: max,
    unit: fc.oneof(
      fc.integer({ min: 0xac00, max: 0xd7a3 }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('a', 'Z', '7', ' ', '*', 'ក', '្', '𠀀', '😀'),
    ),
  });
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const amount = fc
  .tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.boolean())
  .map(([minor, decimals]) =>
    decimals ? `${Math.floor(minor / 100)}.${pad2(minor % 100)}` : String(minor),
  );

const guiTemplate = fc
  .tuple(ans(20), fc.dictionary(ids(1, 99), unicode(20), { maxKeys: 2 }))
  .map(([gui, rest]) => ({ ...rest, '00': gui }));

const merchantAccounts = fc
  .tuple(
    fc.dictionary(ids(2, 25), ans(30), { maxKeys: 2 }),
    fc.dictionary(ids(26, 51), guiTemplate, { maxKeys: 2 }),
  )
  .map(([primitive, templates]) => ({ ...primitive, ...templates }))
  .filter((accounts) => Object.keys(accounts).length > 0);

const additionalData = fc
  .record(
    {
      billNumber: ans(8),
      mobileNumber: ans(8),
      storeLabel: ans(8),
      loyaltyNumber: ans(8),
      referenceLabel: ans(8),
      customerLabel: fc.constant('***'),
      terminalLabel: ans(8),
      purposeOfTransaction: ans(8),
      additionalConsumerDataRequest: fc.constantFrom('A', 'M', 'E', 'AME', 'EM'),
      merchantTaxId: ans(8),
      merchantChannel: ans(3).filter((channel) => channel.length === 3),
      other: fc.dictionary(ids(12, 99), unicode(8), { minKeys: 1, maxKeys: 1 }),
    },
    { requiredKeys: [] },
  )
  .filter(
    (data) =>
      Object.keys(data).length > 0 &&
      Object.values(data)
        .flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))
        .join('').length < 40,
  );

const alternateLanguage = fc.record(
  {
    languagePreference: fc.stringMatching(/^[a-z]{2}$/),
    merchantName: unicode(25),
    merchantCity: unicode(15),
    other: fc.dictionary(ids(3, 99), unicode(10), { minKeys: 1, maxKeys: 1 }),
  },
  { requiredKeys: ['languagePreference', 'merchantName'] },
);

const tip = fc.oneof(
  fc.constant({}),
  fc.constant({ tipOrConvenienceIndicator: '01' as const }),
  amount.map((fee) => ({ tipOrConvenienceIndicator: '02' as const, convenienceFeeFixed: fee })),
  fc
    .stringMatching(/^[1-9]\d?(\.\d\d?)?$/)
    .map((pct) => ({ tipOrConvenienceIndicator: '03' as const, convenienceFeePercentage: pct })),
);

/** Descriptions that follow every rule of the spec. */
const validMpm: fc.Arbitrary<EmvMpm> = fc
  .tuple(
    fc.record(
      {
        payloadFormatIndicator: fc.constant('01'),
        pointOfInitiation: fc.constantFrom('static' as const, 'dynamic' as const),
        merchantAccounts,
        merchantCategoryCode: digits(4),
        transactionCurrency: digits(3),
        transactionAmount: amount,
        countryCode: fc.stringMatching(/^[A-Z]{2}$/),
        merchantName: ans(25),
        merchantCity: ans(15),
        postalCode: ans(10),
        additionalData,
        alternateLanguage,
        rfu: fc.dictionary(ids(65, 79), unicode(12), { minKeys: 1, maxKeys: 2 }),
        unreserved: fc.dictionary(ids(80, 99), guiTemplate, { minKeys: 1, maxKeys: 1 }),
      },
      {
        requiredKeys: [
          'payloadFormatIndicator',
          'merchantAccounts',
          'merchantCategoryCode',
          'transactionCurrency',
          'countryCode',
          'merchantName',
          'merchantCity',
        ],
      },
    ),
    tip,
  )
  .map(([mpm, fees]) => ({ ...mpm, ...fees }));

/** Builds, discarding the rare description whose payload passes 512 characters. */
function build(mpm: EmvMpm): string {
  try {
    return buildEmvMpm(mpm);
  } catch (error) {
    fc.pre(!(error instanceof EmvFieldError && error.field === 'payload'));
    throw error;
  }
}

describe('EMV MPM round trip (fast-check)', () => {
  it('parse(build(x)) equals x', () => {
    fc.assert(
      fc.property(validMpm, (mpm) => {
        const payload = build(mpm);
        expect(parseEmvMpm(payload)).toEqual(mpm);
        expect(classifyScan(payload).format).toBe('emv-mpm');
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a built payload with any one ASCII character changed', () => {
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(validMpm, fc.nat(), printable, (mpm, where, replacement) => {
        const payload = build(mpm);
        const index = where % payload.length;
        const original = payload.charCodeAt(index);
        fc.pre(original < 0x80 && String.fromCharCode(original) !== replacement);
        const changed = payload.slice(0, index) + replacement + payload.slice(index + 1);
        // CRC-16 catches every error burst of 16 bits or fewer, so no damaged code may pass.
        expect(() => parseEmvMpm(changed)).toThrow(CodeError);
      }),
      { numRuns: 400 },
    );
  });
});
