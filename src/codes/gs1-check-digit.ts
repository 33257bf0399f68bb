/**
 * The GS1 mod-10 check digit shared by GTIN-8, GTIN-12 (UPC-A), GTIN-13
 * (EAN-13) and GTIN-14 (ITF-14): from the rightmost data digit leftwards the
 * weights alternate 3, 1, 3, …; the check digit brings the sum to a multiple
 * of ten (GS1 General Specifications, section 7.9.1).
 */

/** The check digit (0-9) for `data`, a string of digits without its check digit. */
export function gs1CheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 1) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** `data` with its GS1 check digit appended (e.g. for a new in-store code). */
export function withGs1CheckDigit(data: string): string {
  return `${data}${gs1CheckDigit(data)}`;
}
