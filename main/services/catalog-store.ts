import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Catalog } from '../../src/catalog/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import type { Logger } from '../../src/platform/logger.js';

/** The item list of earlier versions (`catalog.json`, at most 200 quick keys). */
const legacyCatalogSchema = z.object({
  items: z.array(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), name: z.string().min(1).max(64), price: z.number().int().min(0), tax: z.enum(['taxable', 'tax-free']), quickKey: z.boolean() })),
});

/**
 * The till's catalog, in its journal database. Training seeds the starter
 * items on first start. A till upgraded from the quick-key list of earlier
 * versions (`catalog.json`) gets those items and keys once, as one tab.
 */
export async function openTillCatalog(deps: { ledger: Ledger; dataDir: string; training: boolean; logger: Logger }): Promise<Catalog> {
  const legacy = await readLegacy(join(deps.dataDir, 'catalog.json'), deps.logger);
  const catalog = new Catalog({ db: deps.ledger.db, journal: deps.ledger.journal, starter: deps.training && !legacy });
  if (legacy && catalog.all().length === 0) {
    for (const old of legacy.items)
      catalog.save({ id: old.id, name: old.name, price: old.price, tax: old.tax, category: '', barcodes: [], stock: null, active: true }, 'upgrade');
    catalog.saveQuickKeys({ tabs: [{ name: '상품', itemIds: legacy.items.filter((i) => i.quickKey).map((i) => i.id) }] });
  }
  return catalog;
}

async function readLegacy(file: string, logger: Logger): Promise<z.infer<typeof legacyCatalogSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = legacyCatalogSchema.safeParse(raw);
  if (!parsed.success) logger.warn({ file }, 'catalog.json of an earlier version is unreadable; not carried over');
  return parsed.success ? parsed.data : undefined;
}
