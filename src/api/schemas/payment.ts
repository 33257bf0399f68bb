import { z } from 'zod';
import { TENDER_STATES } from '../../payments/payment-states.js';
import { amountSchema, saleStatusSchema } from './sale.js';

export const tenderMethodSchema = z.enum(['cpm', 'mpm', 'mpm-offline', 'cash']);
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
});
export type TenderView = z.infer<typeof tenderViewSchema>;

/** What a payment attempt ended with, and where the sale stands after it. */
export const tenderOutcomeSchema = z.object({
  tender: tenderViewSchema,
  message: z.string().optional(),
  sale: saleStatusSchema,
});
export type TenderOutcomeView = z.infer<typeof tenderOutcomeSchema>;

const saleIdSchema = z.string().min(1).max(80);

/** CPM: the customer's wallet code as scanned. It is a single-use secret: never stored by the UI. */
export const payByCodeSchema = z.strictObject({
  saleId: saleIdSchema,
  // The relay protocol's bound on a payment code (MAX_SCAN_LENGTH in src/codes).
  code: z.string().trim().min(1).max(512),
  /** Part of what is due (split tender); all that is due when left out. */
  amount: amountSchema.positive().optional(),
});

export const showQrSchema = z.strictObject({
  saleId: saleIdSchema,
  amount: amountSchema.positive().optional(),
});

/** The QR on the customer display; its outcome arrives as `payment.tender` events. */
export const qrSessionSchema = z.object({
  tenderId: z.string(),
  offline: z.boolean(),
  qrPayload: z.string().nullable(),
  expiresAt: z.number().int().nullable(),
  sale: saleStatusSchema,
});
export type QrSession = z.infer<typeof qrSessionSchema>;

export const tenderRefSchema = z.strictObject({ tenderId: z.string().min(1).max(80) });

/** Offline QR: the cashier saw the customer's paid screen (or saw them give up). */
export const settleOfflineQrSchema = z.strictObject({
  tenderId: z.string().min(1).max(80),
  customerPaid: z.boolean(),
});

export const takeCashSchema = z.strictObject({
  saleId: saleIdSchema,
  tendered: amountSchema.positive(),
});

export const cashOutcomeSchema = tenderOutcomeSchema.extend({ change: z.number().int().nonnegative() });

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
