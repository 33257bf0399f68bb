import { z } from 'zod';
import { PAY_METHODS, WALLETS } from '../closeout/report-schema.js';
import { storeResultSchema } from './protocol.js';

/*
 * The store's close-out (마감정산) as the store server keeps and sends it
 * (docs/store-openapi.yaml): shared by the server that builds it and the
 * till that prints it, as protocol.ts is.
 */

const amount = z.number().int();
const figure = z.object({ count: z.number().int(), amount });
const vat = z.object({ supply: amount, taxable: amount, vat: amount, taxFree: amount, total: amount });
const cash = z.object({ expected: amount, counted: amount.nullable(), overShort: amount.nullable(), reason: z.string().nullable() });
const methods = z.object(Object.fromEntries(PAY_METHODS.map((m) => [m, amount])) as Record<(typeof PAY_METHODS)[number], typeof amount>);
const wallets = z.object(Object.fromEntries(WALLETS.map((w) => [w, amount])) as Record<(typeof WALLETS)[number], typeof amount>);

/** What a till's Z contributes to the store's day. */
export const tillFiguresSchema = z.object({
  gross: figure,
  refunds: figure,
  cancellations: figure,
  net: amount,
  receipts: z.number().int(),
  customers: z.number().int(),
  /** Net per payment method: 현금, 카드, 간편결제, 기타. */
  byMethod: methods,
  /** Net per 간편결제 wallet. */
  byWallet: wallets,
  vat,
  cash,
  /** The gateway settlement reconciliation as the till's Z made it. */
  reconciliation: z.object({ status: z.enum(['done', 'unavailable']), matched: z.number().int(), differences: z.number().int() }),
});
export type TillFigures = z.infer<typeof tillFiguresSchema>;

/** Why a merchant statement line matched no till of the store (docs/closeout.md, "The store's reconciliation"). */
export const UNMATCHED_KINDS = ['unknown-terminal', 'duplicate', 'fee', 'unreconciled'] as const;

/** A line of the merchant's statement that no till's Z accounts for. */
export const unmatchedLineSchema = z.object({
  kind: z.enum(UNMATCHED_KINDS),
  terminalId: z.string(),
  type: z.enum(['PAYMENT', 'CANCEL', 'REFUND']),
  paymentRequestId: z.string(),
  refundRequestId: z.string().nullable(),
  /** 승인번호: the gateway's payment id. */
  paymentId: z.string(),
  wallet: z.string(),
  amount,
  fee: amount,
  net: amount,
  at: z.number(),
});
export type UnmatchedLine = z.infer<typeof unmatchedLineSchema>;

/** The store's day against the merchant's statement: what the gateway settles for every terminal, and what no till accounts for. */
export const merchantReconciliationSchema = z.object({
  /** `unavailable`: no gateway configured for the store, or the statement could not be had (`reason`). */
  status: z.enum(['done', 'unavailable']),
  reason: z.string().nullable(),
  merchantId: z.string().nullable(),
  statementDates: z.array(z.string()),
  /** Lines of the statement within the store's business day (cut-off to cut-off). */
  lines: z.number().int(),
  /** What the gateway settles for those lines (payments less cancels and refunds, after fees). */
  net: amount,
  /** The net the closed tills' Zs reconciled with their own terminal's statement. */
  tillsNet: amount,
  /** net − tillsNet: zero when every line is a till's. */
  netDifference: amount,
  /** Per terminal of the statement (and per closed till's terminal): its lines and net, and the till whose Z names it. */
  terminals: z.array(z.object({ terminalId: z.string(), tillId: z.string().nullable(), lines: z.number().int(), net: amount, tillNet: amount.nullable() })),
  unmatched: z.array(unmatchedLineSchema),
});
export type MerchantReconciliation = z.infer<typeof merchantReconciliationSchema>;

/** The store's close-out (마감정산) of one business day across all its tills. */
export const storeCloseoutSchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  generatedAt: z.number(),
  version: z.number().int().positive(),
  tills: z.array(
    z.object({
      tillId: z.string(),
      /**
       * `not-closed`: the till has not sent a Z for the day (not closed yet, or not synced).
       * `refused`: its Z is not signed by the till's enrolled key, or changed after it was (not summed).
       */
      status: z.enum(['closed', 'not-closed', 'refused']),
      closedAt: z.number().nullable(),
      closedBy: z.string().nullable(),
      /** The Z's chain head (seq:hash) as the till printed it, with the till's signature. */
      chainHead: z.object({ seq: z.number().int(), hash: z.string(), keyId: z.string().optional(), signature: z.string().optional() }).nullable(),
      figures: tillFiguresSchema.nullable(),
      /** Why a refused Z was refused. */
      refusal: z.string().nullable().default(null),
    }),
  ),
  /** Sums over the closed tills' Zs. */
  totals: tillFiguresSchema,
  notClosed: z.array(z.string()),
  /** Tills whose Z was refused (status `refused`). */
  refused: z.array(z.string()).default([]),
  /** Against the merchant's statement (null in close-outs kept before it existed). */
  merchant: merchantReconciliationSchema.nullable().default(null),
});
export type StoreCloseout = z.infer<typeof storeCloseoutSchema>;


/** The answer of POST and GET /v1/closeout. */
export const storeCloseoutAnswerSchema = z.object({ result: storeResultSchema, closeout: storeCloseoutSchema });
