import { z } from 'zod';
import type { CardApproval, CardCancelRequest, CardChargeRequest, CardTerminal } from '../devices/card-terminal.js';
import { InvalidInputError } from './errors.js';

/**
 * What the cashier keys from a standalone terminal's slip. Approval numbers
 * are up to 12 letters or digits (8 digits at most Korean acquirers);
 * 할부 is 0 (일시불) or 2 to 36 months, as card companies offer it.
 */
export const cardApprovalSchema = z.object({
  approvalNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{4,12}$/, 'An approval number has 4 to 12 letters or digits.'),
  cardCompany: z.string().trim().min(1).max(20).nullable(),
  installmentMonths: z
    .number()
    .int()
    .min(0)
    .max(36)
    .refine((m) => m !== 1, '할부 is 0 (일시불) or 2 months and more.'),
});

/** A cancellation slip's approval number, when the cashier typed one. */
export const cardCancelApprovalSchema = cardApprovalSchema.shape.approvalNumber;

/** Validates what was keyed from a slip; throws InvalidInputError with the cashier's words. */
export function parseCardApproval(input: unknown): CardApproval {
  const parsed = cardApprovalSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError('card-slip', parsed.error.issues.map((i) => i.message).join(' '));
  return parsed.data;
}

/**
 * The standalone terminal beside the till: it never talks to the till, so a
 * charge is the slip the cashier keyed (nothing to record without one) and a
 * cancel is done on the terminal, the till recording the cancellation slip's
 * approval number when it is typed.
 */
export class SlipCardTerminal implements CardTerminal {
  /** Records the slip keyed by the cashier. */
  charge(request: CardChargeRequest): Promise<CardApproval> {
    if (!request.slip) return Promise.reject(new InvalidInputError('card-slip', "Key in the card slip's approval number first."));
    return Promise.resolve(parseCardApproval(request.slip));
  }

  /** Records the cancellation done on the terminal. */
  cancel(request: CardCancelRequest): Promise<{ approvalNumber: string | null }> {
    if (request.approvalNumber === undefined) return Promise.resolve({ approvalNumber: null });
    const parsed = cardCancelApprovalSchema.safeParse(request.approvalNumber);
    if (!parsed.success) return Promise.reject(new InvalidInputError('card-slip', 'A cancellation approval number has 4 to 12 letters or digits.'));
    return Promise.resolve({ approvalNumber: parsed.data });
  }
}
