import { z } from 'zod';
import { customerDisplayViewSchema, displayItemSchema } from '../../devices/customer-display.js';

/** What the customer display shows now, and the shop's name for its idle screen. */
export const displayStateSchema = z.object({
  view: customerDisplayViewSchema,
  shopName: z.string().optional(),
});
export type DisplayStateView = z.infer<typeof displayStateSchema>;

const moneySchema = z.object({ currency: z.string().regex(/^[A-Z]{3}$/), minor: z.number().int() });

/** The cashier's basket as the customer watches it being rung up; no items = idle screen. */
export const showBasketSchema = z.strictObject({
  items: z.array(displayItemSchema).max(500),
  total: moneySchema,
});

export const displayLanguageInputSchema = z.strictObject({ language: z.enum(['ko', 'en', 'zh']) });
