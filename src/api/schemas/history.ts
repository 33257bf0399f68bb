import { z } from 'zod';
import { pinSchema } from '../../payments/pin-policy.js';
import { tenderViewSchema } from './payment.js';
import { saleLineSchema, saleStateSchema, vatSplitSchema } from './sale.js';

/** Today's transactions, optionally searched by receipt number, amount or masked code. */
export const historyQuerySchema = z.strictObject({
  search: z.string().trim().max(64).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

/** One row of the history list. */
export const historyItemSchema = z.object({
  saleId: z.string(),
  receiptNumber: z.string().nullable(),
  state: saleStateSchema,
  openedAt: z.number().int(),
  total: z.number().int(),
  currency: z.string(),
  methods: z.array(z.string()),
  /** The wallets the gateway reported for the wallet payments among them (제로페이, 위챗페이, ...). */
  wallets: z.array(z.string()),
  /** Given back by refunds (환불). */
  refunded: z.number().int(),
  /** Given back by same-day voids (취소): the list says 취소됨. */
  cancelled: z.number().int(),
  /** An offline QR payment the gateway has not confirmed yet. */
  pendingConfirmation: z.boolean(),
  /** Journal rows of this sale are still in the outbox. */
  unsynced: z.boolean(),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const historyListSchema = z.object({
  businessDate: z.string().nullable(),
  items: z.array(historyItemSchema),
});

export const refundViewSchema = z.object({
  refundId: z.string(),
  tenderId: z.string(),
  kind: z.enum(['refund', 'void']),
  state: z.enum(['requested', 'completed', 'failed']),
  amount: z.number().int(),
  reason: z.string().nullable(),
  requestedAt: z.number().int(),
});
export type RefundView = z.infer<typeof refundViewSchema>;

/** A receipt's detail: lines, VAT split, payments with what is left to refund, refunds. */
export const historyDetailSchema = historyItemSchema.extend({
  lines: z.array(saleLineSchema),
  saleDiscount: z.number().int(),
  vat: vatSplitSchema,
  tenders: z.array(tenderViewSchema.extend({ refundable: z.number().int() })),
  refunds: z.array(refundViewSchema),
  /** Per line, in order: what it came to after discounts and how many units were returned already. */
  lineReturns: z.array(z.object({ amount: z.number().int(), returned: z.number().int() })),
});
export type HistoryDetail = z.infer<typeof historyDetailSchema>;

/** A refund or (same day, in full) a cancellation: the manager's PIN is checked in the core. */
export const refundInputSchema = z.strictObject({
  tenderId: z.string().min(1).max(80),
  /** A return by line (반품): line indexes of the sale and quantities; the amount follows from them. */
  lines: z.array(z.strictObject({ line: z.number().int().min(0).max(499), quantity: z.number().int().min(1).max(100_000) })).min(1).max(500).optional(),
  amount: z.number().int().positive().optional(),
  reason: z.string().trim().max(128).optional(),
  managerPin: pinSchema,
  /** A card slip given back on the card terminal: the cancellation slip's approval number, when typed. */
  approvalNumber: z.string().trim().regex(/^[0-9A-Za-z]{4,12}$/).optional(),
});

/** What happened to a print request; `queued` prints when the printer is back. */
export const printOutcomeSchema = z.object({
  state: z.enum(['printed', 'queued', 'not-configured']),
  reason: z.string().optional(),
});
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;
