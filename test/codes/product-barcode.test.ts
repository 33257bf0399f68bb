import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyScan, gs1CheckDigit, parseProductBarcode, withGs1CheckDigit } from '../../src/codes/index.js';

// Published GTINs: GS1's own examples and codes printed on real packs.
const VALID: Array<[string, string]> = [
  ['8801043012348', 'ean-13'], // GS1 Korea prefix 880 (issue 17's example, with the check digit its data gives)
  ['4006381333931', 'ean-13'], // GS1 General Specifications example (Stabilo)
  ['9780306406157', 'ean-13'], // ISBN-13 of a book, the classic check-digit example
  ['96385074', 'ean-8'], // GS1 EAN-8 example
  ['036000291452', 'upc-a'], // UPC-A printed on Kleenex, the usual UPC example
  ['10012345000017', 'itf-14'], // GS1 ITF-14 example: indicator 1 + GTIN-13
];

describe('GS1 check digit', () => {
  it.each(VALID)('%s (%s) is valid', (code, symbology) => {
    expect(parseProductBarcode(code)).toMatchObject({ symbology, checkDigitValid: true, gtin14: code.padStart(14, '0') });
  });

  it('names the check digit the data gives when the printed one is wrong', () => {
    // Issue 17 quotes 8801043012345: its data 880104301234 gives check digit 8, not 5.
    expect(parseProductBarcode('8801043012345')).toMatchObject({ symbology: 'ean-13', checkDigitValid: false, expectedCheckDigit: 8 });
  });

  it('catches every single-digit misread of a GTIN-13 (the mod-10 weights 1 and 3 guarantee it)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(12), fc.integer({ min: 1, max: 9 }), (data, at, shift) => {
        const code = withGs1CheckDigit(data);
        const misread = code.slice(0, at) + String((Number(code[at]) + shift) % 10) + code.slice(at + 1);
        expect(parseProductBarcode(code)!.checkDigitValid).toBe(true);
        expect(parseProductBarcode(misread)!.checkDigitValid).toBe(false);
      }),
    );
  });

  it('is the same digit whatever zeros pad the GTIN (EAN-8 ↔ GTIN-14)', () => {
    expect(gs1CheckDigit('9638507')).toBe(gs1CheckDigit('0000009638507'));
  });
});

describe('product barcode shapes', () => {
  it.each([
    ['2000001000007', true],
    ['2812345012341', true],
    ['212345678906', true],
    ['02345673', true],
    ['8801043012348', false],
    ['036000291452', false],
  ])('%s is in-store: %s', (code, inStore) => {
    expect(parseProductBarcode(code)?.inStore).toBe(inStore);
  });

  it.each(['A-1001', 'SHOP42', 'B12345678X'])('%s is an in-store Code 128 label', (code) => {
    expect(parseProductBarcode(code)).toEqual({ symbology: 'code-128', code, checkDigitValid: true, inStore: true });
  });

  it.each(['1234567', '123456789', '12345678901', '123456789012345', 'hello', 'ABCDE', '12345', 'a-1001'])('%s is no product code', (code) => {
    expect(parseProductBarcode(code)).toBeUndefined();
  });

  it('never takes a wallet code for a product, nor a product for a wallet code', () => {
    for (const wallet of ['134728953980228598', '2810000000000000', '6228376427820283746', 'ZP0123456789ABCDEF'])
      expect(classifyScan(wallet).format).toBe('payment-code');
    for (const [code] of VALID) expect(classifyScan(code).format).toBe('product-barcode');
    expect(classifyScan('8801043012345')).toMatchObject({ format: 'product-barcode', checkDigitValid: false });
  });
});
