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

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * Clock milliseconds as Korean Standard Time, "2026-01-05 10:00:00". KST is
 * UTC+9 all year (no daylight saving), so a fixed offset is exact and does not
 * depend on the till's time-zone setting.
 */
export function formatKstDateTime(epochMs: number): string {
  const iso = new Date(epochMs + KST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
