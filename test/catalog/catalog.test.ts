import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/catalog/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTestCatalog } from './catalog-fixture.js';

const tempDir = useTempDir('pos-catalog-');
const open: Ledger[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function catalogIn(dir = tempDir(), starter = false) {
  const opened = openTestCatalog(dir, { starter });
  open.push(opened.store);
  return opened;
}

const crisps = { name: '새우깡', price: 1500, tax: 'taxable' as const, category: '과자', barcodes: ['8801043012348'], stock: 10, active: true };

describe('catalog items', () => {
  it('keeps an item with several barcodes, names in three languages, across a restart', () => {
    const dir = tempDir();
    const { catalog, store } = catalogIn(dir);
    const saved = catalog.save({ ...crisps, nameEn: 'Shrimp crackers', nameZh: '虾条', barcodes: ['8801043012348', '96385074'] }, 'owner');
    store.close();
    open.pop();
    const again = catalogIn(dir).catalog;
    expect(again.get(saved.id)).toEqual(saved);
    expect(again.byBarcode('96385074')?.name).toBe('새우깡');
  });

  it('journals a price change with who, when, the old and the new price', () => {
    const { catalog, store, clock } = catalogIn();
    const item = catalog.save(crisps, 'owner');
    clock.advance(60_000);
    catalog.save({ ...item, price: 1700 }, 'manager-kim');
    const rows = store.db.prepare("SELECT at, body FROM journal WHERE kind = 'catalog.price-changed'").all() as Array<{ at: number; body: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.at).toBe(clock.now());
    expect(JSON.parse(rows[0]!.body)).toEqual({ itemId: item.id, name: '새우깡', oldPrice: 1500, newPrice: 1700, by: 'manager-kim' });
  });

  it('refuses a barcode already on another item and a wrong check digit', () => {
    const { catalog } = catalogIn();
    catalog.save(crisps, 'owner');
    expect(() => catalog.save({ ...crisps, name: '다른 과자' }, 'owner')).toThrow(CatalogError);
    expect(() => catalog.save({ ...crisps, barcodes: ['8801043012345'] }, 'owner')).toThrow(/check digit/);
  });

  it('seeds the starter items and quick-key tabs only into an empty catalog', () => {
    const { catalog } = catalogIn(tempDir(), true);
    expect(catalog.quickKeys().tabs.map((t) => t.name)).toEqual(['자주 찾는 상품', '커피', '베이커리', '기타']);
    expect(catalog.get('americano')?.price).toBe(4500);
  });

  it('arranges quick keys in any number of tabs and keys, and refuses unknown items', () => {
    const { catalog } = catalogIn();
    const ids = Array.from({ length: 40 }, (_, i) => catalog.save({ ...crisps, name: `과자 ${i}`, barcodes: [] }, 'owner').id);
    const layout = { tabs: [{ name: '과자', itemIds: ids.slice(0, 30) }, { name: '더', itemIds: ids.slice(30) }, { name: '빈 탭', itemIds: [] }] };
    expect(catalog.saveQuickKeys(layout)).toEqual(layout);
    expect(() => catalog.saveQuickKeys({ tabs: [{ name: 'x', itemIds: ['nope'] }] })).toThrow(CatalogError);
  });
});

describe('stock', () => {
  it('is adjusted with a journaled reason, and listed when low (fewest first; uncounted and retired items never)', () => {
    const { catalog, store } = catalogIn();
    const item = catalog.save({ ...crisps, stock: 4 }, 'owner');
    catalog.save({ ...crisps, name: '생수', barcodes: [], stock: null }, 'owner');
    catalog.save({ ...crisps, name: '단종', barcodes: [], stock: 0, active: false }, 'owner');
    const none = catalog.save({ ...crisps, name: '품절', barcodes: [], stock: 0 }, 'owner');
    expect(catalog.lowStock(5).map((i) => i.id)).toEqual([none.id, item.id]);
    catalog.adjustStock({ itemId: item.id, stock: 24, reason: '입고' }, 'owner');
    expect(catalog.lowStock(5).map((i) => i.id)).toEqual([none.id]);
    const body = store.db.prepare("SELECT body FROM journal WHERE kind = 'catalog.stock-adjusted'").pluck().get() as string;
    expect(JSON.parse(body)).toEqual({ itemId: item.id, oldStock: 4, newStock: 24, reason: '입고', by: 'owner' });
  });
});
