/**
 * The catalog's own tables, registered by this module: it brings its schema
 * up to date itself (`catalog_schema`), so the journal's numbered migrations
 * and the catalog's can grow apart without colliding. Append only.
 */
import type { SqliteDatabase } from '../ledger/database.js';

/** One forward-only step of the catalog's schema. */
interface CatalogMigration {
  name: string;
  sql: string;
}

const CATALOG_MIGRATIONS: readonly CatalogMigration[] = [
  {
    name: 'items, barcodes, quick keys, settings',
    sql: `
      CREATE TABLE catalog_items (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_en TEXT,
        name_zh TEXT,
        price INTEGER NOT NULL CHECK (price >= 0),
        tax TEXT NOT NULL CHECK (tax IN ('taxable', 'tax-free')),
        category TEXT NOT NULL DEFAULT '',
        stock INTEGER,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      );
      -- A barcode names one item: a second item with the same code is refused by the schema too.
      CREATE TABLE catalog_barcodes (
        code TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
        position INTEGER NOT NULL
      );
      CREATE INDEX catalog_barcodes_by_item ON catalog_barcodes(item_id, position);
      CREATE TABLE catalog_quick_keys (
        tab INTEGER NOT NULL,
        tab_name TEXT NOT NULL,
        position INTEGER NOT NULL,
        item_id TEXT REFERENCES catalog_items(id) ON DELETE CASCADE,
        PRIMARY KEY (tab, position)
      );
      CREATE TABLE catalog_settings (key TEXT PRIMARY KEY, body TEXT NOT NULL);
    `,
  },
  {
    name: 'the items of each sale, for stock',
    // A sale's lines (item or null, by line number) wait here until the sale completes (stock
    // lowered, row kept so a return by line finds its item) or is abandoned (row dropped), so a
    // restart between the two neither loses nor double-counts them.
    sql: 'CREATE TABLE catalog_sale_stock (sale_id TEXT PRIMARY KEY, lines TEXT NOT NULL, settled INTEGER NOT NULL DEFAULT 0);',
  },
  {
    name: 'stock follows the journal',
    // The held lines were never filled by the checkout session; stock now reads each sale's lines
    // (with their item ids) from the journal, and keeps here the last journal row it applied.
    sql: 'DROP TABLE catalog_sale_stock; CREATE TABLE catalog_stock_cursor (seq INTEGER NOT NULL);',
  },
];

/**
 * Creates or upgrades the catalog's tables inside one transaction per step.
 * Refuses a database whose catalog schema is newer than this app knows.
 */
export function migrateCatalog(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS catalog_schema (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM catalog_schema').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > CATALOG_MIGRATIONS.length)
    throw new Error(`catalog schema is version ${current}; this app knows up to ${CATALOG_MIGRATIONS.length}`);
  CATALOG_MIGRATIONS.slice(current).forEach((step, i) => {
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare('DELETE FROM catalog_schema').run();
      db.prepare('INSERT INTO catalog_schema (version) VALUES (?)').run(current + i + 1);
    }).immediate();
  });
}
