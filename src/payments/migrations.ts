import { type ModuleSchema, type SqliteDatabase, migrateModule } from '../ledger/index.js';

/**
 * The payment projections' tables, owned by this module and by no other:
 * every read and write goes through the named queries of src/payments
 * (payment-store.ts, payment-facts.ts, sale-history.ts;
 * test/architecture/payment-tables.test.ts fails on a pay_* table named
 * anywhere else). The journal rows are the truth; these tables are folded
 * from them in the same transaction (projector.ts), so a question like
 * "which payments are not final?" is one indexed query, not a replay.
 */
export const PAYMENT_TABLES = ['pay_business_days', 'pay_sales', 'pay_tenders', 'pay_refunds', 'pay_cash_receipts', 'pay_counters'] as const;

const steps: ModuleSchema['steps'] = [
  {
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
  },
  {
    // The guards live in the schema so no code path can get around them: no
    // sale dated on a closed day and no day closed twice. The projections are
    // written in the same transaction as their journal row, so a refused
    // projection rolls the journal row back too (docs/closeout.md).
    name: 'close-out guards',
    up(db) {
      db.exec(`
        CREATE TRIGGER pay_sales_refuse_closed_day BEFORE INSERT ON pay_sales
          WHEN EXISTS (SELECT 1 FROM pay_business_days WHERE business_date = NEW.business_date AND closed_at IS NOT NULL)
          BEGIN SELECT RAISE(ABORT, 'business day is closed: a sale cannot be added to it'); END;
        CREATE TRIGGER pay_business_days_close_once BEFORE UPDATE OF closed_at ON pay_business_days
          WHEN OLD.closed_at IS NOT NULL
          BEGIN SELECT RAISE(ABORT, 'business day is already closed'); END;
        -- Reconciliation finds an offline QR payment by the request id the wallet gave it.
        CREATE INDEX pay_tenders_by_gateway_request ON pay_tenders(gateway_request_id) WHERE gateway_request_id IS NOT NULL;
      `);
    },
  },
  {
    // What a cross-border customer's wallet was charged in their own currency
    // (the gateway's `customerAmount`, e.g. CNY for WeChat Pay and Alipay),
    // beside the won amount. The approving journal row carries it too, so the
    // close-out totals it from the journal even without the gateway's statement.
    name: 'customer-currency amounts of payments',
    up(db) {
      db.exec(`
        ALTER TABLE pay_tenders ADD COLUMN customer_currency TEXT;
        ALTER TABLE pay_tenders ADD COLUMN customer_amount INTEGER;
      `);
    },
  },
];

/**
 * A database made before this module registered its tables: journal
 * migrations 2 to 4 of an older release created steps 1 to 3 here, so the
 * version is read off what exists.
 */
function adopt(db: SqliteDatabase): number {
  const exists = (type: string, name: string) =>
    db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get(type, name) !== undefined;
  if (!exists('table', 'pay_sales')) return 0;
  const columns = db.prepare("SELECT name FROM pragma_table_info('pay_tenders')").all() as Array<{ name: string }>;
  if (columns.some((c) => c.name === 'customer_amount')) return 3;
  return exists('trigger', 'pay_sales_refuse_closed_day') ? 2 : 1;
}

/** The payments module's schema, as `migrateModule` runs it. */
export const paymentsSchema: ModuleSchema = { module: 'payments', steps, adopt };

/** Creates or upgrades the payment tables (the payment store does it when it opens). */
export function migratePayments(db: SqliteDatabase): number {
  return migrateModule(db, paymentsSchema);
}
