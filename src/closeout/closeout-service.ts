import type { KeyObject } from 'node:crypto';
import type { PrintJobResult, ReceiptPrinter } from '../devices/printer.js';
import type { Ledger } from '../ledger/index.js';
import { businessDateAfterClose } from '../payments/business-date.js';
import { businessDayEnd, businessDayStart } from '../platform/business-time.js';
import type { PaymentStore } from '../payments/payment-store.js';
import { type StaffDirectory, requireRole } from '../payments/roles.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { RelayGateway } from '../relay/gateway.js';
import { Amendments } from './amendments.js';
import { cashSection, countedTotal, expectedCash } from './cash-count.js';
import { type CloseoutConfig, type CloseoutConfigInput, closeoutConfigSchema } from './config.js';
import { DayRanges } from './day-range.js';
import { CloseoutError, DayClosedError, InvalidCashCountError, UnknownBusinessDayError, UnresolvedPaymentsError } from './errors.js';
import { CASH_COUNT_KIND, type CashCountBody, RESOLUTION_KIND, Z_REPORT_KIND, type ZReportBody, dayAggregate } from './records.js';
import { type DaySnapshot, ReportBuilder } from './report-builder.js';
import { buildCloseoutDocument } from './report-document.js';
import { type CashSection, type CloseoutReport, type Reconciliation, type Resolution, type StoreIdentity, closeoutReportSchema } from './report-schema.js';
import { findDifference, writeOffAmount } from './resolutions.js';
import { type StatementFetch, fetchStatements } from './statements.js';
import { type VatReport, vatReport } from './vat-report.js';
import { signZBody } from './z-signature.js';

/** What the close-out is built from; `main/compose` passes the payment engine's store. */
export interface CloseoutDeps {
  ledger: Ledger;
  /** The payment engine's store: the business-day rows are its kinds, folded by its projector. */
  payments: PaymentStore;
  /** Absent: no gateway configured, so reconciliation is unavailable. */
  gateway?: RelayGateway;
  staff: StaffDirectory;
  clock: Clock;
  logger: Logger;
  config: CloseoutConfigInput;
  printer?: ReceiptPrinter;
  /** 상호, 사업자등록번호, 대표자 (the settings); absent: printed blank. */
  store?: () => StoreIdentity;
  /** The catalog's category of an item (`main/compose` passes the catalog's); absent: every line is 미분류. */
  categoryOf?: (itemId: string) => string | undefined;
  /** The terminal's Ed25519 key: every Z is signed with it (z-signature.ts); absent: Zs are unsigned, and the store server refuses them. */
  terminalKey?: KeyObject;
}

/** The owner's Z: who, whether to close with payments still open, an optional count taken in the same step. */
export interface ZRequest {
  ownerPin: string;
  /** The open day's date, when the screen wants to be sure it closes the day it showed. */
  businessDate?: string;
  recordOpen?: boolean;
  print?: boolean;
}

/** The owner settles one reconciliation difference of a day (`differenceKey` names it). */
export interface ResolveRequest {
  ownerPin: string;
  businessDate: string;
  key: string;
  action: Resolution['action'];
  note?: string;
}

export interface CashCountRequest {
  pin: string;
  denominations: Record<string, number>;
  reason?: string;
}

/**
 * The store owner's end of day: X reports (read-only), the cash count, the
 * settlement reconciliation and the Z report that closes the business day.
 * Every rule is checked here, in the core: the owner's PIN for a Z, open
 * payments, a second Z. The Z record, the day's closing row and the next
 * day's opening row are one transaction, and the schema (migration 0003)
 * refuses a second Z and any sale dated on a closed day.
 */
export class CloseOut {
  readonly config: CloseoutConfig;
  private readonly ranges: DayRanges;
  private readonly builder: ReportBuilder;
  private readonly amendments: Amendments;

  constructor(private readonly deps: CloseoutDeps) {
    this.config = closeoutConfigSchema.parse(deps.config);
    this.ranges = new DayRanges(deps.ledger.db, this.config.cutoffHour);
    this.builder = new ReportBuilder(deps.ledger.db, this.config, deps.store ?? (() => ({ name: '', businessNumber: '', representative: '' })), deps.categoryOf);
    const { ledger, payments, gateway, clock } = deps;
    this.amendments = new Amendments({ ledger, payments, gateway, clock, ranges: this.ranges, builder: this.builder, today: () => this.currentBusinessDate() });
  }

  /** The business date of now: the date a sale made now is dated (the clock and the cut-off hour). */
  currentBusinessDate(): string {
    return this.ranges.dateAt(this.deps.clock.now());
  }

  /**
   * Days still open after their own business day ended: a missed Z. The day
   * stays open for its late Z while the new date runs; the owner is told.
   */
  lateDays(): string[] {
    const now = this.deps.clock.now();
    return this.ranges.openDates().filter((date) => businessDayEnd(date, this.config.cutoffHour) <= now);
  }

  /**
   * An X report: the day so far (default the open day), changing nothing
   * but a late reconciliation. A closed day answers with its stored Z
   * report. With `reconcile`, the gateway's statement is fetched and
   * compared, and the days of the last week closed offline are reconciled
   * now (each journaled once as an amendment beside its Z).
   */
  async x(options: { businessDate?: string; reconcile?: boolean } = {}): Promise<CloseoutReport> {
    const { clock, gateway } = this.deps;
    const date = options.businessDate ?? this.currentBusinessDate();
    const stored = this.storedZ(date);
    // A closed Z never changes; the owner's later resolutions and a late reconciliation are shown beside it.
    if (stored) {
      const amendment = options.reconcile ? await this.amendments.amend(date) : this.amendments.of(date);
      return { ...stored, resolutions: this.builder.resolutionsOf(date), amendment };
    }
    if (options.reconcile) await this.amendments.amendRecent();
    const snapshot = this.builder.snapshot(this.range(date), clock.now());
    if (!options.reconcile) return this.report('X', snapshot, undefined, clock.now());
    const statement = await fetchStatements(gateway, this.builder.statementDates(snapshot));
    // Sales may have landed while the statement was on its way: report the day as it is now.
    return this.report('X', this.builder.refresh(snapshot, this.range(date), clock.now()), statement, clock.now());
  }

  /** The reconciliation of a day against the gateway's statement (a day closed offline: its amendment, once made). */
  async reconcile(businessDate?: string): Promise<Reconciliation> {
    const report = await this.x({ ...(businessDate ? { businessDate } : {}), reconcile: true });
    return report.amendment?.reconciliation ?? report.reconciliation;
  }

  /**
   * The Z report: closes a business day (the oldest open one unless the
   * owner names it; a day without sales closes with a zero Z). Refused
   * without an owner's PIN, for a day already closed, and while payments
   * are open unless the owner records them as open (they are then listed).
   */
  async z(request: ZRequest): Promise<CloseoutReport> {
    const { ledger, payments, clock, logger } = this.deps;
    const owner = await requireRole(this.deps.staff, request.ownerPin, 'owner');
    const date = this.closableDate(request.businessDate);
    const unresolved = this.builder.unresolved();
    if (unresolved.length > 0 && !request.recordOpen) throw new UnresolvedPaymentsError(unresolved);
    // An earlier day closed offline is reconciled first, so this Z lists its amendment among the corrections.
    await this.amendments.amendRecent();
    const first = this.builder.snapshot(this.range(date), clock.now());
    const statement: StatementFetch = await fetchStatements(this.deps.gateway, this.builder.statementDates(first));

    const report = payments.atomically(() => {
      this.closableDate(date);
      // A payment may have started while the statement was on its way.
      const stillOpen = this.builder.unresolved();
      if (stillOpen.length > 0 && !request.recordOpen) throw new UnresolvedPaymentsError(stillOpen);
      if (!this.ranges.openDates().includes(date)) payments.writeInTransaction('business-day.opened', dayAggregate(date), { businessDate: date });
      const now = clock.now();
      const unsigned: ZReportBody = {
        report: this.report('Z', this.builder.refresh(first, this.range(date), now), statement, now),
        closedBy: owner.staffId,
        closedByName: owner.name,
        recordedOpen: stillOpen.length > 0,
        nextBusinessDate: businessDateAfterClose(date, now, this.config.cutoffHour),
      };
      const body = this.deps.terminalKey ? signZBody(this.deps.terminalKey, unsigned) : unsigned;
      const [record] = ledger.journal.append({ kind: Z_REPORT_KIND, aggregateId: dayAggregate(date), body: body as unknown as Record<string, unknown>, sync: true });
      payments.writeInTransaction('business-day.closed', dayAggregate(date), { businessDate: date });
      return withClosing(body, record!);
    });
    logger.info({ businessDate: date, net: report.net, by: owner.staffId, recordedOpen: report.closing?.recordedOpen }, 'business day closed (Z report)');
    if (request.print && this.deps.printer) {
      // The day is closed whatever the paper does; a failed print is reprinted from the stored Z.
      await this.print(report).catch((error: unknown) => logger.warn({ err: error, businessDate: date }, 'Z report did not print'));
    }
    return report;
  }

  /**
   * Records a count of the drawer (a manager's PIN or higher). A count that
   * differs from the expected cash needs a reason; both are journaled.
   */
  async cashCount(request: CashCountRequest): Promise<CashSection> {
    const { ledger, payments, clock } = this.deps;
    const member = await requireRole(this.deps.staff, request.pin, 'manager');
    const { denominations, total } = countedTotal(request.denominations);
    const reason = request.reason?.trim().slice(0, 200) || null;
    return payments.atomically(() => {
      const date = this.currentBusinessDate();
      const snapshot = this.builder.snapshot(this.range(date), clock.now());
      const expected = expectedCash(snapshot.figures.cashFlows);
      if (total !== expected && !reason) {
        throw new InvalidCashCountError('reason-required', `The drawer is ${total - expected} off the expected ${expected}: say why.`);
      }
      const body: CashCountBody = { businessDate: date, denominations, counted: total, expected, difference: total - expected, reason, staffId: member.staffId };
      ledger.journal.append({ kind: CASH_COUNT_KIND, aggregateId: dayAggregate(date), body: body as unknown as Record<string, unknown>, sync: true });
      return cashSection(this.builder.snapshot(this.range(date), clock.now()).figures);
    });
  }

  /**
   * The owner's resolution of one reconciliation difference (owner's PIN):
   * a refund task, a write-off (booked on today's business day as a
   * correction, whatever day the difference was found on) or a note. It is
   * journaled beside the day; a closed Z never changes, its report shows the
   * resolutions beside it. A difference is resolved once.
   */
  async resolve(request: ResolveRequest): Promise<Resolution> {
    const { ledger, payments, clock } = this.deps;
    const owner = await requireRole(this.deps.staff, request.ownerPin, 'owner');
    const note = request.note?.trim().slice(0, 200) ?? '';
    if (request.action === 'note' && !note) throw new CloseoutError('note-required', 'A note needs its words.');
    const report = await this.x({ businessDate: request.businessDate, reconcile: true });
    const found = findDifference(report.amendment?.reconciliation ?? report.reconciliation, request.key);
    if (!found) throw new CloseoutError('no-such-difference', `Business day ${request.businessDate} has no difference ${request.key}.`);
    if (report.resolutions.some((r) => r.key === request.key)) throw new CloseoutError('already-resolved', `Difference ${request.key} is already resolved.`);
    return payments.atomically(() => {
      const now = clock.now();
      const body: Resolution = {
        businessDate: report.businessDate,
        bookedOn: this.currentBusinessDate(),
        key: request.key,
        kind: found.kind,
        action: request.action,
        amount: request.action === 'write-off' ? writeOffAmount(found) : 0,
        receiptNumber: found.item.receiptNumber,
        approvalNumber: found.item.approvalNumber,
        note,
        staffId: owner.staffId,
        staffName: owner.name,
        at: now,
      };
      ledger.journal.append({ kind: RESOLUTION_KIND, aggregateId: dayAggregate(report.businessDate), body: body as unknown as Record<string, unknown>, sync: true });
      return body;
    });
  }

  /** 부가세 신고 자료 for calendar months `from`..`to` (YYYY-MM), from the journal. */
  vatReport(from: string, to: string): VatReport {
    const lastSeq = this.ranges.tailSeq();
    return vatReport(from, to, (month) => this.builder.monthVat(month, lastSeq));
  }

  /** Prints a report on the receipt printer (its profile lays it out for 80 or 58 mm paper). */
  async print(report: CloseoutReport): Promise<PrintJobResult> {
    if (!this.deps.printer) throw new CloseoutError('no-printer', 'No receipt printer is configured.');
    return this.deps.printer.print(buildCloseoutDocument(report));
  }

  /** The Z report a closed day was closed with, as stored in the journal. */
  storedZ(businessDate: string): CloseoutReport | undefined {
    const record = this.deps.ledger.journal.forAggregate(dayAggregate(businessDate)).find((r) => r.kind === Z_REPORT_KIND);
    // Parsed: a Z stored by an older version reads with the figures it lacks filled by their defaults.
    return record && closeoutReportSchema.parse(withClosing(record.body as unknown as ZReportBody, record));
  }

  /** A report with the owner's alerts: the other days still waiting for their Z. */
  private report(kind: 'X' | 'Z', snapshot: DaySnapshot, statement: StatementFetch | undefined, now: number): CloseoutReport {
    const report = this.builder.report(kind, snapshot, statement, now);
    const alerts = this.lateDays()
      .filter((date) => date !== report.businessDate)
      .map((businessDate) => ({ kind: 'late-z' as const, businessDate }));
    return { ...report, alerts };
  }

  private range(date: string) {
    return this.ranges.range(date);
  }

  /**
   * The day a Z closes: the one named, else the oldest open day, else the
   * business date of now (a zero Z). A day not begun yet cannot close: after
   * a 23:00 Z the next date begins at the cut-off, so a second Z is refused.
   */
  private closableDate(requested: string | undefined): string {
    const open = this.ranges.openDates();
    const date = requested ?? open[0] ?? this.currentBusinessDate();
    if (this.ranges.isClosed(date)) throw new DayClosedError('already-closed', `Business day ${date} is already closed.`);
    if (businessDayStart(date, this.config.cutoffHour) > this.deps.clock.now()) {
      throw new CloseoutError('not-begun', `Business day ${date} has not begun yet.`);
    }
    if (!open.includes(date) && date !== this.currentBusinessDate()) {
      throw new UnknownBusinessDayError('not-open', `Business day ${date} is neither open nor today (${this.currentBusinessDate()}).`);
    }
    return date;
  }
}

function withClosing(body: ZReportBody, record: { seq: number; recordId: string; hash: string }): CloseoutReport {
  return {
    ...body.report,
    closing: {
      seq: record.seq,
      recordId: record.recordId,
      hash: record.hash,
      closedBy: body.closedBy,
      closedByName: body.closedByName ?? '',
      recordedOpen: body.recordedOpen,
      nextBusinessDate: body.nextBusinessDate,
    },
  };
}
