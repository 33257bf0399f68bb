import type { Migration } from '../migration.js';

/**
 * Close-out guards and indexes (src/closeout, docs/closeout.md).
 *
 * The guards live in the schema so no code path can get around them: one Z
 * report per business day (a unique index over the journal's `closeout.z`
 * rows), no sale dated on a closed day and no day closed twice (triggers on
 * the payment projections, which are written in the same transaction as
 * their journal row, so a refused projection rolls the journal row back too).
 */
export const closeoutMigration: Migration = {
  version: 3,
  name: 'close-out guards and report indexes',
  up(db) {
    db.exec(`
      CREATE UNIQUE INDEX journal_one_z_per_day ON journal(aggregate_id) WHERE kind = 'closeout.z';

      CREATE TRIGGER pay_sales_refuse_closed_day BEFORE INSERT ON pay_sales
        WHEN EXISTS (SELECT 1 FROM pay_business_days WHERE business_date = NEW.business_date AND closed_at IS NOT NULL)
        BEGIN SELECT RAISE(ABORT, 'business day is closed: a sale cannot be added to it'); END;
      CREATE TRIGGER pay_business_days_close_once BEFORE UPDATE OF closed_at ON pay_business_days
        WHEN OLD.closed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'business day is already closed'); END;

      -- Reconciliation finds an offline QR payment by the request id the wallet gave it.
      CREATE INDEX pay_tenders_by_gateway_request ON pay_tenders(gateway_request_id) WHERE gateway_request_id IS NOT NULL;
      -- The report lists records the gateway refused; without this, finding them scans the whole outbox.
      CREATE INDEX outbox_quarantined ON outbox(seq) WHERE quarantined_at IS NOT NULL AND acked_at IS NULL;
    `);
  },
};
