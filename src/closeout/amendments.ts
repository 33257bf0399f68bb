import type { Ledger } from '../ledger/index.js';
import type { PaymentStore } from '../payments/payment-store.js';
import { dayBefore } from '../platform/business-time.js';
import type { Clock } from '../platform/clock.js';
import { parseBody } from '../platform/stored-json.js';
import type { RelayGateway } from '../relay/gateway.js';
import type { DayRanges } from './day-range.js';
import { AMENDMENT_KIND, Z_REPORT_KIND, dayAggregate } from './records.js';
import type { ReportBuilder } from './report-builder.js';
import { type Amendment, amendmentSchema } from './report-schema.js';
import { fetchStatements } from './statements.js';

/** How far back a closed day still waiting for its statement is looked for: the gateway keeps a week of statements at hand. */
const LOOK_BACK_DAYS = 7;

/**
 * Days closed offline, reconciled once the gateway answers again (issue 15,
 * Deliver 2). A Z whose statement could not be fetched keeps its
 * `unavailable` reconciliation for ever; the reconciliation made later is
 * one `closeout.amendment` record beside it, on the closed day's aggregate,
 * made at most once, and listed among the corrections of the day it was
 * made on.
 */
export class Amendments {
  private readonly queries;

  constructor(
    private readonly deps: {
      ledger: Ledger;
      payments: PaymentStore;
      gateway: RelayGateway | undefined;
      clock: Clock;
      ranges: DayRanges;
      builder: ReportBuilder;
      /** The business date of now: the day an amendment is booked on. */
      today: () => string;
    },
  ) {
    const { db } = deps.ledger;
    this.queries = {
      // Only the status is extracted, in SQLite: a Z body is the whole report.
      zStatus: db.prepare(`SELECT json_extract(body, '$.report.reconciliation.status') AS status FROM journal WHERE aggregate_id = ? AND kind = '${Z_REPORT_KIND}'`),
      // By the day's few rows (journal_by_aggregate), whatever the number of amendments in the journal.
      amendment: db.prepare(`SELECT seq, body FROM journal INDEXED BY journal_by_aggregate WHERE aggregate_id = ? AND kind = '${AMENDMENT_KIND}' ORDER BY seq LIMIT 1`),
      // Whether one exists, without reading (and parsing) its body: every Z asks this of the last week's days.
      amended: db.prepare(`SELECT 1 FROM journal INDEXED BY journal_by_aggregate WHERE aggregate_id = ? AND kind = '${AMENDMENT_KIND}' LIMIT 1`),
    };
  }

  /** The amendment of a closed day, if it has one. */
  of(businessDate: string): Amendment | null {
    const row = this.queries.amendment.get(dayAggregate(businessDate)) as { seq: number; body: string } | undefined;
    return row ? parseBody(amendmentSchema, row.body, `journal row ${row.seq} (${AMENDMENT_KIND})`) : null;
  }

  /** Whether a closed day's Z found no statement and nothing has reconciled it since. */
  pending(businessDate: string): boolean {
    const z = this.queries.zStatus.get(dayAggregate(businessDate)) as { status: string | null } | undefined;
    return z?.status === 'unavailable' && this.queries.amended.get(dayAggregate(businessDate)) === undefined;
  }

  /**
   * Reconciles a closed day whose Z found no statement, if the gateway
   * answers now, and journals it; answers the day's amendment (null while
   * the statement still cannot be had, or for a day that needs none).
   */
  async amend(businessDate: string): Promise<Amendment | null> {
    const { builder, ranges, clock, payments, ledger } = this.deps;
    if (!this.pending(businessDate)) return this.of(businessDate);
    const range = ranges.range(businessDate);
    // The statement first: while the gateway is away (every Z of a till working offline) the day is not folded for nothing.
    const statement = await fetchStatements(this.deps.gateway, builder.statementDatesOf(range, clock.now()));
    if (!statement.ok) return null;
    // A closed day's range ends at its closing row: the figures are the Z's own.
    const snapshot = builder.snapshot(range, clock.now());
    return payments.atomically(() => {
      // Another caller may have amended it while the statement was on its way.
      if (!this.pending(businessDate)) return this.of(businessDate);
      const body: Amendment = { businessDate, bookedOn: this.deps.today(), at: clock.now(), reconciliation: builder.reconciliation(snapshot, statement) };
      ledger.journal.append({ kind: AMENDMENT_KIND, aggregateId: dayAggregate(businessDate), body: body as unknown as Record<string, unknown>, sync: true });
      return body;
    });
  }

  /** Amends the closed days of the last week that still wait for their statement, oldest first. */
  async amendRecent(): Promise<void> {
    const dates: string[] = [];
    for (let date = dayBefore(this.deps.today()); dates.length < LOOK_BACK_DAYS; date = dayBefore(date)) dates.unshift(date);
    for (const date of dates) {
      if (this.pending(date) && (await this.amend(date)) === null) return;
    }
  }
}
