import { z } from 'zod';
import { TENDER_STATES } from '../../payments/payment-states.js';

export const tenderMethodSchema = z.enum(['cpm', 'mpm', 'mpm-offline', 'cash', 'card']);
export const tenderStateSchema = z.enum(TENDER_STATES);
export type TenderStateName = z.infer<typeof tenderStateSchema>;

/** One payment of a sale as the screen shows it. Payment codes appear masked only. */
export const tenderViewSchema = z.object({
  tenderId: z.string(),
  saleId: z.string(),
  method: tenderMethodSchema,
  state: tenderStateSchema,
  currency: z.string(),
  amount: z.number().int(),
  refunded: z.number().int(),
  wallet: z.string().nullable(),
  maskedCode: z.string().nullable(),
  /** Gateway result code of a decline or reversal: the UI translates `payment.reason.<code>`. */
  reasonCode: z.string().nullable(),
  /** The engine's words (English), shown when no translation exists. */
  reason: z.string().nullable(),
  expiresAt: z.number().int().nullable(),
  /** A card slip: its approval number, card company and 할부 months. */
  card: z.object({ approvalNumber: z.string(), cardCompany: z.string().nullable(), installmentMonths: z.number().int() }).nullable(),
});
export type TenderView = z.infer<typeof tenderViewSchema>;

/** A tender moved to a new state (pushed to every window). */
export const tenderChangedSchema = z.object({
  tenderId: z.string(),
  saleId: z.string(),
  method: tenderMethodSchema,
  from: tenderStateSchema.nullable(),
  to: tenderStateSchema,
  amount: z.number().int(),
  reasonCode: z.string().optional(),
  reason: z.string().optional(),
});
export type TenderChanged = z.infer<typeof tenderChangedSchema>;

/** A sale was opened, completed (with its receipt number) or abandoned. */
export const saleChangedSchema = z.object({
  saleId: z.string(),
  state: z.enum(['open', 'completed', 'abandoned']),
  receiptNumber: z.string().optional(),
});

/** Something the cashier or owner must see and act on. */
export const paymentAlertSchema = z.object({
  code: z.string(),
  message: z.string(),
  ref: z.string().optional(),
});
