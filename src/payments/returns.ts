import { z } from 'zod';
import { type VatSplit, allocate, splitVat, unitsAmount } from '../money/index.js';
import { RefundRefusedError } from './errors.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import { isReversalRefund } from './reversal-refund.js';
import { priceSale } from './sale.js';

/** A line the customer brings back: its index in the sale, how many, and what they come to. */
export const returnedLineSchema = z.object({
  line: z.number().int().min(0),
  quantity: z.number().int().positive(),
  /** After the line's discount and its share of the sale discount, minor units. */
  amount: z.number().int().min(0),
});
export type ReturnedLine = z.infer<typeof returnedLineSchema>;

/** 공급가액 + 부가세 + 면세 = 합계 of what a refund gives back (positive amounts). */
export const refundVatSchema = z.object({
  supply: z.number().int(),
  vat: z.number().int(),
  taxFree: z.number().int(),
  total: z.number().int(),
});

/**
 * What a refund record says went back, in every `refund.state` body of the
 * refund: the returned lines (a return by line) and the VAT split booked for
 * it. Close-out reads `vat` for the Z and 부가세 신고 (parse the body with this
 * schema); a row written before returns by line has neither.
 */
export const refundContentSchema = z.object({
  lines: z.array(returnedLineSchema).optional(),
  vat: refundVatSchema.optional(),
});
export type RefundContent = z.infer<typeof refundContentSchema>;

/** The refund's approval number at the gateway, on its completed row (for the slip). */
const refundCompletedSchema = refundContentSchema.extend({ to: z.string(), gatewayRefundId: z.string().optional() });

/** What the cashier asks to give back: lines and quantities, or an amount (goodwill), or all that is left. */
export interface ReturnRequest {
  lines?: ReadonlyArray<{ line: number; quantity: number }>;
  amount?: number;
}

/** A refund worked out: how much, the lines, and the VAT split to book. */
export interface RefundPlan {
  amount: number;
  lines?: ReturnedLine[];
  vat: VatSplit;
}

/** Gross (VAT-inclusive) amounts per tax class. */
interface ClassAmounts {
  taxable: number;
  taxFree: number;
}

/**
 * Works out a refund of a sale. By lines: each returned unit gives back its
 * share of the line after discounts, booked in the line's tax class. By
 * amount: spread over the tax classes of what is still kept, in proportion.
 * Either way the VAT is telescoped over the sale's life: what this refund
 * books is split(kept before) − split(kept after), so the refunds of a sale
 * always add up to exactly its receipt's split (₩10,000 refunded 5,000 + 5,000
 * nets 0 VAT), whatever each one rounds to.
 */
export function planReturn(store: PaymentStore, tender: TenderRow, request: ReturnRequest, left: number): RefundPlan {
  const opened = store.saleOpened(tender.saleId);
  const priced = priceSale({ lines: opened.lines, saleDiscount: opened.saleDiscount });
  const earlier = earlierContents(store, tender.saleId);
  const sold = byClass(priced.lines.map((l, i) => ({ tax: l.tax, amount: priced.lineTotals[i]! })));
  const before = minus(sold, earlier.reduce((a, c) => plus(a, c.given), { taxable: 0, taxFree: 0 }));

  if (request.lines && request.lines.length > 0) {
    const back = new Map<number, number>();
    for (const c of earlier) for (const l of c.lines) back.set(l.line, (back.get(l.line) ?? 0) + l.quantity);
    const lines: ReturnedLine[] = [];
    const given = { taxable: 0, taxFree: 0 };
    for (const { line, quantity } of mergeLines(request.lines)) {
      const sale = priced.lines[line];
      if (!sale) throw new RefundRefusedError('return-line-unknown', `The sale has no line ${line + 1}.`);
      const already = back.get(line) ?? 0;
      if (quantity > sale.quantity - already) {
        throw new RefundRefusedError('return-over-sold', `Line ${line + 1} (${sale.name}): ${sale.quantity - already} left to return, not ${quantity}.`);
      }
      const amount = unitsAmount(priced.lineTotals[line]!, sale.quantity, already, quantity);
      lines.push({ line, quantity, amount });
      given[sale.tax === 'taxable' ? 'taxable' : 'taxFree'] += amount;
    }
    const amount = given.taxable + given.taxFree;
    if (amount > left) throw new RefundRefusedError('refund-over-paid', `At most ${left} can be refunded from this payment, not ${amount}.`);
    return { amount, lines, vat: telescoped(before, given) };
  }
  const amount = request.amount ?? left;
  return { amount, vat: telescoped(before, proportional(before, amount)) };
}

/** The content of a refund that has none worked out by the cashier (a void, all that is left): proportional. */
export function proportionalContent(store: PaymentStore, tender: TenderRow, amount: number): RefundContent {
  return { vat: planReturn(store, tender, { amount }, amount).vat };
}

/** The lines and VAT split a refund's first row recorded, to repeat on its later rows. */
export function recordedContent(store: PaymentStore, refundId: string): RefundContent {
  const first = store.ledger.journal.forAggregate(refundId).find((r) => r.kind === 'refund.state');
  if (!first) return {};
  const content = refundContentSchema.parse(first.body);
  return { ...(content.lines ? { lines: content.lines } : {}), ...(content.vat ? { vat: content.vat } : {}) };
}

/** What a refund slip prints from the journal: the returned lines and split, and the refund's approval number. */
export function refundSlipFacts(store: PaymentStore, refundId: string): RefundContent & { gatewayRefundId?: string } {
  const completed = store.ledger.journal
    .forAggregate(refundId)
    .filter((r) => r.kind === 'refund.state')
    .map((r) => refundCompletedSchema.parse(r.body))
    .find((b) => b.to === 'completed');
  const approval = completed?.gatewayRefundId;
  return { ...recordedContent(store, refundId), ...(approval ? { gatewayRefundId: approval } : {}) };
}

/** Per line of a sale: what it came to after discounts and how many units have been returned so far. */
export function lineReturns(store: PaymentStore, saleId: string): Array<{ amount: number; returned: number }> {
  const opened = store.saleOpened(saleId);
  const priced = priceSale({ lines: opened.lines, saleDiscount: opened.saleDiscount });
  const back = new Map<number, number>();
  for (const c of earlierContents(store, saleId)) for (const l of c.lines) back.set(l.line, (back.get(l.line) ?? 0) + l.quantity);
  return priced.lineTotals.map((amount, i) => ({ amount, returned: back.get(i) ?? 0 }));
}

/** The refunds of a sale that count (requested or completed, not a reversal), with what each gave back per class. */
function earlierContents(store: PaymentStore, saleId: string): Array<{ given: ClassAmounts; lines: ReturnedLine[] }> {
  const opened = store.saleOpened(saleId);
  const sold = splitVat(priceSale({ lines: opened.lines, saleDiscount: opened.saleDiscount }).lineTotals.map((amount, i) => ({ tax: opened.lines[i]!.tax, amount })));
  return store
    .tendersOfSale(saleId)
    .flatMap((t) => store.refundsOfTender(t.tenderId))
    .filter((r) => r.state !== 'failed' && !isReversalRefund(r))
    .map((r) => {
      const content = recordedContent(store, r.refundId);
      // A refund from before returns by line recorded no split: it was spread over the sale.
      const vat = content.vat ?? splitOf(proportional({ taxable: sold.supply + sold.vat, taxFree: sold.taxFree }, r.amount));
      return { given: { taxable: vat.supply + vat.vat, taxFree: vat.taxFree }, lines: content.lines ?? [] };
    });
}

function mergeLines(lines: ReadonlyArray<{ line: number; quantity: number }>): Array<{ line: number; quantity: number }> {
  const merged = new Map<number, number>();
  for (const { line, quantity } of lines) merged.set(line, (merged.get(line) ?? 0) + quantity);
  return [...merged].map(([line, quantity]) => ({ line, quantity }));
}

function byClass(amounts: ReadonlyArray<{ tax: 'taxable' | 'tax-free'; amount: number }>): ClassAmounts {
  const split = splitVat(amounts);
  return { taxable: split.supply + split.vat, taxFree: split.taxFree };
}

function proportional(kept: ClassAmounts, amount: number): ClassAmounts {
  const [taxable, taxFree] = allocate(amount, [Math.max(0, kept.taxable), Math.max(0, kept.taxFree)]);
  return { taxable: taxable!, taxFree: taxFree! };
}

function splitOf(c: ClassAmounts): VatSplit {
  return splitVat([
    { tax: 'taxable', amount: c.taxable },
    { tax: 'tax-free', amount: c.taxFree },
  ]);
}

/** split(kept before) − split(kept after): the VAT the refund takes back. */
function telescoped(before: ClassAmounts, given: ClassAmounts): VatSplit {
  const a = splitOf(before);
  const b = splitOf(minus(before, given));
  return { supply: a.supply - b.supply, vat: a.vat - b.vat, taxFree: a.taxFree - b.taxFree, total: a.total - b.total };
}

function plus(a: ClassAmounts, b: ClassAmounts): ClassAmounts {
  return { taxable: a.taxable + b.taxable, taxFree: a.taxFree + b.taxFree };
}

function minus(a: ClassAmounts, b: ClassAmounts): ClassAmounts {
  return { taxable: a.taxable - b.taxable, taxFree: a.taxFree - b.taxFree };
}
