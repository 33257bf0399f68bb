import type { Migration } from '../migration.js';

/**
 * Projections of the payment journal: the current state of sales, tenders
 * (payments), refunds, counters and business days. The journal rows are the
 * truth; these tables are folded from them in the same transaction
 * (src/payments/projector.ts) so a question like "which payments are not
 * final?" is one indexed query, not a replay.
 */
export const paymentsMigration: Migration = {
  version: 2,
  name: 'payment projections',
  up(db) {
    db.exec(`
      CREATE TABLE pay_business_days (
        business_date TEXT PRIMARY KEY,
        opened_at INTEGER NOT NULL,
        closed_at INTEGER
      );

      CREATE TABLE pay_sales (
        sale_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        business_date TEXT NOT NULL,
        currency TEXT NOT NULL,
        total INTEGER NOT NULL,
        receipt_number TEXT UNIQUE,
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        completed_seq INTEGER,
        detail TEXT NOT NULL
      );
      CREATE INDEX pay_sales_by_state ON pay_sales(state);

      CREATE TABLE pay_tenders (
        tender_id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES pay_sales(sale_id),
        method TEXT NOT NULL,
        state TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount INTEGER NOT NULL,
        refunded INTEGER NOT NULL DEFAULT 0,
        wallet TEXT,
        masked_code TEXT,
        bill_number TEXT UNIQUE,
        gateway_payment_id TEXT,
        gateway_request_id TEXT,
        reason_code TEXT,
        reason TEXT,
        requested_at INTEGER,
        expires_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        state_seq INTEGER NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX pay_tenders_by_sale ON pay_tenders(sale_id);
      CREATE INDEX pay_tenders_by_state ON pay_tenders(state);

      CREATE TABLE pay_refunds (
        refund_id TEXT PRIMARY KEY,
        tender_id TEXT NOT NULL REFERENCES pay_tenders(tender_id),
        sale_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        amount INTEGER NOT NULL,
        reason TEXT,
        staff_id TEXT,
        requested_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX pay_refunds_by_tender ON pay_refunds(tender_id);
      CREATE INDEX pay_refunds_by_state ON pay_refunds(state);

      CREATE TABLE pay_cash_receipts (
        tender_id TEXT PRIMARY KEY REFERENCES pay_tenders(tender_id),
        identifier_type TEXT NOT NULL,
        masked TEXT NOT NULL,
        purpose TEXT NOT NULL,
        state TEXT NOT NULL,
        approval_number TEXT,
        requested_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE pay_counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
    `);
  },
};
