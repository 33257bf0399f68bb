/**
 * Payment codes are single-use bearer secrets while they live (a WeChat code
 * for a minute, a Zero Pay code for three): the journal and the logs keep
 * them masked.
 */

/**
 * Keeps the first four and last four characters of `code` and stars the
 * rest, preserving its length (`1347**********8598`). Codes of eight
 * characters or fewer are starred entirely, or nothing would be hidden.
 */
export function maskPaymentCode(code: string): string {
  const chars = Array.from(code);
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}
