/** A currency the till deals in: the shop's KRW and the wallets' home currencies. */
export interface Currency {
  code: string;
  /** ISO 4217 numeric code, as EMV QR tag 53 carries it. */
  numeric: string;
  /** Digits after the decimal point: KRW has none, CNY has two. */
  minorDigits: number;
}

const CURRENCIES: readonly Currency[] = [
  { code: 'KRW', numeric: '410', minorDigits: 0 },
  { code: 'CNY', numeric: '156', minorDigits: 2 },
  { code: 'HKD', numeric: '344', minorDigits: 2 },
  { code: 'USD', numeric: '840', minorDigits: 2 },
  { code: 'JPY', numeric: '392', minorDigits: 0 },
  { code: 'SGD', numeric: '702', minorDigits: 2 },
  { code: 'MYR', numeric: '458', minorDigits: 2 },
  { code: 'THB', numeric: '764', minorDigits: 2 },
  { code: 'PHP', numeric: '608', minorDigits: 2 },
  { code: 'MOP', numeric: '446', minorDigits: 2 },
  { code: 'EUR', numeric: '978', minorDigits: 2 },
];

const byCode = new Map(CURRENCIES.map((c) => [c.code, c]));
const byNumeric = new Map(CURRENCIES.map((c) => [c.numeric, c]));

/** Raised for a currency this till does not know. */
export class UnknownCurrencyError extends Error {}

/** The currency with this alphabetic code (e.g. "KRW"). */
export function currency(code: string): Currency {
  const found = byCode.get(code);
  if (!found) throw new UnknownCurrencyError(`unknown currency ${JSON.stringify(code)}`);
  return found;
}

/** The currency with this ISO 4217 numeric code (e.g. "410"), if known. */
export function currencyByNumeric(numeric: string): Currency | undefined {
  return byNumeric.get(numeric);
}

/** Every known alphabetic code. */
export const currencyCodes: readonly string[] = CURRENCIES.map((c) => c.code);
