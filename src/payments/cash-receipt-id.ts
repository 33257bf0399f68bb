import { InvalidInputError } from './errors.js';
import type { CashReceiptIdentifierType } from './records.js';

/** A validated 현금영수증 (cash receipt) identifier. */
export interface CashReceiptIdentifier {
  type: CashReceiptIdentifierType;
  /** Digits only: what the National Tax Service issuance needs. */
  digits: string;
  /** What receipts, screens and logs show. */
  masked: string;
  /** 소득공제 for people, 지출증빙 for businesses. */
  purpose: 'deduction' | 'expense-proof';
}

/** Mobile numbers: 010 (and the legacy 011, 016-019) with 7 or 8 more digits. */
const MOBILE = /^01[016789]\d{7,8}$/;

/** Luhn (ISO/IEC 7812) check of a card number: cash receipt cards and payment cards carry it. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Check digit of a 사업자등록번호 (business registration number, 10 digits):
 * weights 1,3,7,1,3,7,1,3,5 on the first nine digits, plus the tens of
 * (9th digit × 5); the tenth digit makes the sum a multiple of ten.
 */
export function businessNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = weights.reduce((acc, w, i) => acc + Number(digits[i]) * w, 0);
  sum += Math.floor((Number(digits[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10 === Number(digits[9]);
}

function detectType(digits: string): CashReceiptIdentifierType {
  if (MOBILE.test(digits)) return 'phone';
  if (digits.length === 10) return 'business-number';
  return 'card';
}

function mask(type: CashReceiptIdentifierType, d: string): string {
  if (type === 'phone') return `${d.slice(0, 3)}-${'*'.repeat(d.length - 7)}-${d.slice(-4)}`;
  if (type === 'business-number') return `${d.slice(0, 3)}-${d.slice(3, 5)}-*****`;
  return `${d.slice(0, 4)}-${'*'.repeat(d.length - 8)}-${d.slice(-4)}`;
}

/**
 * Validates what the customer gave for a cash receipt: a mobile number, a
 * card number (Luhn) or a business registration number (check digit).
 * Spaces and hyphens are ignored; the type is detected when not given.
 * Throws InvalidInputError with words the cashier can read out.
 */
export function parseCashReceiptId(input: string, type?: CashReceiptIdentifierType): CashReceiptIdentifier {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) {
    throw new InvalidInputError('cash-receipt-id', 'A cash receipt number has digits only (phone, card or business number).');
  }
  const kind = type ?? detectType(digits);
  const valid =
    kind === 'phone'
      ? MOBILE.test(digits)
      : kind === 'business-number'
        ? businessNumberValid(digits)
        : digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
  if (!valid) {
    const what = kind === 'phone' ? 'mobile number' : kind === 'business-number' ? 'business registration number' : 'card number';
    throw new InvalidInputError('cash-receipt-id', `That ${what} is not valid: check the digits and enter it again.`);
  }
  return { type: kind, digits, masked: mask(kind, digits), purpose: kind === 'business-number' ? 'expense-proof' : 'deduction' };
}
