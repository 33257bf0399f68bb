/**
 * The catalog tables' queries: the only code that names catalog_items and
 * catalog_barcodes. Rows are parsed through `itemSchema` on read.
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
}

/** Named statements over the item and barcode tables. */
export class ItemRows {
  private readonly upsertItem;
  private readonly deleteBarcodes;
  private readonly insertBarcode;
  private readonly stockUpdate;

  constructor(private readonly db: SqliteDatabase) {
    this.upsertItem = db.prepare(
      `INSERT INTO catalog_items (id, name, name_en, name_zh, price, tax, category, stock, active)
       VALUES (@id, @name, @nameEn, @nameZh, @price, @tax, @category, @stock, @active)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, name_zh = excluded.name_zh,
         price = excluded.price, tax = excluded.tax, category = excluded.category, stock = excluded.stock, active = excluded.active`,
    );
    this.deleteBarcodes = db.prepare('DELETE FROM catalog_barcodes WHERE item_id = ?');
    this.insertBarcode = db.prepare('INSERT INTO catalog_barcodes (code, item_id, position) VALUES (?, ?, ?)');
    this.stockUpdate = db.prepare('UPDATE catalog_items SET stock = stock + ? WHERE id = ? AND stock IS NOT NULL RETURNING stock');
  }

  /** How many items there are. */
  count(): number {
    return this.db.prepare('SELECT count(*) FROM catalog_items').pluck().get() as number;
  }

  /** Every item with its barcodes, in the order they were first added. */
  all(): Item[] {
    const barcodes = new Map<string, string[]>();
    const codeRows = this.db.prepare('SELECT code, item_id FROM catalog_barcodes ORDER BY item_id, position').raw().all() as Array<[string, string]>;
    for (const [code, itemId] of codeRows) {
      const list = barcodes.get(itemId);
      if (list) list.push(code);
      else barcodes.set(itemId, [code]);
    }
    const rows = this.db.prepare('SELECT * FROM catalog_items ORDER BY rowid').all() as ItemRow[];
    return rows.map((row) =>
      itemSchema.parse({
        id: row.id,
        name: row.name,
        ...(row.name_en ? { nameEn: row.name_en } : {}),
        ...(row.name_zh ? { nameZh: row.name_zh } : {}),
        price: row.price,
        tax: row.tax,
        category: row.category,
        barcodes: barcodes.get(row.id) ?? [],
        stock: row.stock,
        active: row.active === 1,
      }),
    );
  }

  /** Writes an item and replaces its barcodes (call inside a transaction). */
  save(item: Item): void {
    this.upsertItem.run({
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
    this.deleteBarcodes.run(item.id);
    item.barcodes.forEach((code, position) => this.insertBarcode.run(code, item.id, position));
  }

  /** Moves a counted item's stock by `delta`; the new count, or null when the item is not counted. */
  moveStock(itemId: string, delta: number): number | null {
    const row = this.stockUpdate.get(delta, itemId) as { stock: number } | undefined;
    return row?.stock ?? null;
  }

  /** Sets a counted item's stock. */
  setStock(itemId: string, stock: number | null): void {
    this.db.prepare('UPDATE catalog_items SET stock = ? WHERE id = ?').run(stock, itemId);
  }
}
