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
});
export type StoreCloseout = z.infer<typeof storeCloseoutSchema>;


/** The answer of POST and GET /v1/closeout. */
export const storeCloseoutAnswerSchema = z.object({ result: storeResultSchema, closeout: storeCloseoutSchema });
