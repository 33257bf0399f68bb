import { z } from 'zod';
import { pinSchema } from '../../payments/pin-policy.js';
import { amountSchema, saleBalanceSchema, saleStateSchema, taxClassSchema, vatSplitSchema } from './sale.js';
import { tenderMethodSchema, tenderStateSchema } from './payment.js';

const lineIdSchema = z.string().min(1).max(32);

/** A line of the checkout session's cart, with its amount after its own discount. */
export const checkoutLineSchema = z.object({
  lineId: z.string(),
  name: z.string(),
  unitPrice: z.number().int(),
  quantity: z.number().int(),
  tax: taxClassSchema,
  discount: z.number().int(),
  amount: z.number().int(),
});
export type CheckoutLineView = z.infer<typeof checkoutLineSchema>;

/** The tender the session is waiting for (a CPM answer, a QR on the customer display, cash). */
export const tenderInFlightSchema = z.object({
  method: tenderMethodSchema,
  tenderId: z.string().nullable(),
  state: tenderStateSchema.nullable(),
  amount: z.number().int().nullable(),
  wallet: z.string().nullable(),
  qr: z.object({ offline: z.boolean(), qrPayload: z.string().nullable(), expiresAt: z.number().int().nullable() }).nullable(),
  /** What the customer is doing meanwhile: `password` while they enter their wallet password (USERPAYING). */
  waiting: z.enum(['password']).nullable(),
});

/** How the last tender ended. */
export const checkoutOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('approved'),
    tenderId: z.string(),
    method: tenderMethodSchema,
    amount: z.number().int(),
    wallet: z.string().nullable(),
    change: z.number().int().nullable(),
    pending: z.boolean(),
    complete: z.boolean(),
    receiptNumber: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('declined'),
    tenderId: z.string(),
    method: tenderMethodSchema,
    reasonCode: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  z.object({ kind: z.literal('cancelled'), tenderId: z.string(), method: tenderMethodSchema }),
]);
export type CheckoutOutcomeView = z.infer<typeof checkoutOutcomeSchema>;

/** The checkout session's state: everything the sale screen and the customer display render. */
export const checkoutStateSchema = z.object({
  cartId: z.string(),
  version: z.number().int(),
  lines: z.array(checkoutLineSchema),
  saleDiscount: z.number().int(),
  totals: vatSplitSchema.extend({ subtotal: z.number().int() }),
  sale: z
    .object({ saleId: z.string(), state: saleStateSchema, receiptNumber: z.string().nullable(), balance: saleBalanceSchema })
    .nullable(),
  /** Why the lines cannot change now; the screen greys the line tools. */
  locked: z.object({ code: z.string(), message: z.string() }).nullable(),
  part: z.number().int().nullable(),
  tender: tenderInFlightSchema.nullable(),
  outcome: checkoutOutcomeSchema.nullable(),
  refusal: z.object({ code: z.string(), message: z.string(), seq: z.number().int() }).nullable(),
  lastReceipt: z.object({ saleId: z.string(), receiptNumber: z.string() }).nullable(),
});
export type CheckoutStateView = z.infer<typeof checkoutStateSchema>;

/** An item key or an amount typed as an open-price line. */
export const addLineSchema = z.strictObject({
  /** The catalog item (a key or a scan); absent for an open-price line. Its stock follows the sale. */
  itemId: z.string().min(1).max(40).optional(),
  name: z.string().trim().min(1).max(64),
  unitPrice: amountSchema,
  quantity: z.number().int().min(1).max(100_000).default(1),
  tax: taxClassSchema,
  /** The cashier confirmed an open-price amount over the till's limit (refused as `open-price-over-limit` without it). */
  confirmed: z.literal(true).optional(),
});

export const setQuantitySchema = z.strictObject({ lineId: lineIdSchema, quantity: z.number().int().min(1).max(100_000) });

/** A discount on one line, or on the sale when no line is named. */
export const discountSchema = z.strictObject({
  lineId: lineIdSchema.optional(),
  kind: z.enum(['amount', 'percent']),
  value: amountSchema,
});

export const lineRefSchema = z.strictObject({ lineId: lineIdSchema });

/** Split tender: the part the next tender takes; null for all that is due. */
export const setPartSchema = z.strictObject({ amount: amountSchema.positive().nullable() });

/** CPM: the customer's wallet code as typed or pasted. A single-use secret: never stored by the UI. */
export const payByCodeSchema = z.strictObject({
  // The relay protocol's bound on a payment code (MAX_SCAN_LENGTH in src/codes).
  code: z.string().trim().min(1).max(512),
});

/**
 * Offline QR: "the customer paid" completes the sale on the cashier's word
 * alone until the gateway reports it, so a manager's PIN vouches for it
 * (issue 14 point 3). "Did not pay" takes the QR down, which any cashier may
 * do (checkout.cancelQr), and the bill is still looked up in case it was paid.
 */
export const settleOfflineQrSchema = z.discriminatedUnion('customerPaid', [
  z.strictObject({ customerPaid: z.literal(true), managerPin: pinSchema }),
  z.strictObject({ customerPaid: z.literal(false) }),
]);

/**
 * 현금영수증: the customer's phone, business or cash-receipt card number
 * (checked in the core, check digit included), or 자진발급 (the tax
 * service's 010-000-1234) when they give none; 소득공제 or 지출증빙.
 */
export const cashReceiptAskSchema = z
  .strictObject({
    identifier: z.string().trim().min(1).max(32).optional(),
    purpose: z.enum(['deduction', 'expense-proof']).optional(),
    selfIssue: z.boolean().optional(),
  })
  .refine((a) => a.selfIssue === true || a.identifier !== undefined, 'a number, or self-issue');

export const takeCashSchema = z.strictObject({ tendered: amountSchema.positive(), cashReceipt: cashReceiptAskSchema.optional() });

/**
 * A card paid on the shop's card terminal: what its slip says. `amount`
 * defaults to the part asked for, else all that is due.
 */
export const cardSlipSchema = z.strictObject({
  amount: amountSchema.positive().optional(),
  approvalNumber: z.string().trim().regex(/^[0-9A-Za-z]{4,12}$/),
  cardCompany: z.string().trim().min(1).max(20).nullable().default(null),
  installmentMonths: z.number().int().min(0).max(36).default(0),
});
