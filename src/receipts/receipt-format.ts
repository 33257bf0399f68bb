/**
 * Number, date and identifier formats printed on Korean receipts. Receipts
 * format their own (src/money formats for screens) because paper needs fixed,
 * locale-independent output: the same bytes on every till.
 */

/** Whole won with thousands separators: 1234567 -> "1,234,567", -500 -> "-500". */
export function formatWon(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not whole won`);
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return amount < 0 ? `-${digits}` : digits;
}

/** 사업자등록번호 in its printed form 123-45-67890; anything that is not 10 digits is printed as given. */
export function formatBusinessNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length === 10
    ? `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`
    : number;
}


/** Clock milliseconds as KST wall time, "2026-01-05 10:00:00": one definition, in src/platform. */
export { kstDateTime as formatKstDateTime } from '../platform/business-time.js';
