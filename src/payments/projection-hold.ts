import type { JournalProblem } from '../ledger/index.js';
import type { Logger } from '../platform/logger.js';
import { SalesSuspendedError } from './errors.js';
import type { PaymentEvents } from './events.js';

/**
 * Stops money moving while the payment tables disagree with the journal
 * (issue 14 point 5). Balances, what is refundable and receipt numbers are
 * read from those tables, so a till whose `pay_tenders.amount` was raised
 * behind its back would refund the raised amount; the journal (hash-chained,
 * anchored at the gateway) is the truth, and a disagreement means someone
 * edited the database. New sales and refunds are refused, and the owner is
 * told, until the tables are rebuilt from the journal (docs/payments.md).
 */
export class ProjectionHold {
  private found: readonly JournalProblem[] = [];

  constructor(private readonly deps: { events: PaymentEvents; logger: Logger }) {}

  /** The start-up comparison's findings: any problem stops sales and refunds. */
  hold(problems: readonly JournalProblem[]): void {
    if (problems.length === 0 || this.found.length > 0) return;
    this.found = problems;
    this.deps.logger.error({ problems: problems.map((p) => p.message) }, 'the payment tables disagree with the journal: sales and refunds stopped');
    this.deps.events.emit('alert', { code: 'projection-drift', message: this.message() });
  }

  /** What the comparison found (empty: nothing, or not yet run). */
  get problems(): readonly JournalProblem[] {
    return this.found;
  }

  /** Throws SalesSuspendedError (`projection-drift`) while the tables disagree with the journal. */
  assertMoneyMayMove(): void {
    if (this.found.length > 0) throw new SalesSuspendedError('projection-drift', this.message());
  }

  private message(): string {
    const [first] = this.found;
    return `The payment tables disagree with the journal in ${this.found.length} place(s) (${first!.message}): no sales or refunds until they are rebuilt from it. Stop the till and run pos journal rebuild (it prints what differed first).`;
  }
}
