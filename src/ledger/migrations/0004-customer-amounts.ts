import type { Migration } from '../migration.js';

/**
 * What a cross-border customer's wallet was charged in their own currency
 * (the gateway's `customerAmount`, e.g. CNY for WeChat Pay and Alipay), kept
 * on the payment's projection beside the won amount. The journal row that
 * approved the payment carries it too, so the close-out totals it from the
 * journal even when the gateway's statement cannot be fetched.
 */
export const customerAmountsMigration: Migration = {
  version: 4,
  name: 'customer-currency amounts of payments',
  up(db) {
    db.exec(`
      ALTER TABLE pay_tenders ADD COLUMN customer_currency TEXT;
      ALTER TABLE pay_tenders ADD COLUMN customer_amount INTEGER;
    `);
  },
};
