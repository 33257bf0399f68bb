import type { SqliteDatabase } from '../ledger/index.js';
import { businessDateOf } from '../payments/business-date.js';
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
}

/**
 * Finds business days in the journal and the state of their dates. Every
 * query is an index lookup (journal_by_aggregate, the business-days key).
 */
export class DayRanges {
  private readonly queries;

  constructor(
    db: SqliteDatabase,
    private readonly cutoffHour: number,
  ) {
    this.queries = {
      closedSeq: db.prepare(`SELECT seq FROM journal WHERE aggregate_id = ? AND kind = 'business-day.closed'`),
      openDates: db.prepare('SELECT business_date AS d FROM pay_business_days WHERE closed_at IS NULL ORDER BY business_date'),
      isClosed: db.prepare('SELECT closed_at AS c FROM pay_business_days WHERE business_date = ?'),
      tail: db.prepare('SELECT max(seq) AS seq FROM journal'),
    };
  }

  /** The business days opened and not yet closed, oldest first. */
  openDates(): string[] {
    return (this.queries.openDates.all() as Array<{ d: string }>).map((r) => r.d);
  }

  /** Whether the day was closed by a close-out. */
  isClosed(businessDate: string): boolean {
    return (this.queries.isClosed.get(businessDate) as { c: number | null } | undefined)?.c != null;
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
    const closedSeq = this.closedSeq(businessDate);
    const uptoSeq = closedSeq ?? tail;
    const own = { from: businessDayStart(businessDate, this.cutoffHour), to: businessDayEnd(businessDate, this.cutoffHour), afterSeq: 0, uptoSeq };
    const windows: RowWindow[] = [own];
    const before = dayBefore(businessDate);
    const beforeClosed = this.closedSeq(before);
    if (beforeClosed !== undefined && beforeClosed < uptoSeq) {
      windows.push({ from: businessDayStart(before, this.cutoffHour), to: businessDayEnd(before, this.cutoffHour), afterSeq: beforeClosed, uptoSeq });
    }
    return { businessDate, closed: closedSeq !== undefined, lastSeq: uptoSeq, windows };
  }

  private closedSeq(businessDate: string): number | undefined {
    return (this.queries.closedSeq.get(dayAggregate(businessDate)) as { seq: number } | undefined)?.seq;
  }
}
