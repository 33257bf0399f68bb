import type { SqliteDatabase } from '../ledger/index.js';
import { UnknownBusinessDayError } from './errors.js';
import { dayAggregate } from './records.js';

/** The journal rows of one business day: seq in (afterSeq, lastSeq]. */
export interface DayRange {
  businessDate: string;
  afterSeq: number;
  lastSeq: number;
  /** The day's business-day.closed row exists: nothing can join it any more. */
  closed: boolean;
}

/**
 * Finds a business day in the journal. A day is the period between two
 * close-outs (DESIGN.md): it owns every row after the previous day's
 * `business-day.closed` row up to its own (or up to the journal's tail while
 * it is open), so a cash float counted before the first sale belongs to the
 * day it was counted in, and a refund of last week's sale to today.
 * Every query here is an index lookup (journal_by_aggregate, journal_by_kind_at).
 */
export class DayRanges {
  private readonly queries;

  constructor(db: SqliteDatabase) {
    this.queries = {
      dayRows: db.prepare(
        `SELECT seq, kind FROM journal WHERE aggregate_id = ? AND kind IN ('business-day.opened', 'business-day.closed') ORDER BY seq`,
      ),
      closedBefore: db.prepare(`SELECT max(seq) AS seq FROM journal WHERE kind = 'business-day.closed' AND seq < ?`),
      openDate: db.prepare('SELECT business_date AS d FROM pay_business_days WHERE closed_at IS NULL ORDER BY business_date DESC LIMIT 1'),
      isClosed: db.prepare('SELECT closed_at AS c FROM pay_business_days WHERE business_date = ?'),
      tail: db.prepare('SELECT max(seq) AS seq FROM journal'),
    };
  }

  /** The business day open now, if any. */
  openDate(): string | undefined {
    return (this.queries.openDate.get() as { d: string } | undefined)?.d;
  }

  /** Whether the day was closed by a close-out. */
  isClosed(businessDate: string): boolean {
    return (this.queries.isClosed.get(businessDate) as { c: number | null } | undefined)?.c != null;
  }

  /**
   * The rows of `businessDate`. `pending` names the date the next sale would
   * open when no day is open: its rows are everything after the last close.
   */
  range(businessDate: string, pending?: string): DayRange {
    const rows = this.queries.dayRows.all(dayAggregate(businessDate)) as Array<{ seq: number; kind: string }>;
    const opened = rows.find((r) => r.kind === 'business-day.opened');
    const closed = rows.find((r) => r.kind === 'business-day.closed');
    const tail = (this.queries.tail.get() as { seq: number | null }).seq ?? 0;
    if (!opened) {
      if (businessDate !== pending) throw new UnknownBusinessDayError('unknown-day', `There is no business day ${businessDate} in this journal.`);
      return { businessDate, afterSeq: this.closedBefore(tail + 1), lastSeq: tail, closed: false };
    }
    return { businessDate, afterSeq: this.closedBefore(opened.seq), lastSeq: closed?.seq ?? tail, closed: closed !== undefined };
  }

  private closedBefore(seq: number): number {
    return (this.queries.closedBefore.get(seq) as { seq: number | null }).seq ?? 0;
  }
}
