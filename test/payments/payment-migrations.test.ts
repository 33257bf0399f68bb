import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SqliteDatabase, migrateModule, openDatabase, openLedger } from '../../src/ledger/index.js';
import { PAYMENT_TABLES, paymentsSchema } from '../../src/payments/migrations.js';
import { PaymentFacts } from '../../src/payments/payment-facts.js';
import { PaymentStore } from '../../src/payments/payment-store.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** A database exactly as an older release left it: journal migrations 1 to `version` created the payment tables (test/ledger/fixtures). */
function oldDatabase(version: number): string {
  const path = join(tempDir(), `old-v${version}.db`);
  const db = openDatabase(path);
  db.exec(readFileSync(new URL(`../ledger/fixtures/ledger-v${version}.sql`, import.meta.url), 'utf8'));
  db.close();
  return path;
}

/** Columns, indexes and triggers of every payment table: what code relies on, whatever the CREATE text. */
function shape(db: SqliteDatabase): Record<string, unknown> {
  return Object.fromEntries(
    PAYMENT_TABLES.map((t) => [
      t,
      {
        columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`).all(t),
        indexes: db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name`).all(t),
        triggers: db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name`).all(t),
      },
    ]),
  );
}

function freshShape(): Record<string, unknown> {
  const ledger = openLedger(join(tempDir(), 'fresh.db'), { clock: new ManualClock() });
  new PaymentStore(ledger);
  try {
    return shape(ledger.db);
  } finally {
    ledger.close();
  }
}

describe('the payment tables, registered by src/payments', () => {
  it('are not created by the journal alone, and appear when the payment store opens', () => {
    const ledger = openLedger(join(tempDir(), 'till.db'), { clock: new ManualClock() });
    const tables = () => ledger.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN (SELECT value FROM json_each(?))").get(JSON.stringify(PAYMENT_TABLES)) as { n: number };
    expect(tables().n).toBe(0);
    new PaymentStore(ledger);
    expect(tables().n).toBe(PAYMENT_TABLES.length);
    expect(ledger.db.prepare("SELECT version FROM module_schema WHERE module = 'payments'").get()).toEqual({ version: paymentsSchema.steps.length });
    ledger.close();
  });

  it.each([2, 3, 4])('upgrades a database the old journal migrations 1..%i made to the same schema as a new one', (version) => {
    const path = oldDatabase(version);
    const ledger = openLedger(path, { clock: new ManualClock() });
    new PaymentStore(ledger);
    expect(shape(ledger.db)).toEqual(freshShape());
    expect(ledger.db.prepare("SELECT version FROM module_schema WHERE module = 'payments'").get()).toEqual({ version: paymentsSchema.steps.length });
    const indexes = ledger.db.prepare("SELECT name FROM sqlite_master WHERE name IN ('journal_one_z_per_day', 'outbox_quarantined') ORDER BY name").all();
    expect(indexes).toEqual([{ name: 'journal_one_z_per_day' }, { name: 'outbox_quarantined' }]);
    ledger.close();
  });

  it('keeps the sales of an old database readable and writable after the upgrade', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 30, 2, 0, 0));
    const ledger = openLedger(oldDatabase(4), { clock });
    const store = new PaymentStore(ledger);
    expect(ledger.journal.verify()).toMatchObject({ ok: true, rows: 4 });
    expect(store.sale('S-OLD-1')).toMatchObject({ state: 'completed', receiptNumber: '20261130-0001', total: 14980 });
    expect(store.saleOpened('S-OLD-1').lines.map((l) => l.name)).toEqual(['우유', '달걀']);
    expect(store.cashHandling('T-OLD-1')).toEqual({ tendered: 20000, change: 5020 });
    const facts = new PaymentFacts(ledger.db);
    expect(facts.openBusinessDates()).toEqual(['2026-11-30']);
    expect(facts.receiptNumber('S-OLD-1')).toBe('20261130-0001');

    const vat = { supply: 910, vat: 90, taxFree: 0, total: 1000 };
    store.write('sale.opened', 'S-NEW-1', { saleId: 'S-NEW-1', businessDate: '2026-11-30', currency: 'KRW', lines: [{ name: '껌', unitPrice: 1000, quantity: 1, tax: 'taxable' }], saleDiscount: 0, total: 1000, vat });
    expect(facts.openSales().map((s) => s.ref)).toEqual(['S-NEW-1']);
    ledger.close();

    // Opened again, nothing is migrated twice.
    const again = openLedger(ledger.db.name, { clock });
    expect(new PaymentStore(again).sale('S-NEW-1')?.state).toBe('open');
    again.close();
  });

  it('refuses payment tables written by a newer app', () => {
    const ledger = openLedger(join(tempDir(), 'newer.db'), { clock: new ManualClock() });
    new PaymentStore(ledger);
    ledger.db.prepare("UPDATE module_schema SET version = version + 1 WHERE module = 'payments'").run();
    expect(() => migrateModule(ledger.db, paymentsSchema)).toThrow(/payments schema is version \d+; this app knows up to/);
    ledger.close();
  });
});
