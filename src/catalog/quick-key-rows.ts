/** The quick-key tabs' queries: the only code that names catalog_quick_keys. */
import type { SqliteDatabase } from '../ledger/database.js';
import { type QuickKeyLayout, quickKeyLayoutSchema } from './schemas.js';

/** Tabs and their keys, in the order settings arranged them. */
export class QuickKeyRows {
  constructor(private readonly db: SqliteDatabase) {}

  load(): QuickKeyLayout {
    const rows = this.db.prepare('SELECT tab, tab_name, item_id FROM catalog_quick_keys ORDER BY tab, position').all() as Array<{ tab: number; tab_name: string; item_id: string | null }>;
    const tabs: Array<{ name: string; itemIds: string[] }> = [];
    let last = -1;
    for (const row of rows) {
      if (row.tab !== last) tabs.push({ name: row.tab_name, itemIds: [] });
      last = row.tab;
      if (row.item_id !== null) tabs.at(-1)!.itemIds.push(row.item_id);
    }
    return quickKeyLayoutSchema.parse({ tabs });
  }

  /** Replaces the layout; an empty tab keeps a row with no item so its name survives. */
  save(layout: QuickKeyLayout): void {
    const insert = this.db.prepare('INSERT INTO catalog_quick_keys (tab, tab_name, position, item_id) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM catalog_quick_keys').run();
      layout.tabs.forEach((tab, t) => {
        if (tab.itemIds.length === 0) insert.run(t, tab.name, 0, null);
        tab.itemIds.forEach((id, p) => insert.run(t, tab.name, p, id));
      });
    })();
  }
}
