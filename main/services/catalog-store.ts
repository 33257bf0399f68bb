import { join } from 'node:path';
import { type Catalog, catalogSchema } from '../../src/api/index.js';
import { JsonDocument, readJsonFile } from './json-file.js';

/** A first-start item list, so a newcomer in training mode can ring up a sale at once. */
export const STARTER_CATALOG: Catalog = {
  items: [
    { id: 'americano', name: '아메리카노', price: 4500, tax: 'taxable', quickKey: true },
    { id: 'latte', name: '카페라떼', price: 5000, tax: 'taxable', quickKey: true },
    { id: 'croissant', name: '크루아상', price: 3500, tax: 'taxable', quickKey: true },
    { id: 'water', name: '생수 500ml', price: 1000, tax: 'taxable', quickKey: true },
    { id: 'banana', name: '유기농 바나나', price: 3000, tax: 'tax-free', quickKey: true },
    { id: 'cake', name: '딸기 케이크', price: 6500, tax: 'taxable', quickKey: true },
    { id: 'tumbler', name: '텀블러', price: 15000, tax: 'taxable', quickKey: false },
  ],
};

/** The shop's item list (`catalog.json`), edited in settings, shown as quick keys. */
export async function openCatalogStore(dataDir: string): Promise<JsonDocument<Catalog>> {
  const file = join(dataDir, 'catalog.json');
  return new JsonDocument(file, await readJsonFile(file, catalogSchema, STARTER_CATALOG));
}
