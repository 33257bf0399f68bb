import { z } from 'zod';
import { formatBusinessNumber } from './receipt-format.js';

const BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/**
 * Check digit of a Korean business registration number (사업자등록번호,
 * `NNN-NN-NNNNN`): weighted sum of the first nine digits plus ⌊d9·5/10⌋;
 * the tenth digit is (10 − sum mod 10) mod 10.
 */
export function isValidBusinessNumber(value: string): boolean {
  if (!/^\d{3}-\d{2}-\d{5}$/.test(value)) return false;
  const digits = value.replace(/-/g, '').split('').map(Number);
  let sum = 0;
  BRN_WEIGHTS.forEach((weight, i) => (sum += digits[i]! * weight));
  sum += Math.floor((digits[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === digits[9];
}

// Typed as ten digits, with or without hyphens or spaces (issue 13 point 8): kept in the printed form.
const businessNumberSchema = z
  .string()
  .trim()
  .transform(formatBusinessNumber)
  .refine((value) => value === '' || isValidBusinessNumber(value), {
    message: 'business registration number must be NNN-NN-NNNNN with a valid check digit',
  });

/**
 * The shop as printed on receipts; empty strings mean "not filled in yet".
 * Here, beside the receipts, because the till's settings and the store
 * server's pushed store details (src/store) check them the same way.
 */
export const storeDetailsSchema = z.object({
  /** 상호 */
  name: z.string().max(60),
  /** 사업자등록번호 */
  businessNumber: businessNumberSchema,
  /** 대표자 */
  representative: z.string().max(40),
  address: z.string().max(160),
  phone: z.string().regex(/^[0-9+\-() ]{0,20}$/, 'phone may hold digits, spaces and + - ( ) only'),
});

/** The details a receipt must carry by law (상호, 사업자등록번호, 대표자), in the schema's field names. */
export const REQUIRED_STORE_DETAILS = ['name', 'businessNumber', 'representative'] as const;

/** Which of the required details are still blank: live mode sells only once there are none (issue 13 point 8). */
export function missingStoreDetails(store: Pick<z.output<typeof storeDetailsSchema>, (typeof REQUIRED_STORE_DETAILS)[number]>): Array<(typeof REQUIRED_STORE_DETAILS)[number]> {
  return REQUIRED_STORE_DETAILS.filter((field) => store[field].trim() === '');
}
