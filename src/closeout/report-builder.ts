import { type SqliteDatabase, chainHead } from '../ledger/index.js';
import { parseBody } from '../platform/stored-json.js';
import { cashSection } from './cash-count.js';
import type { CloseoutConfig } from './config.js';
import { customerCurrencyTotals } from './customer-currency.js';
import { type DayFigures, foldDay } from './day-figures.js';
import type { DayRange } from './day-range.js';
import { DayRowReader } from './day-rows.js';
import { ProjectionKnowledge } from './projection-knowledge.js';
import { OpenItemsQuery } from './open-items.js';
import { reconcile, unavailableReconciliation } from './reconciliation.js';
import { dayAggregate, RESOLUTION_KIND } from './records.js';
import { type ChannelTotals, type CloseoutReport, type Figure, type Reconciliation, type Resolution, type StoreIdentity, resolutionSchema } from './report-schema.js';
import { type StatementFetch, statementDates } from './statements.js';
import { monthWindow } from './vat-report.js';

/** A day's figures and the time window its statement lines must fall in. */
export interface DaySnapshot {
  range: DayRange;
  figures: DayFigures;
  window: { from: number; to: number };
}

/**
 * Builds reports from the journal: the figures of a day's rows, the open
 * items, the cash section and, given the gateway's statement, the
 * reconciliation. Synchronous and read-only, so a Z can build its report
 * inside the transaction that closes the day.
 */
export class ReportBuilder {
  private readonly rows: DayRowReader;
  private readonly knowledge: ProjectionKnowledge;
  private readonly openItems: OpenItemsQuery;
  private readonly queries;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly config: CloseoutConfig,
    /** 상호, 사업자등록번호, 대표자 as the settings hold them now. */
    private readonly store: () => StoreIdentity,
    /** The catalog's category of an item: the Z's sales by category. */
    private readonly categoryOf: (itemId: string) => string | undefined = () => undefined,
  ) {
    this.rows = new DayRowReader(db);
    this.knowledge = new ProjectionKnowledge(db);
    this.openItems = new OpenItemsQuery(db);
    this.queries = { resolutions: db.prepare('SELECT seq, body FROM journal WHERE aggregate_id = ? AND kind = ? ORDER BY seq') };
  }

  /**
   * The figures of a day, and its statement window: the day's whole hours
   * (not its first and last journal row: a charge at 08:30 before the first
   * sale, or one after the Z, is the day's too), up to now while it is open.
   */
  snapshot(range: DayRange, now: number): DaySnapshot {
    const figures = foldDay(range.lastSeq, this.rows.read(range.windows), this.rows, this.config.cutoffHour, this.categoryOf);
    return { range, figures, window: windowOf(range, now) };
  }

  /**
   * The snapshot again after a wait (a statement fetch): the same figures if
   * no row joined the day meanwhile, which is the usual case and saves
   * folding the day twice.
   */
  refresh(snapshot: DaySnapshot, range: DayRange, now: number): DaySnapshot {
    const same = range.lastSeq === snapshot.range.lastSeq && range.closed === snapshot.range.closed;
    if (!same) return this.snapshot(range, now);
    return { range, figures: snapshot.figures, window: windowOf(range, now) };
  }

  /** The statement dates a snapshot needs. */
  statementDates(snapshot: DaySnapshot): string[] {
    return statementDates(snapshot.window.from, snapshot.window.to);
  }

  /** The statement dates of a day's range as of `now`, without folding its rows. */
  statementDatesOf(range: DayRange, now: number): string[] {
    const window = windowOf(range, now);
    return statementDates(window.from, window.to);
  }

  /** The VAT of the payments and refunds dated in one calendar month, by the VAT return's columns. */
  monthVat(month: string, lastSeq: number): DayFigures['vatByKind'] {
    const window = { ...monthWindow(month), afterSeq: 0, uptoSeq: lastSeq };
    return foldDay(lastSeq, this.rows.read([window]), this.rows, this.config.cutoffHour).vatByKind;
  }

  /** The owner's resolutions of a day's differences, oldest first (journal rows of the day's aggregate). */
  resolutionsOf(businessDate: string): Resolution[] {
    const rows = this.queries.resolutions.all(dayAggregate(businessDate), RESOLUTION_KIND) as Array<{ seq: number; body: string }>;
    return rows.map((r) => parseBody(resolutionSchema, r.body, `journal row ${r.seq} (${RESOLUTION_KIND})`));
  }

  /** Payments, refunds and sales still open (the Z guard). */
  unresolved() {
    return this.openItems.unresolved();
  }

  /** The day's reconciliation against a fetched statement (or why there is none). */
  reconciliation(snapshot: DaySnapshot, statement: StatementFetch | undefined): Reconciliation {
    if (!statement) return unavailableReconciliation('not requested', []);
    if (!statement.ok) return unavailableReconciliation(statement.reason, statement.dates);
    return reconcile(snapshot.figures, snapshot.window, statement, this.knowledge, this.config.feeRates);
  }

  /** The whole report of a snapshot. */
  report(kind: 'X' | 'Z', snapshot: DaySnapshot, statement: StatementFetch | undefined, now: number): Omit<CloseoutReport, 'alerts'> {
    const { figures, range } = snapshot;
    return {
      kind,
      terminalId: this.config.terminalId,
      businessDate: range.businessDate,
      currency: this.config.currency,
      generatedAt: now,
      period: { firstSeq: figures.firstSeq ?? range.lastSeq + 1, lastSeq: range.lastSeq, from: figures.from, to: figures.to },
      store: this.store(),
      totals: summary(figures),
      byChannel: figures.totals,
      byMethod: byPayMethod(figures),
      byWallet: byWalletOf(figures),
      byTender: figures.byMethod,
      gross: figures.gross,
      refunds: figures.refunds,
      cancellations: figures.cancellations,
      networkCancellations: figures.networkCancellations,
      net: figures.net,
      vat: { ...figures.vat, taxable: figures.vat.supply, byCalendarDate: figures.byCalendarDate },
      customerCurrency: customerCurrencyTotals(figures.posLines, statement?.ok ? statement.lines : undefined, this.config.currency),
      salesByHour: figures.salesByHour,
      byHour: everyHour(figures.salesByHour, this.config.cutoffHour),
      byItem: topItems(figures.items, this.config.topItems),
      byCategory: topItems(figures.categories, this.config.topItems),
      cashReceipts: figures.cashReceipts,
      receipts: figures.receipts,
      cash: cashSection(figures),
      reconciliation: this.reconciliation(snapshot, statement),
      openItems: this.openItems.all(this.config.listLimit),
      // Read last: a Z builds its report inside the closing transaction, just before its own record.
      resolutions: this.resolutionsOf(range.businessDate),
      corrections: figures.corrections.map(({ saleId, ...c }) => ({ ...c, receiptNumber: c.receiptNumber ?? (saleId ? this.knowledge.receiptOf(saleId) : null) })),
      chainHead: chainHead(this.db),
      amendment: null,
      closing: null,
    };
  }
}

function summary(f: DayFigures): CloseoutReport['totals'] {
  const customers = f.receipts.count;
  return {
    gross: f.gross.amount,
    discounts: f.discounts.amount,
    refunds: f.refunds.amount,
    voids: f.cancellations.amount,
    net: f.net,
    receipts: f.receipts.count,
    payments: f.gross.count,
    customers,
    averagePerCustomer: customers === 0 ? 0 : Math.round(f.net / customers),
  };
}

function sumTotals(parts: readonly ChannelTotals[]): ChannelTotals {
  const fig = (pick: (t: ChannelTotals) => { count: number; amount: number }) => ({
    count: parts.reduce((n, t) => n + pick(t).count, 0),
    amount: parts.reduce((n, t) => n + pick(t).amount, 0),
  });
  return {
    sales: fig((t) => t.sales),
    refunds: fig((t) => t.refunds),
    cancellations: fig((t) => t.cancellations),
    networkCancellations: fig((t) => t.networkCancellations),
    net: parts.reduce((n, t) => n + t.net, 0),
  };
}

/**
 * 현금, 카드 (card slips), 간편결제 (every QR tender, an unnamed wallet's
 * included: it is still a QR payment), 기타 (nothing today). By tender
 * method, since a card slip has no wallet and would otherwise count in the
 * `other` channel.
 */
export function byPayMethod(f: DayFigures): CloseoutReport['byMethod'] {
  const t = f.byMethod;
  return { cash: t.cash, card: t.card, easyPay: sumTotals([t.cpm, t.mpm, t['mpm-offline']]), other: sumTotals([]) };
}

/** 간편결제 per wallet: the channels, the card slips taken out of `other` (they have no wallet). */
export function byWalletOf(f: DayFigures): CloseoutReport['byWallet'] {
  const other = f.totals.other;
  const card = f.byMethod.card;
  const less = (a: Figure, b: Figure): Figure => ({ count: a.count - b.count, amount: a.amount - b.amount });
  return {
    zeropay: f.totals.zeropay,
    'wechat-pay': f.totals['wechat-pay'],
    alipay: f.totals.alipay,
    other: {
      sales: less(other.sales, card.sales),
      refunds: less(other.refunds, card.refunds),
      cancellations: less(other.cancellations, card.cancellations),
      networkCancellations: less(other.networkCancellations, card.networkCancellations),
      net: other.net - card.net,
    },
  };
}

/** All 24 hours from the cut-off hour, empty ones as zeros (the chart and the paper show the whole day). */
export function everyHour(hours: DayFigures['salesByHour'], cutoffHour: number): CloseoutReport['byHour'] {
  return Array.from({ length: 24 }, (_, i) => {
    const hour = (cutoffHour + i) % 24;
    const found = hours.find((h) => h.hour === hour);
    return { hour, count: found?.count ?? 0, amount: found?.amount ?? 0 };
  });
}

/** The `top` items by amount and the rest summed. */
export function topItems(items: DayFigures['items'], top: number): CloseoutReport['byItem'] {
  const rest = items.slice(top);
  return {
    top: items.slice(0, top),
    rest: { items: rest.length, quantity: rest.reduce((n, i) => n + i.quantity, 0), amount: rest.reduce((n, i) => n + i.amount, 0) },
  };
}

/** The time a day's statement lines must fall in (DayRange.hours; an open day's ends now). */
function windowOf(range: DayRange, now: number): { from: number; to: number } {
  const { from, end, closedAt } = range.hours;
  // `end` is the next day's first instant: the last one of this day is a millisecond before.
  return { from, to: Math.max(from, Math.min(end - 1, closedAt ?? now)) };
}
