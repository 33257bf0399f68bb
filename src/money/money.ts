import { currency } from './currency.js';

/** An amount in integer minor units of a currency (KRW: won; CNY: fen). Never a float. */
export interface Money {
  readonly currency: string;
  readonly minor: number;
}

/** Raised when arithmetic would leave safe integers or mix currencies. */
export class MoneyError extends Error {}

function checkMinor(minor: number): number {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`amount ${minor} is not a whole number of minor units`);
  return minor;
}

/** An amount of `minor` units of `code`. */
export function money(minor: number, code = 'KRW'): Money {
  currency(code);
  return { currency: code, minor: checkMinor(minor) };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new MoneyError(`cannot combine ${a.currency} and ${b.currency}`);
}

/** a + b, same currency. */
export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { currency: a.currency, minor: checkMinor(a.minor + b.minor) };
}

/** a - b, same currency. */
export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { currency: a.currency, minor: checkMinor(a.minor - b.minor) };
}

/** The amount times a whole quantity. */
export function multiply(a: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new MoneyError(`quantity ${quantity} is not a whole number`);
  return { currency: a.currency, minor: checkMinor(a.minor * quantity) };
}

/** Sum of amounts in one currency (zero of `code` when empty). */
export function sum(amounts: readonly Money[], code = 'KRW'): Money {
  return amounts.reduce(add, money(0, amounts[0]?.currency ?? code));
}

/**
 * The amount as a decimal string in major units without grouping ("15000",
 * "12.50"): the form EMV QR tag 54 and the relay protocol carry.
 */
export function toDecimalString(a: Money): string {
  const digits = currency(a.currency).minorDigits;
  if (digits === 0) return String(a.minor);
  const sign = a.minor < 0 ? '-' : '';
  const abs = String(Math.abs(a.minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Parses a decimal string in major units ("15000", "12.5") to minor units, exactly. */
export function fromDecimalString(text: string, code: string): Money {
  const digits = currency(code).minorDigits;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new MoneyError(`${JSON.stringify(text)} is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > digits) {
    throw new MoneyError(`${JSON.stringify(text)} has more decimals than ${code} allows (${digits})`);
  }
  const minor = Number(`${whole}${fraction.padEnd(digits, '0').slice(0, digits)}`);
  return money(sign === '-' ? -minor : minor, code);
}

/** Locale-aware display ("₩15,000", "CN¥12.50"), for screens; receipts format their own. */
export function formatMoney(a: Money, locale = 'ko-KR'): string {
  const digits = currency(a.currency).minorDigits;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: a.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(a.minor / 10 ** digits);
}
