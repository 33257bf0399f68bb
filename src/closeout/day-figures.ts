import { type VatSplit, allocate } from '../money/index.js';
import { type TenderMethod, countsAsPaid } from '../payments/payment-states.js';
import { businessDateAt, kstDate, kstHour } from '../platform/business-time.js';
import type { DayRow, JournalLookups } from './day-rows.js';
import { type CustomerMoney, customerMoney } from './customer-money.js';
import type { CashCountBody } from './records.js';
import { LABELS, counted } from './report-labels.js';
import { CHANNELS, type Channel, type ChannelTotals, type Correction, DIFFERENCE_KINDS, type Figure, METHODS } from './report-schema.js';

/** A line the gateway's settlement statement should show for the day, as the journal sees it. */
export interface PosLine {
  type: 'PAYMENT' | 'CANCEL' | 'REFUND';
  paymentRequestId: string;
  refundRequestId: string | null;
  channel: Channel;
  amount: number;
  /** What the customer paid (or got back) in their own currency, when the gateway reported it. */
  customer?: CustomerMoney;
  /** The sale (for its receipt number), the journal time and the 승인번호, to name a difference. */
  saleId?: string;
  at?: number;
  approvalNumber?: string | null;
}

/** 과세 (supply before VAT), 부가세 and 면세 of some sales, net of their refunds. */
export interface VatTotals {
  taxable: number;
  vat: number;
  taxFree: number;
}

/** The VAT return's columns (부가세 신고): card-like slips, 현금영수증, and everything else. */
export type VatKind = 'card' | 'cashReceipt' | 'other';

/** One calendar date's share of a business day that spans midnight. */
export interface CalendarDateFigures extends VatTotals {
  date: string;
  /** Net sales (paid − refunded − voided) on that calendar date. */
  sales: number;
}

/** Everything the report computes from the day's journal rows alone. */
export interface DayFigures {
  totals: Record<Channel, ChannelTotals>;
  byMethod: Record<TenderMethod, ChannelTotals>;
  gross: Figure;
  refunds: Figure;
  cancellations: Figure;
  networkCancellations: Figure;
  net: number;
  vat: VatSplit;
  /** The VAT split by the calendar date of each payment and refund (KST). */
  byCalendarDate: CalendarDateFigures[];
  /** The VAT split by the column of the VAT return it is declared in. */
  vatByKind: Record<VatKind, VatTotals>;
  /** Line and whole-sale discounts of the sales completed in the day. */
  discounts: Figure;
  /** What the day's completed sales sold, per item name, largest amount first (amounts after discounts). */
  items: Array<{ name: string; quantity: number; amount: number }>;
  /** The same per catalog category ('' for open-price lines and items without one), largest first. */
  categories: Array<{ name: string; quantity: number; amount: number }>;
  /** 현금영수증 requested for the day's cash, by purpose. */
  cashReceipts: { incomeDeduction: Figure; expenseProof: Figure };
  salesByHour: Array<{ hour: number; count: number; amount: number }>;
  receipts: { count: number; first: string | null; last: string | null };
  cashFlows: { float: number; payIns: number; payOuts: number; sales: number; refunds: number };
  lastCashCount: (CashCountBody & { at: number }) | null;
  /** Corrections booked in the day (a receipt number is filled in from `saleId` by the report). */
  corrections: Array<Correction & { saleId: string | null }>;
  posLines: PosLine[];
  /**
   * Payments reversed during the day, by gateway request id: the gateway may
   * book them as a PAYMENT and a CANCEL that cancel out, or as a PAYMENT
   * today and a REFUND on the day the till refunds the reversal.
   */
  reversed: Map<string, { channel: Channel; tenderId: string }>;
  /** The first journal row folded (null for a day without rows). */
  firstSeq: number | null;
  from: number | null;
  to: number | null;
}

interface TenderInfo {
  method: TenderMethod;
  saleId: string;
  bornInDay: boolean;
  wallet: string | null;
  gatewayRequestId: string | null;
  /** The gateway's payment id: the 승인번호 a difference is named by. */
  gatewayPaymentId: string | null;
  customer: CustomerMoney | null;
  firstAt: number | null;
}

const WALLET_CHANNELS: ReadonlySet<string> = new Set(['zeropay', 'wechat-pay', 'alipay']);

/** The channel a wallet counts under: its own, or other (UnionPay, EMV consumer QR, not yet known). */
export function walletChannel(wallet: string | null): Channel {
  return wallet && WALLET_CHANNELS.has(wallet) ? (wallet as Channel) : 'other';
}

/** The channel a tender counts under: cash, or its wallet's. */
export function channelOf(method: TenderMethod, wallet: string | null): Channel {
  return method === 'cash' ? 'cash' : walletChannel(wallet);
}

function emptyTotals(): ChannelTotals {
  const zero = (): Figure => ({ count: 0, amount: 0 });
  return { sales: zero(), refunds: zero(), cancellations: zero(), networkCancellations: zero(), net: 0 };
}

function add(figure: Figure, amount: number): void {
  figure.count += 1;
  figure.amount += amount;
}

/**
 * The VAT of the next `amount` paid (or refunded) on a sale, given how much
 * was already paid: the difference of two proportional splits. Telescoping
 * this way makes the payments of a sale add up to exactly the split printed
 * on its receipt, whatever the rounding of each part.
 */
function vatShare(vat: VatSplit, before: number, amount: number): [number, number, number] {
  // One payment of the whole sale (the usual case): the split itself, as the two allocations would give.
  if (before === 0 && amount === vat.total && vat.supply + vat.vat + vat.taxFree === vat.total) return [vat.supply, vat.vat, vat.taxFree];
  const weights = [vat.supply, vat.vat, vat.taxFree];
  const upTo = (x: number) => (vat.total === 0 ? [x, 0, 0] : allocate(x, weights));
  const [a, b] = [upTo(before), upTo(before + amount)];
  return [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!];
}

/**
 * Folds a business day's journal rows into its figures (docs/closeout.md
 * defines each one). A payment counts as a sale on the row that first makes
 * it paid (approved, or pending confirmation for an offline QR); voids and
 * refunds count on their completion; a network cancellation (망취소) is an
 * inquiry that ended in a reversal.
 */
export function foldDay(
  lastSeq: number,
  rows: readonly DayRow[],
  lookups: JournalLookups,
  cutoffHour: number,
  /** The catalog category of an item (absent: none). */
  categoryOf: (itemId: string) => string | undefined = () => undefined,
): DayFigures {
  const tenders = new Map<string, TenderInfo>();
  for (const row of rows) {
    if (row.kind !== 'tender.state' && row.kind !== 'refund.state') continue;
    const b = row.body;
    let info = tenders.get(b.tenderId);
    if (!info) {
      info = { method: b.method, saleId: b.saleId, bornInDay: row.kind === 'tender.state' && b.from === null, wallet: null, gatewayRequestId: null, gatewayPaymentId: null, customer: null, firstAt: row.at };
      tenders.set(b.tenderId, info);
    }
    if (row.kind === 'tender.state') {
      info.wallet = row.body.wallet ?? info.wallet;
      info.gatewayRequestId = row.body.gatewayRequestId ?? info.gatewayRequestId;
      info.gatewayPaymentId = row.body.gatewayPaymentId ?? info.gatewayPaymentId;
      // Every row of the day counts: an offline QR's amount arrives with its confirmation, after the sale row.
      info.customer = customerMoney(row.body) ?? info.customer;
    }
  }
  for (const [tenderId, info] of tenders) {
    if (!info.bornInDay) Object.assign(info, lookups.tenderHistory(tenderId, lastSeq));
  }
  const customerOf = (info: TenderInfo) => (info.customer ? { customer: info.customer } : {});
  const named = (info: TenderInfo, row: DayRow) => ({ saleId: info.saleId, at: row.at, approvalNumber: info.gatewayPaymentId });

  const totals = Object.fromEntries(CHANNELS.map((c) => [c, emptyTotals()])) as Record<Channel, ChannelTotals>;
  const byMethod = Object.fromEntries(METHODS.map((m) => [m, emptyTotals()])) as Record<TenderMethod, ChannelTotals>;
  const hours = new Map<number, Figure>();
  const paidOnSale = new Map<string, number>();
  const refundedOnSale = new Map<string, number>();
  const vat = { supply: 0, vat: 0, taxFree: 0 };
  const dates = new Map<string, CalendarDateFigures>();
  const zeroVat = (): VatTotals => ({ taxable: 0, vat: 0, taxFree: 0 });
  const vatByKind: Record<VatKind, VatTotals> = { card: zeroVat(), cashReceipt: zeroVat(), other: zeroVat() };
  const cashReceipts = { incomeDeduction: { count: 0, amount: 0 }, expenseProof: { count: 0, amount: 0 } };
  const discounts = { count: 0, amount: 0 };
  const items = new Map<string, { name: string; quantity: number; amount: number }>();
  const categories = new Map<string, { name: string; quantity: number; amount: number }>();
  const tally = (into: typeof items, name: string, quantity: number, amount: number): void => {
    const entry = into.get(name) ?? into.set(name, { name, quantity: 0, amount: 0 }).get(name)!;
    entry.quantity += quantity;
    entry.amount += amount;
  };
  const addItems = (saleId: string): void => {
    const { lines, saleDiscount } = lookups.saleLines(saleId);
    // The sale's own pricing (src/payments/sale.ts priceSale): line discounts, then the sale discount by value.
    const afterLine = lines.map((l) => l.unitPrice * l.quantity - (l.discount ?? 0));
    const shares = allocate(saleDiscount, afterLine);
    const discount = saleDiscount + lines.reduce((n, l) => n + (l.discount ?? 0), 0);
    if (discount > 0) add(discounts, discount);
    lines.forEach((line, i) => {
      const amount = afterLine[i]! - shares[i]!;
      tally(items, line.name, line.quantity, amount);
      tally(categories, (line.itemId && categoryOf(line.itemId)) || '', line.quantity, amount);
    });
  };
  const kindOf = (tenderId: string, info: TenderInfo): VatKind =>
    info.method !== 'cash' ? 'card' : lookups.cashReceiptIssued(tenderId) ? 'cashReceipt' : 'other';
  const receipts: DayFigures['receipts'] = { count: 0, first: null, last: null };
  const cashFlows = { float: 0, payIns: 0, payOuts: 0, sales: 0, refunds: 0 };
  const posLines: PosLine[] = [];
  const reversed: DayFigures['reversed'] = new Map();
  let lastCashCount: DayFigures['lastCashCount'] = null;
  const corrections: DayFigures['corrections'] = [];

  /** `booked`: the split a refund journaled itself (a return by line gives back its own lines' VAT, not a share of the sale's). */
  const addVat = (row: DayRow & { body: { saleId: string; tenderId: string } }, done: Map<string, number>, amount: number, sign: 1 | -1, booked?: VatSplit): void => {
    const { saleId, tenderId } = row.body;
    const before = done.get(saleId) ?? 0;
    const [supply, v, taxFree] = booked ? [booked.supply, booked.vat, booked.taxFree] : vatShare(lookups.saleVat(saleId), before, amount);
    done.set(saleId, before + amount);
    vat.supply += sign * supply;
    vat.vat += sign * v;
    vat.taxFree += sign * taxFree;
    const date = kstDate(row.at);
    const onDate = dates.get(date) ?? dates.set(date, { date, sales: 0, ...zeroVat() }).get(date)!;
    for (const totals of [onDate, vatByKind[kindOf(tenderId, tenders.get(tenderId)!)]]) {
      totals.taxable += sign * supply;
      totals.vat += sign * v;
      totals.taxFree += sign * taxFree;
    }
    onDate.sales += sign * amount;
  };

  for (const row of rows) {
    switch (row.kind) {
      case 'tender.state': {
        const b = row.body;
        const info = tenders.get(b.tenderId)!;
        const channel = channelOf(info.method, info.wallet);
        const requestId = info.gatewayRequestId ?? b.tenderId;
        if ((b.to === 'approved' || b.to === 'pending-confirmation') && !(b.from && countsAsPaid(b.from))) {
          add(totals[channel].sales, b.amount);
          add(byMethod[info.method].sales, b.amount);
          const hour = kstHour(row.at);
          add(hours.get(hour) ?? hours.set(hour, { count: 0, amount: 0 }).get(hour)!, b.amount);
          addVat(row, paidOnSale, b.amount, 1);
          if (info.method === 'cash') cashFlows.sales += b.amount;
          // A card slip is settled by the card company, never seen by the relay gateway.
          else if (info.method !== 'card') posLines.push({ type: 'PAYMENT', paymentRequestId: requestId, refundRequestId: null, channel, amount: b.amount, ...customerOf(info), ...named(info, row) });
        } else if (b.to === 'written-off') {
          // An offline QR the gateway never reported paid, written off by the owner (issue 12): out of
          // the sales and the VAT on the day of the write-off, as a cancellation the gateway never saw.
          add(totals[channel].cancellations, b.amount);
          add(byMethod[info.method].cancellations, b.amount);
          addVat(row, refundedOnSale, b.amount, -1);
          // The gateway never had it: the day's expected statement drops the payment it was counted as.
          const expected = posLines.findIndex((l) => l.type === 'PAYMENT' && l.paymentRequestId === requestId);
          if (expected >= 0) posLines.splice(expected, 1);
          corrections.push({
            kind: 'offline-qr-write-off',
            businessDate: businessDateAt(info.firstAt ?? row.at, cutoffHour),
            saleId: info.saleId,
            receiptNumber: null,
            approvalNumber: info.gatewayPaymentId,
            amount: b.amount,
            note: b.reason ?? '',
          });
        } else if (b.from === 'inquiring' && b.to === 'reversing') {
          add(totals[channel].networkCancellations, b.amount);
          add(byMethod[info.method].networkCancellations, b.amount);
        }
        if (b.to === 'reversing') reversed.set(requestId, { channel, tenderId: b.tenderId });
        break;
      }
      case 'refund.state': {
        const b = row.body;
        if (b.to !== 'completed') break;
        const info = tenders.get(b.tenderId)!;
        const channel = channelOf(info.method, info.wallet);
        const paymentRequestId = info.gatewayRequestId ?? b.tenderId;
        const returned = customerMoney(b);
        if (b.reversal) {
          // A network cancellation refunded past the cancel window: never a sale, so not a refund
          // either; the gateway books the charge and its refund, which the journal expects to see.
          // The charge is the statement line of the day the payment was reversed: when that is an
          // earlier business day, that day matches it, and this one expects the refund alone.
          if (reversed.has(paymentRequestId)) {
            posLines.push({ type: 'PAYMENT', paymentRequestId, refundRequestId: null, channel, amount: b.amount, ...customerOf(info), ...named(info, row) });
          }
          posLines.push({ type: 'REFUND', paymentRequestId, refundRequestId: b.refundId, channel, amount: b.amount, ...(returned ? { customer: returned } : {}), ...named(info, row) });
          break;
        }
        const bucket = b.kind === 'void' ? 'cancellations' : 'refunds';
        add(totals[channel][bucket], b.amount);
        add(byMethod[info.method][bucket], b.amount);
        addVat(row, refundedOnSale, b.amount, -1, b.vat);
        if (info.method === 'cash') cashFlows.refunds += b.amount;
        else if (info.method !== 'card') {
          posLines.push(
            b.kind === 'void'
              ? { type: 'CANCEL', paymentRequestId, refundRequestId: null, channel, amount: b.amount, ...customerOf(info), ...named(info, row) }
              : { type: 'REFUND', paymentRequestId, refundRequestId: b.refundId, channel, amount: b.amount, ...(returned ? { customer: returned } : {}), ...named(info, row) },
          );
        }
        break;
      }
      case 'sale.completed':
        addItems(row.body.saleId);
        receipts.count += 1;
        receipts.first ??= row.body.receiptNumber;
        receipts.last = row.body.receiptNumber;
        break;
      case 'cash.movement': {
        const key = row.body.kind === 'float' ? 'float' : row.body.kind === 'pay-in' ? 'payIns' : 'payOuts';
        cashFlows[key] += row.body.amount;
        break;
      }
      case 'cash-receipt.requested':
        add(cashReceipts[row.body.purpose === 'expense-proof' ? 'expenseProof' : 'incomeDeduction'], row.body.amount);
        break;
      case 'closeout.cash-count':
        lastCashCount = { ...row.body, at: row.at };
        break;
      case 'closeout.resolution': {
        const r = row.body;
        if (r.action === 'write-off') {
          corrections.push({ kind: 'reconciliation-write-off', businessDate: r.businessDate, saleId: null, receiptNumber: r.receiptNumber, approvalNumber: r.approvalNumber, amount: r.amount, note: r.note });
        }
        break;
      }
      case 'closeout.amendment': {
        // A closed day reconciled late: booked today, moving no money; the note counts what it found.
        const r = row.body.reconciliation;
        const differences = DIFFERENCE_KINDS.reduce((n, kind) => n + r[kind].length, 0);
        const note = `${LABELS.matched} ${counted(r.matched)}, ${LABELS.differences} ${counted(differences)}`;
        corrections.push({ kind: 'reconciliation-amendment', businessDate: row.body.businessDate, saleId: null, receiptNumber: null, approvalNumber: null, amount: 0, note });
        break;
      }
    }
  }

  const sum = (pick: (t: ChannelTotals) => Figure): Figure =>
    CHANNELS.reduce((acc, c) => ({ count: acc.count + pick(totals[c]).count, amount: acc.amount + pick(totals[c]).amount }), { count: 0, amount: 0 });
  for (const t of [...Object.values(totals), ...Object.values(byMethod)]) t.net = t.sales.amount - t.refunds.amount - t.cancellations.amount;
  const gross = sum((t) => t.sales);
  const refunds = sum((t) => t.refunds);
  const cancellations = sum((t) => t.cancellations);
  const order = (hour: number) => (hour - cutoffHour + 24) % 24;
  return {
    totals,
    byMethod,
    gross,
    refunds,
    cancellations,
    networkCancellations: sum((t) => t.networkCancellations),
    net: gross.amount - refunds.amount - cancellations.amount,
    vat: { ...vat, total: vat.supply + vat.vat + vat.taxFree },
    byCalendarDate: [...dates.values()].sort((a, b) => a.date.localeCompare(b.date)),
    vatByKind,
    cashReceipts,
    discounts,
    items: [...items.values()].sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name)),
    categories: [...categories.values()].sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name)),
    salesByHour: [...hours].sort(([a], [b]) => order(a) - order(b)).map(([hour, f]) => ({ hour, ...f })),
    receipts,
    cashFlows,
    lastCashCount,
    corrections,
    posLines,
    reversed,
    firstSeq: rows[0]?.seq ?? null,
    from: rows[0]?.at ?? null,
    to: rows.at(-1)?.at ?? null,
  };
}
