import { z } from 'zod';
import { keyRotationSchema } from './gateway-key.js';
import { journalAnchorSchema } from '../ledger/journal-anchor.js';

/**
 * The relay gateway protocol (docs/relay-protocol.md, docs/relay-openapi.yaml):
 * the schemas both the client (src/relay) and the sandbox gateway (sandbox/)
 * validate against. Every value an amount touches is a string of minor units,
 * as Alipay+ does, so no JSON number ever carries money.
 */

export const PROTOCOL_VERSION = 'v1';

/** The wallets the relay routes to. Alipay and Alipay+ partner wallets share one route. */
export const walletSchema = z.enum(['zeropay', 'wechat-pay', 'alipay', 'unionpay', 'other']);
export type Wallet = z.infer<typeof walletSchema>;

/** `{currency, value}` with value in minor units as a string of digits (KRW: won). */
export const amountSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  value: z.string().regex(/^(0|[1-9]\d{0,15})$/),
});
export type Amount = z.infer<typeof amountSchema>;

/** Idempotency keys: ≤ 64 characters, as Alipay+'s paymentRequestId. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,64}$/);

export const resultSchema = z.object({
  status: z.enum(['S', 'F', 'U']),
  code: z.string().min(1).max(64),
  message: z.string().max(512),
});
export type Result = z.infer<typeof resultSchema>;

/** The payment's own state, distinct from whether a call about it worked. */
export const paymentStatusSchema = z.enum(['PROCESSING', 'SUCCESS', 'FAIL', 'CANCELLED']);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const paymentSchema = z.object({
  paymentId: z.string().min(1),
  paymentRequestId: requestIdSchema,
  status: paymentStatusSchema,
  scenario: z.enum(['CPM', 'MPM']),
  wallet: walletSchema.optional(),
  amount: amountSchema,
  /** What the customer's wallet was charged, in their currency (cross-border). */
  customerAmount: amountSchema.optional(),
  billNumber: z.string().max(25).optional(),
  /** Sum of successful refunds, minor units. */
  refundedValue: z.string().regex(/^\d+$/).default('0'),
  createdAt: z.string().datetime(),
  paidAt: z.string().datetime().optional(),
  failCode: z.string().optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

// ---- pay (CPM) -------------------------------------------------------------
export const payRequestSchema = z.object({
  paymentRequestId: requestIdSchema,
  amount: amountSchema,
  paymentCode: z.string().min(8).max(512),
  orderTitle: z.string().max(128),
  billNumber: z.string().max(25).optional(),
});
export type PayRequest = z.infer<typeof payRequestSchema>;
export const payResponseSchema = z.object({ result: resultSchema, payment: paymentSchema.optional() });
export type PayResponse = z.infer<typeof payResponseSchema>;

// ---- create order code (MPM) ----------------------------------------------
export const orderCodeRequestSchema = z.object({
  paymentRequestId: requestIdSchema,
  amount: amountSchema,
  orderTitle: z.string().max(128),
  billNumber: z.string().max(25),
  /** How long the code may be paid; the gateway may shorten it. */
  expireSeconds: z.number().int().min(30).max(900).default(180),
});
export type OrderCodeRequest = z.infer<typeof orderCodeRequestSchema>;
export const orderCodeResponseSchema = z.object({
  result: resultSchema,
  orderCode: z.object({ qrPayload: z.string().min(1).max(512), expiresAt: z.string().datetime() }).optional(),
  payment: paymentSchema.optional(),
});
export type OrderCodeResponse = z.infer<typeof orderCodeResponseSchema>;

// ---- inquiry ---------------------------------------------------------------
export const inquiryRequestSchema = z.object({ paymentRequestId: requestIdSchema });
export type InquiryRequest = z.infer<typeof inquiryRequestSchema>;
/** `result` says whether the inquiry worked; `payment.status` says where the payment is. */
export const inquiryResponseSchema = z.object({ result: resultSchema, payment: paymentSchema.optional() });
export type InquiryResponse = z.infer<typeof inquiryResponseSchema>;

// ---- cancel (same-day void and network cancellation, 망취소) ----------------
export const cancelRequestSchema = z.object({
  paymentRequestId: requestIdSchema,
  /** Why: a cashier's void, or a reversal of an unknown outcome. */
  reason: z.enum(['VOID', 'NETWORK_CANCELLATION', 'ORDER_EXPIRED', 'CASHIER_ABORT']),
});
export type CancelRequest = z.infer<typeof cancelRequestSchema>;
export const cancelResponseSchema = z.object({
  result: resultSchema,
  payment: paymentSchema.optional(),
  /**
   * The wallet asks for the cancel to be sent again (WeChat Pay reverse `recall=Y`): never an
   * acknowledgement, whatever the result says.
   */
  recall: z.boolean().optional(),
});
export type CancelResponse = z.infer<typeof cancelResponseSchema>;

// ---- refund ---------------------------------------------------------------
export const refundRequestSchema = z.object({
  refundRequestId: requestIdSchema,
  paymentRequestId: requestIdSchema,
  amount: amountSchema,
  reason: z.string().max(128).optional(),
});
export type RefundRequest = z.infer<typeof refundRequestSchema>;
/** Where a refund stands: refunds may complete asynchronously (WeChat Pay PROCESSING, Alipay+ inquiryRefund). */
export const refundStatusSchema = z.enum(['PROCESSING', 'SUCCESS', 'FAIL']);
export const refundSchema = z.object({
  refundId: z.string().min(1),
  /** Absent from older gateways, whose refunds were final when answered. */
  status: refundStatusSchema.default('SUCCESS'),
  refundRequestId: requestIdSchema,
  paymentRequestId: requestIdSchema,
  amount: amountSchema,
  customerAmount: amountSchema.optional(),
  refundedAt: z.string().datetime(),
});
export const refundResponseSchema = z.object({
  result: resultSchema,
  refund: refundSchema.optional(),
  payment: paymentSchema.optional(),
});
export type RefundResponse = z.infer<typeof refundResponseSchema>;

// ---- refund inquiry ---------------------------------------------------------
/**
 * Where a refund stands, by the till's own refundRequestId (Alipay+
 * inquiryRefund, WeChat Pay refundquery): how a refund whose answer was lost
 * is settled without sending it again on assumption.
 */
export const refundInquiryRequestSchema = z.object({ refundRequestId: requestIdSchema, paymentRequestId: requestIdSchema });
export type RefundInquiryRequest = z.infer<typeof refundInquiryRequestSchema>;
/** `S` with `refund`: it was made; `F REFUND_NOT_FOUND`: the gateway never made it (send it). */
export const refundInquiryResponseSchema = refundResponseSchema;
export type RefundInquiryResponse = z.infer<typeof refundInquiryResponseSchema>;

// ---- lookup by bill number (offline MPM confirmation) ---------------------
export const billLookupRequestSchema = z.object({ billNumbers: z.array(z.string().max(25)).min(1).max(200) });
// Refusals (bad signature, bad parameters) carry only `result`; the lists then default to empty.
export const billLookupResponseSchema = z.object({ result: resultSchema, payments: z.array(paymentSchema).default([]) });
export type BillLookupResponse = z.infer<typeof billLookupResponseSchema>;

// ---- journal batch upload -------------------------------------------------
export const journalUploadRecordSchema = z.object({
  recordId: z.string().uuid(),
  seq: z.number().int().positive(),
  kind: z.string().min(1).max(64),
  aggregateId: z.string().min(1).max(128),
  at: z.string().datetime(),
  /** The hash of the journal row before it: the gateway recomputes `hash` and checks the link (journal-head.ts). */
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  body: z.record(z.string(), z.unknown()),
});
export type JournalUploadRecord = z.infer<typeof journalUploadRecordSchema>;
export const journalBatchRequestSchema = z.object({ records: z.array(journalUploadRecordSchema).min(1).max(500) });
export const journalAckSchema = z.object({
  recordId: z.string().uuid(),
  /** DUPLICATE: already applied earlier; acknowledged, not applied again. */
  status: z.enum(['ACCEPTED', 'DUPLICATE', 'REJECTED']),
  code: z.string().optional(),
  message: z.string().optional(),
  /** Issuance outcome for records that ask the gateway to do something (cash receipts). */
  detail: z.record(z.string(), z.string()).optional(),
});
export type JournalAck = z.infer<typeof journalAckSchema>;
export const journalBatchResponseSchema = z.object({
  result: resultSchema,
  acks: z.array(journalAckSchema).default([]),
  /** The newest record the gateway holds for this terminal, signed by the gateway key (journal-head.ts). */
  head: journalAnchorSchema.optional(),
});
export type JournalBatchResponse = z.infer<typeof journalBatchResponseSchema>;

// ---- event stream (SSE) ---------------------------------------------------
export const gatewayEventSchema = z.object({
  id: z.string().regex(/^\d+$/),
  type: z.enum(['payment.succeeded', 'payment.failed', 'payment.cancelled', 'refund.succeeded']),
  payment: paymentSchema,
});
export type GatewayEvent = z.infer<typeof gatewayEventSchema>;

// ---- settlement statement -------------------------------------------------
export const settlementLineSchema = z.object({
  type: z.enum(['PAYMENT', 'REFUND', 'CANCEL']),
  paymentId: z.string(),
  paymentRequestId: requestIdSchema,
  refundRequestId: requestIdSchema.optional(),
  wallet: walletSchema,
  amount: amountSchema,
  customerAmount: amountSchema.optional(),
  fee: amountSchema,
  net: z.object({ currency: z.string(), value: z.string().regex(/^-?\d+$/) }),
  at: z.string().datetime(),
});
export type SettlementLine = z.infer<typeof settlementLineSchema>;
export const settlementResponseSchema = z.object({
  result: resultSchema,
  statement: z
    .object({
      businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      terminalId: z.string(),
      lines: z.array(settlementLineSchema),
    })
    .optional(),
});
export type SettlementResponse = z.infer<typeof settlementResponseSchema>;

/**
 * The merchant's statement (docs/relay-protocol.md, "Merchant statement"): every
 * terminal's lines of one KST date, each naming its terminal, as WeChat Pay's
 * statement is made per merchant number with the device on each line and
 * Alipay+'s settlement files per merchant id.
 */
export const merchantStatementLineSchema = settlementLineSchema.extend({ terminalId: z.string() });
export type MerchantStatementLine = z.infer<typeof merchantStatementLineSchema>;
export const merchantSettlementResponseSchema = z.object({
  result: resultSchema,
  statement: z
    .object({
      merchantId: z.string(),
      businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      lines: z.array(merchantStatementLineSchema),
    })
    .optional(),
});
export type MerchantSettlementResponse = z.infer<typeof merchantSettlementResponseSchema>;

// ---- exchange rates -------------------------------------------------------
export const exchangeRatesResponseSchema = z.object({
  result: resultSchema,
  rates: z
    .array(
      z.object({
        base: z.literal('KRW'),
        quote: z.string().regex(/^[A-Z]{3}$/),
        /** Units of `quote` per 1 KRW, as a decimal string. */
        rate: z.string().regex(/^\d+(\.\d+)?$/),
        at: z.string().datetime(),
      }),
    )
    .default([]),
});
export type ExchangeRatesResponse = z.infer<typeof exchangeRatesResponseSchema>;

// ---- terminal registration ------------------------------------------------
export const registerTerminalRequestSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9-]{3,32}$/),
  /** Ed25519 public key, SPKI DER, base64. */
  publicKey: z.string().min(40).max(200),
  /** The shop's code for a new terminal, or a one-time code the relay issued to re-key one (consumed). */
  enrollmentCode: z.string().min(4).max(64).optional(),
  /** Re-keying without a code: the current key's signature of rekeyStringToSign (signing.ts). */
  currentKeySignature: z.string().min(1).max(200).optional(),
});
export const registerTerminalResponseSchema = z.object({
  result: resultSchema,
  merchant: z.object({ merchantId: z.string(), name: z.string(), city: z.string(), mcc: z.string() }).optional(),
  /** The gateway's Ed25519 public key (SPKI DER, base64): the till pins it and believes only answers it signs. */
  gatewayKey: z.string().min(40).max(200).optional(),
});

// ---- gateway key rotations --------------------------------------------------
/** Every rotation the gateway made, oldest first; each is signed by the key it replaces. */
export const gatewayKeysResponseSchema = z.object({
  result: resultSchema,
  rotations: z.array(keyRotationSchema).max(100).default([]),
});
export type GatewayKeysResponse = z.infer<typeof gatewayKeysResponseSchema>;
