import { z } from 'zod';
import { cartChangeBodySchema } from './cart-changes.js';
import { cartBodySchema } from './checkout-cart.js';
import { TENDER_METHODS, TENDER_STATES } from './payment-states.js';

/**
 * The bodies of the journal rows the payment engine writes, as zod schemas:
 * each kind is one fact, written from the typed body and parsed against its
 * schema wherever it is read back (`parseBody`, src/platform/stored-json.ts), so a
 * damaged body is an error naming the record, never a wrong figure. The
 * projector folds them into the pay_* tables, so the tables can be rebuilt
 * from the journal at any time. Payment codes appear only masked; amounts
 * are integer minor units. The schemas check types, not today's input
 * limits: a body an older release wrote must still read.
 */

const int = z.number().int();
const tenderMethod = z.enum(TENDER_METHODS);
const tenderState = z.enum(TENDER_STATES);
/** Journal record ids the gateway must have before this one (sync order). */
const dependsOn = z.array(z.string()).optional();

/** 공급가액 + 부가세 + 면세 = 합계 (src/money VatSplit). */
export const vatSplitBodySchema = z.object({ supply: int, vat: int, taxFree: int, total: int });

/** One line of a sale: what was sold, at what VAT-inclusive unit price, how many. */
export const saleLineBodySchema = z.object({
  /** The catalog item sold (absent for an open-price line); src/catalog lowers its stock from this record. */
  itemId: z.string().optional(),
  name: z.string(),
  unitPrice: int,
  quantity: int,
  tax: z.enum(['taxable', 'tax-free']),
  /** Discount on this line, minor units, VAT included. */
  discount: int.optional(),
});
export type SaleLine = z.infer<typeof saleLineBodySchema>;

export const saleOpenedBodySchema = z.object({
  saleId: z.string(),
  businessDate: z.string(),
  currency: z.string(),
  lines: z.array(saleLineBodySchema),
  /** Discount on the whole sale, spread over the lines by value. */
  saleDiscount: int,
  total: int,
  vat: vatSplitBodySchema,
  cashierId: z.string().optional(),
});
export type SaleOpenedBody = z.infer<typeof saleOpenedBodySchema>;

export const saleCompletedBodySchema = z.object({
  saleId: z.string(),
  receiptNumber: z.string(),
  /** The receipt's sequence within its business day (the counter the projector keeps). */
  receiptSeq: int,
  businessDate: z.string(),
  total: int,
  currency: z.string(),
  vat: vatSplitBodySchema,
  tenders: z.array(z.object({ tenderId: z.string(), method: tenderMethod, amount: int })),
});
export type SaleCompletedBody = z.infer<typeof saleCompletedBodySchema>;

export const saleAbandonedBodySchema = z.object({ saleId: z.string(), reason: z.string() });
export type SaleAbandonedBody = z.infer<typeof saleAbandonedBodySchema>;

/** One state change of a tender. `from` null for the row that creates it. */
export const tenderStateBodySchema = z.object({
  tenderId: z.string(),
  saleId: z.string(),
  method: tenderMethod,
  from: tenderState.nullable(),
  to: tenderState,
  currency: z.string(),
  amount: int,
  wallet: z.string().optional(),
  maskedCode: z.string().optional(),
  /** CPM: a digest of the wallet code, so one code is refused a second time within a sale. */
  codeDigest: z.string().optional(),
  billNumber: z.string().optional(),
  /** MPM: the terminal-wide counter behind `billNumber`. */
  billSeq: int.optional(),
  gatewayPaymentId: z.string().optional(),
  /** Offline MPM: the paymentRequestId the wallet's payment has at the gateway. */
  gatewayRequestId: z.string().optional(),
  /**
   * Cross-border: what the customer's wallet was charged in their currency
   * (minor units), as the gateway reported it with the payment's success.
   */
  customerCurrency: z.string().optional(),
  customerAmount: int.optional(),
  /** Result code and words for the cashier (declines, reversals). */
  reasonCode: z.string().optional(),
  reason: z.string().optional(),
  /** Who authorised the change with their PIN (an offline QR's write-off). */
  staffId: z.string().optional(),
  /** MPM: when the order code (or the offline QR) stops being payable. */
  expiresAt: int.optional(),
  /** Cash: what the customer handed over and what went back. */
  tendered: int.optional(),
  change: int.optional(),
  /** Card: the terminal slip's approval number, card company and 할부 months (src/devices CardApproval). */
  card: z.object({ approvalNumber: z.string(), cardCompany: z.string().nullable(), installmentMonths: int }).optional(),
  dependsOn,
});
export type TenderStateBody = z.infer<typeof tenderStateBodySchema>;

export type RefundKind = 'refund' | 'void';
export type RefundState = 'requested' | 'completed' | 'failed';

/** One state change of a refund or a same-day void of a tender. */
export const refundStateBodySchema = z.object({
  refundId: z.string(),
  tenderId: z.string(),
  saleId: z.string(),
  method: tenderMethod,
  kind: z.enum(['refund', 'void']),
  from: z.enum(['requested', 'completed', 'failed']).nullable(),
  to: z.enum(['requested', 'completed', 'failed']),
  currency: z.string(),
  amount: int,
  reason: z.string().optional(),
  reasonCode: z.string().optional(),
  staffId: z.string().optional(),
  /** Cross-border: what goes back to the customer's wallet in their currency (the gateway's answer). */
  customerCurrency: z.string().optional(),
  customerAmount: int.optional(),
  /**
   * The refund that replaces a network cancellation refused past the cancel
   * window (refund id `<tenderId>.rev`): the payment never counted as a
   * sale, so this is not a refund in the day's figures either.
   */
  reversal: z.boolean().optional(),
  /** A return by line: the lines that came back (returns.ts, `refundContentSchema`). */
  lines: z.array(z.object({ line: int, quantity: int, amount: int })).optional(),
  /** The VAT split this refund books, telescoped over the sale's life (positive amounts). */
  vat: vatSplitBodySchema.optional(),
  /** The refund's approval number, on the completed row: the gateway's refund id, or a card cancellation slip's. */
  gatewayRefundId: z.string().optional(),
  dependsOn,
});
export type RefundStateBody = z.infer<typeof refundStateBodySchema>;

export type CashMovementKind = 'float' | 'pay-in' | 'pay-out';

export const cashMovementBodySchema = z.object({
  movementId: z.string(),
  kind: z.enum(['float', 'pay-in', 'pay-out']),
  currency: z.string(),
  amount: int,
  reason: z.string(),
  staffId: z.string().optional(),
});
export type CashMovementBody = z.infer<typeof cashMovementBodySchema>;

export const drawerOpenedBodySchema = z.object({
  reason: z.enum(['sale', 'refund', 'cash-movement', 'no-sale']),
  saleId: z.string().optional(),
});
export type DrawerOpenedBody = z.infer<typeof drawerOpenedBodySchema>;

export type CashReceiptIdentifierType = 'phone' | 'card' | 'business-number';

/** Who a 현금영수증 (or its cancellation) is for, and for how much: the same fields on both. */
const cashReceiptSubject = {
  tenderId: z.string(),
  saleId: z.string(),
  identifierType: z.enum(['phone', 'card', 'business-number']),
  identifier: z.string(),
  masked: z.string(),
  /** 소득공제 (personal deduction) or 지출증빙 (business expense proof). */
  purpose: z.enum(['deduction', 'expense-proof']),
  amount: int,
};

/** 현금영수증 request: uploaded with the sync for issuance, so it carries the full identifier. */
export const cashReceiptRequestedBodySchema = z.object({
  ...cashReceiptSubject,
  /** 자진발급: the customer gave no number, issued to the tax service's 010-000-1234. */
  selfIssued: z.boolean().optional(),
  dependsOn,
});
export type CashReceiptRequestedBody = z.infer<typeof cashReceiptRequestedBodySchema>;

export const cashReceiptResultBodySchema = z.object({
  tenderId: z.string(),
  status: z.enum(['issued', 'failed']),
  approvalNumber: z.string().optional(),
  code: z.string().optional(),
});
export type CashReceiptResultBody = z.infer<typeof cashReceiptResultBodySchema>;

/** 현금영수증 취소: a cash refund cancels (part of) the cash receipt issued for its tender. */
export const cashReceiptCancelRequestedBodySchema = z.object({
  ...cashReceiptSubject,
  refundId: z.string(),
  /** The issued receipt's 승인번호, when it was known at the time (the gateway matches by tender otherwise). */
  originalApproval: z.string().optional(),
  dependsOn,
});
export type CashReceiptCancelRequestedBody = z.infer<typeof cashReceiptCancelRequestedBodySchema>;

export const cashReceiptCancelResultBodySchema = z.object({
  tenderId: z.string(),
  refundId: z.string(),
  status: z.enum(['cancelled', 'failed']),
  approvalNumber: z.string().optional(),
  code: z.string().optional(),
});
export type CashReceiptCancelResultBody = z.infer<typeof cashReceiptCancelResultBodySchema>;

export const businessDayBodySchema = z.object({ businessDate: z.string() });
export type BusinessDayBody = z.infer<typeof businessDayBodySchema>;

/** The tender projection's `detail` column: what a cash customer handed over and the change, a card slip (projector.ts). */
export const tenderDetailSchema = tenderStateBodySchema.pick({ tendered: true, change: true, card: true });
export type TenderDetail = z.infer<typeof tenderDetailSchema>;

/** Every kind the payment engine writes, with the schema of its body. */
export const paymentBodySchemas = {
  'sale.opened': saleOpenedBodySchema,
  'sale.completed': saleCompletedBodySchema,
  'sale.abandoned': saleAbandonedBodySchema,
  'tender.state': tenderStateBodySchema,
  'refund.state': refundStateBodySchema,
  'cash.movement': cashMovementBodySchema,
  'drawer.opened': drawerOpenedBodySchema,
  'cash-receipt.requested': cashReceiptRequestedBodySchema,
  'cash-receipt.result': cashReceiptResultBodySchema,
  'cash-receipt.cancel-requested': cashReceiptCancelRequestedBodySchema,
  'cash-receipt.cancel-result': cashReceiptCancelResultBodySchema,
  'business-day.opened': businessDayBodySchema,
  'business-day.closed': businessDayBodySchema,
  'checkout.cart': cartBodySchema,
  'checkout.cart-change': cartChangeBodySchema,
} as const;

export type PaymentRecordKind = keyof typeof paymentBodySchemas;

/** Every kind the payment engine writes, with its body type. */
export type PaymentRecordBodies = { [K in PaymentRecordKind]: z.infer<(typeof paymentBodySchemas)[K]> };
