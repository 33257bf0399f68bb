import { z } from 'zod';

/**
 * The close-out report as the contract (src/api) carries it, the Z journal
 * record stores it and the CSV and printed report show it. Amounts are
 * integer minor units (KRW: won); times are clock milliseconds.
 */

/** The five channels the report totals by: the wallets, cash, and everything else. */
export const CHANNELS = ['zeropay', 'wechat-pay', 'alipay', 'cash', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a tender was paid (src/payments TenderMethod). */
export const METHODS = ['cpm', 'mpm', 'mpm-offline', 'cash', 'card'] as const;

/** The Z's payment methods as a Korean owner reads them: 현금, 카드, 간편결제 (every QR wallet), 기타. */
export const PAY_METHODS = ['cash', 'card', 'easyPay', 'other'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];

/** The 간편결제 wallets (other: UnionPay, EMV consumer QR, a wallet the gateway has not reported yet). */
export const WALLETS = ['zeropay', 'wechat-pay', 'alipay', 'other'] as const;
export type Wallet = (typeof WALLETS)[number];

const amount = z.number().int();
const count = z.number().int().min(0);

export const figureSchema = z.object({ count, amount });
export type Figure = z.infer<typeof figureSchema>;

/** What one channel (or method) took and gave back. */
export const channelTotalsSchema = z.object({
  sales: figureSchema,
  refunds: figureSchema,
  /** Same-day voids (취소) of payments. */
  cancellations: figureSchema,
  /** Network cancellations (망취소): unknown outcomes reversed; never part of sales. */
  networkCancellations: figureSchema,
  /** sales − refunds − cancellations. */
  net: amount,
});
export type ChannelTotals = z.infer<typeof channelTotalsSchema>;

/** 과세 (supply before VAT), 부가세, 면세 of some sales net of refunds. */
export const vatTotalsSchema = z.object({ taxable: amount, vat: amount, taxFree: amount });

/** One calendar date's share of a business day: a day past midnight files its supply on two dates. */
export const calendarDateFiguresSchema = vatTotalsSchema.extend({ date: z.string(), sales: amount });

/** 공급가액 + 부가세 + 면세 = total, and the same split by calendar date (absent in reports before it existed). */
export const vatSplitSchema = z.object({
  supply: amount,
  /** 과세 (the supply value): the name the VAT return uses. */
  taxable: amount,
  vat: amount,
  taxFree: amount,
  total: amount,
  byCalendarDate: z.array(calendarDateFiguresSchema).default([]),
});

/** Something the owner must act on: a business day past its end still waiting for its Z. */
export const alertSchema = z.object({ kind: z.literal('late-z'), businessDate: z.string() });

export const hourFigureSchema = z.object({ hour: z.number().int().min(0).max(23), count, amount });

export const itemFigureSchema = z.object({ name: z.string(), quantity: z.number().int(), amount });

/** The largest `top` entries by amount and the rest summed. */
export const topItemsSchema = z.object({ top: z.array(itemFigureSchema), rest: z.object({ items: count, quantity: z.number().int(), amount }) });

/** The store as the Z prints it (settings: 상호, 사업자등록번호, 대표자). */
export const storeSchema = z.object({ name: z.string(), businessNumber: z.string(), representative: z.string() });
export type StoreIdentity = z.infer<typeof storeSchema>;

/** The Z's headline figures (docs/closeout.md defines each). */
export const summarySchema = z.object({
  gross: amount,
  discounts: amount,
  refunds: amount,
  voids: amount,
  net: amount,
  /** 영수건수: completed sales (receipts issued). */
  receipts: count,
  /** Payments taken (a split sale has several). */
  payments: count,
  /** 객수: one customer per receipt. */
  customers: count,
  /** 객단가: net / customers, rounded (0 without customers). */
  averagePerCustomer: amount,
});

export const DENOMINATIONS = [50_000, 10_000, 5_000, 1_000, 500, 100, 50, 10] as const;

export const cashSectionSchema = z.object({
  float: amount,
  payIns: amount,
  payOuts: amount,
  sales: amount,
  /** Cash given back (refunds of cash payments). */
  refunds: amount,
  /** float + pay-ins + cash sales − cash refunds − pay-outs. */
  expected: amount,
  /** The last count of the day, if one was recorded. */
  counted: amount.nullable(),
  /** counted − expected. */
  difference: amount.nullable(),
  /** 과부족: the same as `difference`, under the name the Z prints. */
  overShort: amount.nullable().default(null),
  reason: z.string().nullable(),
  /** Pieces counted per denomination ("50000": 3, …). */
  denominations: z.record(z.string(), count).nullable(),
  countedAt: z.number().nullable(),
});
export type CashSection = z.infer<typeof cashSectionSchema>;

export const reconciliationItemSchema = z.object({
  type: z.enum(['PAYMENT', 'CANCEL', 'REFUND']),
  paymentRequestId: z.string(),
  refundRequestId: z.string().nullable(),
  channel: z.enum(CHANNELS),
  posAmount: amount.nullable(),
  gatewayAmount: amount.nullable(),
  /** What names the difference for the owner: the receipt, the time (journal's, else the gateway's) and the 승인번호. */
  receiptNumber: z.string().nullable().default(null),
  at: z.number().nullable().default(null),
  approvalNumber: z.string().nullable().default(null),
});
export type ReconciliationItem = z.infer<typeof reconciliationItemSchema>;

export const walletSettlementSchema = z.object({
  channel: z.enum(CHANNELS),
  lines: count,
  /** Payments − cancellations − refunds, as the gateway booked them. */
  amount,
  fee: amount,
  net: amount,
});

export const customerCurrencyTotalSchema = z.object({
  channel: z.enum(CHANNELS),
  currency: z.string(),
  lines: count,
  /** Payments − cancellations − refunds, in the customer currency's minor units. */
  amount,
});
export type CustomerCurrencyTotal = z.infer<typeof customerCurrencyTotalSchema>;

/** A line whose customer-currency amount the journal and the statement disagree on (amounts in `currency`). */
export const customerMismatchSchema = reconciliationItemSchema.extend({ currency: z.string() });

export const reconciliationSchema = z.object({
  /** `unavailable`: the statement could not be fetched (offline, no gateway). */
  status: z.enum(['done', 'unavailable']),
  reason: z.string().nullable(),
  statementDates: z.array(z.string()),
  /** Statement lines that agree with the journal. */
  matched: count,
  missingAtGateway: z.array(reconciliationItemSchema),
  missingInPos: z.array(reconciliationItemSchema),
  mismatched: z.array(reconciliationItemSchema),
  perWallet: z.array(walletSettlementSchema),
  /** What cross-border customers were charged in their own currency, as the statement has it. */
  customerCurrency: z.array(customerCurrencyTotalSchema),
  /** Lines whose customer-currency amount differs between the journal and the statement (absent in reports before it existed). */
  customerMismatched: z.array(customerMismatchSchema).default([]),
  /** A statement line repeated: the same payment, void or refund booked twice. */
  duplicates: z.array(reconciliationItemSchema).default([]),
  /** A payment booked under another wallet than the journal's (never counted as matched). */
  walletMismatched: z.array(reconciliationItemSchema.extend({ gatewayChannel: z.enum(CHANNELS) })).default([]),
  /** A fee off the wallet's contracted rate, or a net that is not amount − fee. */
  feeMismatched: z.array(reconciliationItemSchema.extend({ fee: amount, expectedFee: amount, net: amount, expectedNet: amount })).default([]),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

/**
 * A closed day reconciled after its Z, whose statement could not be had
 * when it closed (a day closed offline): journaled beside the Z as
 * `closeout.amendment`, once; the Z itself never changes.
 */
export const amendmentSchema = z.object({
  /** The closed business day the reconciliation is of. */
  businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The business day it was made on: listed there among the corrections. */
  bookedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  at: z.number(),
  reconciliation: reconciliationSchema,
});
export type Amendment = z.infer<typeof amendmentSchema>;

/** The kinds of reconciliation difference, in the order the paper lists them. */
export const DIFFERENCE_KINDS = ['missingAtGateway', 'missingInPos', 'mismatched', 'duplicates', 'walletMismatched', 'feeMismatched', 'customerMismatched'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** What names one difference across reports, the journal and the screen: its kind and the statement line's key. */
export function differenceKey(kind: DifferenceKind, item: Pick<ReconciliationItem, 'type' | 'paymentRequestId' | 'refundRequestId'>): string {
  return `${kind}:${item.type}:${item.paymentRequestId}:${item.refundRequestId ?? ''}`;
}

/** How the owner settles a difference: a refund to give the customer, a write-off booked today, or a note. */
export const RESOLUTION_ACTIONS = ['refund-task', 'write-off', 'note'] as const;

/** An owner's resolution of a difference (journaled as `closeout.resolution`). */
export const resolutionSchema = z.object({
  /** The business day whose reconciliation found the difference. */
  businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The business day the resolution was made on: a write-off is booked there. */
  bookedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  key: z.string().min(1).max(300),
  kind: z.enum(DIFFERENCE_KINDS),
  action: z.enum(RESOLUTION_ACTIONS),
  /** A write-off's amount: what the till's books lose (+) or gain (−), won; 0 for the other actions. */
  amount: amount,
  receiptNumber: z.string().nullable(),
  approvalNumber: z.string().nullable(),
  note: z.string().max(200),
  staffId: z.string(),
  staffName: z.string(),
  at: z.number(),
});
export type Resolution = z.infer<typeof resolutionSchema>;

/**
 * A correction booked on the day it is made: an offline QR written off, a
 * reconciliation difference written off, or a closed day reconciled late
 * (an amendment: amount 0, the note counts its differences).
 */
export const correctionSchema = z.object({
  kind: z.enum(['offline-qr-write-off', 'reconciliation-write-off', 'reconciliation-amendment']),
  /** The business day the written-off sale or difference belongs to. */
  businessDate: z.string(),
  receiptNumber: z.string().nullable(),
  approvalNumber: z.string().nullable(),
  amount,
  note: z.string(),
});
export type Correction = z.infer<typeof correctionSchema>;

export const openItemSchema = z.object({
  kind: z.enum(['tender', 'refund', 'sale', 'record']),
  ref: z.string(),
  state: z.string(),
  amount: amount.nullable(),
  at: z.number(),
});
export type OpenItem = z.infer<typeof openItemSchema>;

export const openItemsSchema = z.object({
  /** Payments, refunds and sales whose outcome is still open. */
  unresolved: z.array(openItemSchema),
  /** Offline QR payments the gateway has not confirmed (pending or flagged unmatched). */
  pendingConfirmation: z.array(openItemSchema),
  /** Journal records not yet acknowledged by the gateway (the first ones, and how many in all). */
  unsynced: z.array(openItemSchema),
  unsyncedCount: count,
});
export type OpenItems = z.infer<typeof openItemsSchema>;

export const closeoutReportSchema = z.object({
  kind: z.enum(['X', 'Z']),
  terminalId: z.string(),
  businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  currency: z.string(),
  generatedAt: z.number(),
  /** The journal rows the figures cover and the times of the first and last. */
  period: z.object({ firstSeq: count, lastSeq: count, from: z.number().nullable(), to: z.number().nullable() }),
  store: storeSchema.default({ name: '', businessNumber: '', representative: '' }),
  totals: summarySchema,
  /** Per channel (each wallet, cash, other): what the reconciliation and the paper list. */
  byChannel: z.object(Object.fromEntries(CHANNELS.map((c) => [c, channelTotalsSchema])) as Record<Channel, typeof channelTotalsSchema>),
  /** 현금, 카드, 간편결제, 기타. */
  byMethod: z.object(Object.fromEntries(PAY_METHODS.map((m) => [m, channelTotalsSchema])) as Record<PayMethod, typeof channelTotalsSchema>),
  /** 간편결제 per wallet. */
  byWallet: z.object(Object.fromEntries(WALLETS.map((w) => [w, channelTotalsSchema])) as Record<Wallet, typeof channelTotalsSchema>),
  /** Per tender method of the payment engine (CPM, MPM, offline MPM, cash). */
  byTender: z.object(Object.fromEntries(METHODS.map((m) => [m, channelTotalsSchema])) as Record<(typeof METHODS)[number], typeof channelTotalsSchema>),
  gross: figureSchema,
  refunds: figureSchema,
  cancellations: figureSchema,
  networkCancellations: figureSchema,
  net: amount,
  /** VAT split of the net (sales less refunds and cancellations). */
  vat: vatSplitSchema,
  /**
   * What cross-border customers paid in their own currency, per channel and
   * currency, from the journal (the statement fills lines the journal has
   * no amount for): shown offline too. Absent in reports before it existed.
   */
  customerCurrency: z.array(customerCurrencyTotalSchema).default([]),
  /** Hours with sales, from the cut-off hour on. */
  salesByHour: z.array(hourFigureSchema),
  /** Every hour of the business day from the cut-off, empty ones included: 24 entries. */
  byHour: z.array(hourFigureSchema).length(24),
  /** Sales by item: the largest `top` and the rest summed. */
  byItem: topItemsSchema,
  /** Sales by catalog category (`name` '' for open-price lines and items without one), the same way (absent in reports before it existed). */
  byCategory: topItemsSchema.default({ top: [], rest: { items: 0, quantity: 0, amount: 0 } }),
  /** 현금영수증 by purpose: 소득공제 and 지출증빙. */
  cashReceipts: z.object({ incomeDeduction: figureSchema, expenseProof: figureSchema }),
  receipts: z.object({ count, first: z.string().nullable(), last: z.string().nullable() }),
  cash: cashSectionSchema,
  reconciliation: reconciliationSchema,
  openItems: openItemsSchema,
  /** The owner's resolutions of this day's differences (made on this day or later; a closed Z shows them beside it). */
  resolutions: z.array(resolutionSchema).default([]),
  /** A closed day's reconciliation made after its Z (it closed offline): beside the Z, which keeps its own. */
  amendment: amendmentSchema.nullable().default(null),
  /** Corrections booked on this day: offline QRs and reconciliation differences written off, late reconciliations, each named. */
  corrections: z.array(correctionSchema).default([]),
  /** Days still open after their business day ended (a missed Z): close them with a late Z. */
  alerts: z.array(alertSchema).default([]),
  /**
   * The journal's chain head the report was built on (src/ledger chainHead):
   * on a Z, the row just before the Z record. A later rewrite of any row up
   * to it shows against the paper (absent in reports before it existed).
   * A Z carries the terminal key's signature over the head and the whole
   * Z beside it (z-signature.ts).
   */
  chainHead: z
    .object({ seq: count, hash: z.string(), keyId: z.string().optional(), signature: z.string().optional() })
    .nullable()
    .default(null),
  /** Set on a Z report: the journal record that closed the day. */
  closing: z
    .object({
      seq: count,
      recordId: z.string(),
      hash: z.string(),
      closedBy: z.string(),
      /** 마감자 as printed: the staff member's name. */
      closedByName: z.string().default(''),
      recordedOpen: z.boolean(),
      nextBusinessDate: z.string(),
    })
    .nullable(),
});
export type CloseoutReport = z.infer<typeof closeoutReportSchema>;
