/**
 * The shop's catalog at the counter, in the till's SQLite: a scan is one
 * indexed lookup, so opening a 50,000-item catalog loads nothing (issue 17:
 * the till starts in under 300 ms); the search index is built on first use.
 * Price changes and stock adjustments are journaled (who, when, old, new).
 * A sale's line carries its price from the moment it was rung up, so a later
 * price change never alters it.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_SCALE_FLAGS, type ScaleFlags, scaleFlagsSchema } from '../codes/index.js';
import type { SqliteDatabase } from '../ledger/database.js';
import type { Journal } from '../ledger/journal.js';
import { type CsvItemRow, readCatalogCsv, writeCatalogCsv, barcodeProblem } from './csv-format.js';
import { ItemRows } from './item-rows.js';
import { migrateCatalog } from './migrations.js';
import { QuickKeyRows } from './quick-key-rows.js';
import { SaleStock } from './sale-stock.js';
import { type ScanRoute, routeScan } from './scan-lookup.js';
import { type ImportSummary, type Item, type ItemInput, type QuickKeyLayout, itemSchema } from './schemas.js';
import { type SearchOptions, SearchIndex, searchRowOf } from './search-index.js';
import { STARTER_ITEMS, STARTER_QUICK_KEYS } from './starter-items.js';

/** A change the catalog refuses; `field` names the input field at fault. */
export class CatalogError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

export interface CatalogDeps {
  db: SqliteDatabase;
  journal: Journal;
  /** Seed the starter items when the catalog is empty (training mode's first start). */
  starter?: boolean;
}

/** The catalog service: lookups, search, edits, quick keys, import/export, stock. */
export class Catalog {
  private readonly rows: ItemRows;
  private readonly quickKeyRows: QuickKeyRows;
  private readonly saleStock: SaleStock;
  /** Built on the first search (or `prepareSearch`), then kept in step with each write. */
  private index: SearchIndex | null = null;
  private flags: ScaleFlags = DEFAULT_SCALE_FLAGS;

  constructor(private readonly deps: CatalogDeps) {
    migrateCatalog(deps.db);
    this.rows = new ItemRows(deps.db);
    this.quickKeyRows = new QuickKeyRows(deps.db);
    this.saleStock = new SaleStock(deps.db, deps.journal);
    if (deps.starter && this.rows.count() === 0) this.seed();
    const stored = deps.db.prepare("SELECT body FROM catalog_settings WHERE key = 'scale-flags'").pluck().get() as string | undefined;
    this.flags = stored === undefined ? DEFAULT_SCALE_FLAGS : scaleFlagsSchema.parse(JSON.parse(stored));
    // What the last run journaled but did not get to move (stopped in between) moves now.
    this.followSales();
  }

  /** Every item, in the order they were added. */
  all(): Item[] {
    return this.rows.all();
  }

  /** How many items there are. */
  count(): number {
    return this.rows.count();
  }

  /** One item by its id. */
  get(id: string): Item | undefined {
    return this.rows.byId(id);
  }

  /** The item a barcode names (active or not). */
  byBarcode(code: string): Item | undefined {
    const id = this.rows.ownerOf(code);
    return id === undefined ? undefined : this.rows.byId(id);
  }

  /** Search while typing (name, 초성, part of a barcode, price). */
  search(query: string, options?: SearchOptions): Item[] {
    return this.rows.byIds(this.searchIndex().search(query, options));
  }

  /** Builds the search index now (after start-up, so the cashier's first keystroke does not wait for it). */
  prepareSearch(): void {
    this.searchIndex().prepare();
  }

  private searchIndex(): SearchIndex {
    if (!this.index) {
      this.index = new SearchIndex();
      this.index.reset(this.rows.searchRows());
    }
    return this.index;
  }

  /** What a scan means: an item to add, an unknown product, a payment code, or noise. */
  route(code: string): ScanRoute {
    return routeScan(code, { byBarcode: (code) => this.byBarcode(code), scaleFlags: () => this.flags });
  }

  /** Which scale label layout each in-store prefix (20-29) uses. */
  scaleFlags(): ScaleFlags {
    return this.flags;
  }

  setScaleFlags(flags: ScaleFlags): void {
    this.flags = scaleFlagsSchema.parse(flags);
    this.deps.db.prepare("INSERT INTO catalog_settings (key, body) VALUES ('scale-flags', ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body").run(JSON.stringify(this.flags));
  }

  /**
   * Adds or changes an item; `by` is who did it (staff id, or `import`/`cli`).
   * A new price is journaled with the old one; a barcode already on another item is refused.
   */
  save(input: ItemInput, by: string): Item {
    const item = itemSchema.parse({ ...input, id: input.id ?? newItemId() });
    for (const code of item.barcodes) {
      const problem = barcodeProblem(code);
      if (problem) throw new CatalogError('barcodes', problem);
      const owner = this.rows.ownerOf(code);
      if (owner !== undefined && owner !== item.id) throw new CatalogError('barcodes', `barcode ${code} is already on ${this.rows.byId(owner)?.name ?? owner}`);
    }
    this.deps.journal.atomically(() => this.write(item, by, this.rows.byId(item.id)));
    return item;
  }

  /** Checks a CSV file and says what importing it would do, without changing anything. */
  previewImport(bytes: Uint8Array): ImportSummary {
    return this.planImport(bytes).summary;
  }

  /** Imports a CSV file: all its rows, or none when any row is bad (the summary names each bad one). */
  importCsv(bytes: Uint8Array, by: string): ImportSummary {
    const { summary, writes } = this.planImport(bytes);
    if (summary.errors.length > 0) return { ...summary, added: 0, updated: 0 };
    if (writes.length > 0) {
      // The search index is built again on its next use: one build, not an update per row.
      this.index = null;
      this.deps.journal.atomically(() => {
        for (const { item, before } of writes) this.write(item, by, before);
      });
    }
    return summary;
  }

  /** The catalog as CSV, in the format the import reads. */
  exportCsv(): Buffer {
    return writeCatalogCsv(this.all());
  }

  /** The quick-key tabs, with retired or deleted items left out. */
  quickKeys(): QuickKeyLayout {
    const layout = this.quickKeyRows.load();
    return { tabs: layout.tabs.map((t) => ({ ...t, itemIds: t.itemIds.filter((id) => this.rows.byId(id)?.active) })) };
  }

  /** Replaces the quick-key tabs (settings); an unknown item is refused. */
  saveQuickKeys(layout: QuickKeyLayout): QuickKeyLayout {
    for (const tab of layout.tabs)
      for (const id of tab.itemIds) if (!this.rows.byId(id)) throw new CatalogError('itemIds', `no item ${id} in the catalog`);
    this.quickKeyRows.save(layout);
    return this.quickKeys();
  }

  /**
   * Moves the stock by the sales and returns by line the journal recorded
   * since the catalog last looked (at start-up, and after each sale or
   * refund completes); each move is applied exactly once. Returns how many
   * journal rows moved stock.
   */
  followSales(): number {
    return this.saleStock.catchUp((moves) => {
      for (const move of moves) this.rows.moveStock(move.itemId, move.delta);
    });
  }

  /** Sets a count after a stocktake or a breakage, journaled with its reason. */
  adjustStock(input: { itemId: string; stock: number; reason: string }, by: string): Item {
    const item = this.rows.byId(input.itemId);
    if (!item) throw new CatalogError('itemId', `no item ${input.itemId} in the catalog`);
    const updated: Item = { ...item, stock: input.stock };
    this.deps.journal.atomically(() => {
      this.rows.setStock(item.id, input.stock);
      this.deps.journal.append({
        kind: 'catalog.stock-adjusted',
        aggregateId: item.id,
        body: { itemId: item.id, oldStock: item.stock, newStock: input.stock, reason: input.reason, by },
      });
    });
    return updated;
  }

  /** Counted active items at or below `threshold` pieces, fewest first. */
  lowStock(threshold: number): Item[] {
    return this.rows.lowStock(threshold);
  }

  /** Writes an item; `before` is what it was (undefined for a new one), for the journal. */
  private write(item: Item, by: string, before: Item | undefined): void {
    this.rows.save(item, before === undefined);
    if (before && before.price !== item.price)
      this.deps.journal.append({
        kind: 'catalog.price-changed',
        aggregateId: item.id,
        body: { itemId: item.id, name: item.name, oldPrice: before.price, newPrice: item.price, by },
      });
    // A count changed with the item (settings, an import's stock column) is an adjustment too.
    if (before && before.stock !== item.stock)
      this.deps.journal.append({
        kind: 'catalog.stock-adjusted',
        aggregateId: item.id,
        body: { itemId: item.id, oldStock: before.stock, newStock: item.stock, reason: 'item edited', by },
      });
    this.index?.put(searchRowOf(item));
  }

  private planImport(bytes: Uint8Array): { summary: ImportSummary; writes: Array<{ item: Item; before: Item | undefined }> } {
    const read = readCatalogCsv(bytes);
    const errors = [...read.errors];
    const writes: Array<{ item: Item; before: Item | undefined }> = [];
    let added = 0;
    let updated = 0;
    // Read once for the whole file: a row per lookup would be 50,000 queries.
    const items = new Map(read.items.length > 0 && this.rows.count() > 0 ? this.rows.all().map((i) => [i.id, i]) : []);
    const barcodes = items.size > 0 ? this.rows.owners() : new Map<string, string>();
    const byName = new Map<string, string>();
    for (const item of items.values()) if (item.barcodes.length === 0) byName.set(item.name, item.id);
    for (const row of read.items) {
      const owners = new Set(row.barcodes.map((c) => barcodes.get(c)).filter((id) => id !== undefined));
      if (owners.size > 1) {
        errors.push({ row: row.row, field: 'barcode', reason: `these barcodes belong to ${owners.size} different items: ${[...owners].join(', ')}` });
        continue;
      }
      const existing = items.get([...owners][0] ?? (row.barcodes.length === 0 ? (byName.get(row.name) ?? '') : ''));
      const item = itemOfRow(row, existing);
      if (!existing) added += 1;
      else if (JSON.stringify(existing) !== JSON.stringify(item)) updated += 1;
      else continue;
      writes.push({ item, before: existing });
    }
    errors.sort((a, b) => a.row - b.row);
    return { summary: { rows: read.rows, added, updated, errors }, writes };
  }

  private seed(): void {
    this.deps.journal.atomically(() => {
      for (const item of STARTER_ITEMS) this.rows.save(item);
      this.quickKeyRows.save(STARTER_QUICK_KEYS);
    });
  }
}

function itemOfRow(row: CsvItemRow, existing: Item | undefined): Item {
  return {
    id: existing?.id ?? newItemId(),
    name: row.name,
    ...(existing?.nameEn ? { nameEn: existing.nameEn } : {}),
    ...(existing?.nameZh ? { nameZh: existing.nameZh } : {}),
    price: row.price,
    tax: row.tax,
    category: row.category,
    barcodes: row.barcodes.length > 0 ? row.barcodes : (existing?.barcodes ?? []),
    stock: row.stock ?? existing?.stock ?? null,
    active: existing?.active ?? true,
  };
}

function newItemId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 16);
}
