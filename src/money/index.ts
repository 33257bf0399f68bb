export { type Currency, currency, currencyByNumeric, currencyCodes, UnknownCurrencyError } from './currency.js';
export {
  type Money,
  MoneyError,
  money,
  add,
  subtract,
  multiply,
  sum,
  toDecimalString,
  fromDecimalString,
  formatMoney,
} from './money.js';
export { type TaxClass, type TaxedAmount, type VatSplit, splitVat } from './vat.js';
export { allocate, unitsAmount } from './allocate.js';
