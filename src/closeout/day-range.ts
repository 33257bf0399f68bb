import type { SqliteDatabase } from '../ledger/index.js';
import { businessDateOf } from '../payments/business-date.js';
import { PaymentFacts, type PaymentFactsPort } from '../payments/payment-facts.js';
import { businessDayEnd, businessDayStart, dayBefore } from '../platform/business-time.js';
import { dayAggregate } from './records.js';

/** A span of journal time: rows with `at` in [from, to) and seq in (afterSeq, uptoSeq]. */
export interface RowWindow {
  from: number;
  to: number;
  afterSeq: number;
  uptoSeq: number;
}

/**
 * The journal rows of one business day. A row belongs to the business date
 * its own time gives it (the clock and the cut-off hour), moved to the next
 * date when a Z closed that date before the row was written (a 23:30 sale
 * after a 23:00 Z): so a missed Z never shifts a later day (issue 15,
 * defect 1) and a closed day keeps exactly the rows its Z saw.
 */
export interface DayRange {
  businessDate: string;
  /** The day's business-day.closed row exists: nothing can join it any more. */
  closed: boolean;
  /** The newest journal row the range covers (the day's closing row, or the tail). */
  lastSeq: number;
  /** The day's own hours, and the hours of the day before written after that day's early Z. */
  windows: RowWindow[];
  /**
   * The span of time the day answers for to the gateway: from its cut-off (or
   * the previous day's early Z) to the next cut-off (or its own early Z, or
   * now while it is open). Every statement line in it is the day's.
   */
  hours: { from: number; end: number; closedAt: number | null };
}

/**
 * Finds business days in the journal and the state of their dates (those
 * through the payments module's read-only port). Every query is an index
 * lookup (journal_by_aggregate, the business-days key).
 */
export class DayRanges {
  private readonly queries;

  constructor(
    db: SqliteDatabase,
    private readonly cutoffHour: number,
    private readonly payments: PaymentFactsPort = new PaymentFacts(db),
  ) {
    this.queries = {
      // By the day's few rows, not by the kind's: the planner would walk every closed day of the year (0.6 ms a call).
      closed: db.prepare(`SELECT seq, at FROM journal INDEXED BY journal_by_aggregate WHERE aggregate_id = ? AND kind = 'business-day.closed'`),
      tail: db.prepare('SELECT max(seq) AS seq FROM journal'),
    };
  }

  /** The business days opened and not yet closed, oldest first. */
  openDates(): string[] {
    return this.payments.openBusinessDates();
  }

  /** Whether the day was closed by a close-out. */
  isClosed(businessDate: string): boolean {
    return this.payments.businessDayClosed(businessDate);
  }

  /** The business date an event at `ms` belongs to (the engine dates its sales with the same rule). */
  dateAt(ms: number): string {
    return businessDateOf(ms, this.cutoffHour, (date) => this.isClosed(date));
  }

  /** The newest journal row. */
  tailSeq(): number {
    return (this.queries.tail.get() as { seq: number | null }).seq ?? 0;
  }

  /** The rows of `businessDate`, as windows of journal time and sequence. */
  range(businessDate: string): DayRange {
    const tail = this.tailSeq();
    const closed = this.closedRow(businessDate);
    const uptoSeq = closed?.seq ?? tail;
    const start = businessDayStart(businessDate, this.cutoffHour);
    const end = businessDayEnd(businessDate, this.cutoffHour);
    const windows: RowWindow[] = [{ from: start, to: end, afterSeq: 0, uptoSeq }];
    const before = dayBefore(businessDate);
    const beforeClosed = this.closedRow(before);
    if (beforeClosed !== undefined && beforeClosed.seq < uptoSeq) {
      windows.push({ from: businessDayStart(before, this.cutoffHour), to: businessDayEnd(before, this.cutoffHour), afterSeq: beforeClosed.seq, uptoSeq });
    }
    const from = beforeClosed ? Math.min(start, beforeClosed.at) : start;
    return { businessDate, closed: closed !== undefined, lastSeq: uptoSeq, windows, hours: { from, end, closedAt: closed?.at ?? null } };
  }

  private closedRow(businessDate: string): { seq: number; at: number } | undefined {
    return this.queries.closed.get(dayAggregate(businessDate)) as { seq: number; at: number } | undefined;
  }
}
