/**
 * Product barcodes as a scanner reads them: the GS1 numeric symbologies
 * (EAN-13, EAN-8, UPC-A, ITF-14) and the shop's own Code 128 labels. The
 * shape is judged by length (GS1 General Specifications, figure 2.1.4-1:
 * GTIN-8, -12, -13, -14); the check digit is checked here so a misread never
 * finds a wrong item. A product barcode is never a payment code: the scan
 * router adds it to the sale and never sends it to the gateway.
 */
import { gs1CheckDigit } from './gs1-check-digit.js';

/** Which symbology a product code was printed in (as far as its shape tells). */
export type ProductSymbology = 'ean-13' | 'ean-8' | 'upc-a' | 'itf-14' | 'code-128';

/** A product barcode: its symbology, whether its check digit holds, and its GTIN-14 form. */
export interface ProductBarcode {
  symbology: ProductSymbology;
  code: string;
  checkDigitValid: boolean;
  /** The check digit the code's data gives (GS1 symbologies only). */
  expectedCheckDigit?: number;
  /** Zero-padded to 14 digits, the key GS1 says to store (GS1 symbologies only). */
  gtin14?: string;
  /**
   * Restricted circulation (GS1 prefixes 20-29 on EAN-13, number system 2 on
   * UPC-A, 0 and 2 on EAN-8): numbered by the shop, e.g. scale labels.
   */
  inStore: boolean;
}

/** GTIN-8, -12, -13 and -14: the lengths of the GS1 numeric product codes. */
export const GS1_NUMERIC = /^(?:\d{8}|\d{12,14})$/;

const GS1_BY_LENGTH: Readonly<Record<number, ProductSymbology>> = { 8: 'ean-8', 12: 'upc-a', 13: 'ean-13', 14: 'itf-14' };

/**
 * The shop's own Code 128 labels: 4-11 upper-case letters, digits or `-`,
 * with at least one letter and one digit. Shorter than the 12 characters a
 * wallet code has at least, so the two never meet; longer in-store codes are
 * found by the catalog before the payment rules are tried.
 */
export const IN_STORE_CODE_128 = /^(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,10}$/;

/** The symbology `code`'s shape belongs to, or undefined when it is no product code. */
export function productSymbologyOf(code: string): ProductSymbology | undefined {
  if (GS1_NUMERIC.test(code)) return GS1_BY_LENGTH[code.length];
  return IN_STORE_CODE_128.test(code) ? 'code-128' : undefined;
}

/**
 * Reads `code` (already trimmed) as a product barcode, or undefined when its
 * shape is none. A wrong check digit is reported, not thrown: the caller
 * tells the cashier to scan again.
 */
export function parseProductBarcode(code: string): ProductBarcode | undefined {
  const symbology = productSymbologyOf(code);
  if (!symbology) return undefined;
  if (symbology === 'code-128') return { symbology, code, checkDigitValid: true, inStore: true };
  const expectedCheckDigit = gs1CheckDigit(code.slice(0, -1));
  return {
    symbology,
    code,
    checkDigitValid: expectedCheckDigit === code.charCodeAt(code.length - 1) - 48,
    expectedCheckDigit,
    gtin14: code.padStart(14, '0'),
    inStore: isRestricted(symbology, code),
  };
}

function isRestricted(symbology: ProductSymbology, code: string): boolean {
  if (symbology === 'ean-13') return code[0] === '2';
  if (symbology === 'upc-a') return code[0] === '2';
  if (symbology === 'ean-8') return code[0] === '0' || code[0] === '2';
  return false;
}
