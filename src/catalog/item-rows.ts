/**
 * The catalog tables' queries: the only code that names catalog_items and
 * catalog_barcodes. SQLite is where an item lives; nothing holds all of them
 * in memory (a 50,000-item catalog opened in milliseconds, issue 17 point 8).
 * Rows are parsed through `itemSchema` on read.
 */
import type { SqliteDatabase } from '../ledger/database.js';
import { type Item, itemSchema } from './schemas.js';

interface ItemRow {
  id: string;
  name: string;
  name_en: string | null;
  name_zh: string | null;
  price: number;
  tax: string;
  category: string;
  stock: number | null;
  active: number;
  /** The item's barcodes in order, joined by a space (a barcode has none). */
  codes: string | null;
}

/** What search reads of every item, in the order they were added: [id, name, nameEn, nameZh, price, active, codes (space-separated)]. */
export type SearchRow = [string, string, string | null, string | null, number, number, string | null];

const ITEM_COLUMNS = `i.id, i.name, i.name_en, i.name_zh, i.price, i.tax, i.category, i.stock, i.active,
  (SELECT group_concat(code, ' ' ORDER BY position) FROM catalog_barcodes b WHERE b.item_id = i.id) AS codes`;

/** Named statements over the item and barcode tables. */
export class ItemRows {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      upsertItem: db.prepare(
        `INSERT INTO catalog_items (id, name, name_en, name_zh, price, tax, category, stock, active)
         VALUES (@id, @name, @nameEn, @nameZh, @price, @tax, @category, @stock, @active)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, name_zh = excluded.name_zh,
           price = excluded.price, tax = excluded.tax, category = excluded.category, stock = excluded.stock, active = excluded.active`,
      ),
      insertItem: db.prepare(
        `INSERT INTO catalog_items (id, name, name_en, name_zh, price, tax, category, stock, active)
         VALUES (@id, @name, @nameEn, @nameZh, @price, @tax, @category, @stock, @active)`,
      ),
      deleteBarcodes: db.prepare('DELETE FROM catalog_barcodes WHERE item_id = ?'),
      insertBarcode: db.prepare('INSERT INTO catalog_barcodes (code, item_id, position) VALUES (?, ?, ?)'),
      moveStock: db.prepare('UPDATE catalog_items SET stock = stock + ? WHERE id = ? AND stock IS NOT NULL'),
      setStock: db.prepare('UPDATE catalog_items SET stock = ? WHERE id = ?'),
      count: db.prepare('SELECT count(*) FROM catalog_items').pluck(),
      byId: db.prepare(`SELECT ${ITEM_COLUMNS} FROM catalog_items i WHERE i.id = ?`),
      byIds: db.prepare(`SELECT ${ITEM_COLUMNS} FROM catalog_items i WHERE i.id IN (SELECT value FROM json_each(?))`),
      ownerOf: db.prepare('SELECT item_id FROM catalog_barcodes WHERE code = ?').pluck(),
      owners: db.prepare('SELECT code, item_id FROM catalog_barcodes').raw(),
      all: db.prepare(`SELECT ${ITEM_COLUMNS} FROM catalog_items i ORDER BY i.rowid`),
      low: db.prepare(`SELECT ${ITEM_COLUMNS} FROM catalog_items i WHERE i.active = 1 AND i.stock IS NOT NULL AND i.stock <= ? ORDER BY i.stock, i.rowid`),
      searchItems: db.prepare('SELECT id, name, name_en, name_zh, price, active, NULL FROM catalog_items ORDER BY rowid').raw(),
      searchCodes: db.prepare('SELECT item_id, code FROM catalog_barcodes').raw(),
    };
  }

  /** How many items there are. */
  count(): number {
    return this.q.count.get() as number;
  }

  /** One item by its id. */
  byId(id: string): Item | undefined {
    const row = this.q.byId.get(id) as ItemRow | undefined;
    return row && itemOf(row);
  }

  /** The items of `ids` in that order, in one query (a search's results: one statement, not one per item); unknown ids are left out. */
  byIds(ids: readonly string[]): Item[] {
    if (ids.length === 0) return [];
    const found = new Map((this.q.byIds.all(JSON.stringify(ids)) as ItemRow[]).map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = found.get(id);
      return row ? [itemOf(row)] : [];
    });
  }

  /** The id of the item a barcode is on. */
  ownerOf(code: string): string | undefined {
    return this.q.ownerOf.get(code) as string | undefined;
  }

  /** Which item each barcode is on (an import checks every row against them). */
  owners(): Map<string, string> {
    return new Map(this.q.owners.all() as Array<[string, string]>);
  }

  /** Every item with its barcodes, in the order they were first added. */
  all(): Item[] {
    return (this.q.all.all() as ItemRow[]).map(itemOf);
  }

  /** Counted active items with at most `threshold` pieces, fewest first. */
  lowStock(threshold: number): Item[] {
    return (this.q.low.all(threshold) as ItemRow[]).map(itemOf);
  }

  /** What search needs of every item, without building the items (see `SearchRow`). */
  searchRows(): SearchRow[] {
    // Two plain scans joined here: a subquery per item took twice as long. Search needs no barcode order.
    const codes = new Map<string, string>();
    for (const [itemId, code] of this.q.searchCodes.all() as Array<[string, string]>) {
      const before = codes.get(itemId);
      codes.set(itemId, before === undefined ? code : `${before} ${code}`);
    }
    const rows = this.q.searchItems.all() as SearchRow[];
    for (const row of rows) row[6] = codes.get(row[0]) ?? null;
    return rows;
  }

  /**
   * Writes an item and replaces its barcodes (call inside a transaction).
   * `added` says the id is new: a plain insert, no barcodes to drop first
   * (half the statements of a 50,000-row import).
   */
  save(item: Item, added = false): void {
    (added ? this.q.insertItem : this.q.upsertItem).run({
      id: item.id,
      name: item.name,
      nameEn: item.nameEn ?? null,
      nameZh: item.nameZh ?? null,
      price: item.price,
      tax: item.tax,
      category: item.category,
      stock: item.stock,
      active: item.active ? 1 : 0,
    });
    if (!added) this.q.deleteBarcodes.run(item.id);
    item.barcodes.forEach((code, position) => this.q.insertBarcode.run(code, item.id, position));
  }

  /** Moves a counted item's stock by `delta` (an uncounted item stays uncounted). */
  moveStock(itemId: string, delta: number): void {
    this.q.moveStock.run(delta, itemId);
  }

  /** Sets an item's stock. */
  setStock(itemId: string, stock: number | null): void {
    this.q.setStock.run(stock, itemId);
  }
}

function itemOf(row: ItemRow): Item {
  return itemSchema.parse({
    id: row.id,
    name: row.name,
    ...(row.name_en ? { nameEn: row.name_en } : {}),
    ...(row.name_zh ? { nameZh: row.name_zh } : {}),
    price: row.price,
    tax: row.tax,
    category: row.category,
    barcodes: row.codes ? row.codes.split(' ') : [],
    stock: row.stock,
    active: row.active === 1,
  });
}
