import { ContractError, type HandlersFor, type ScanRouteView, type catalogMethods } from '../../src/api/index.js';
import { type Catalog, CatalogError, type ScanRoute } from '../../src/catalog/index.js';
import { SCALE_LAYOUTS } from '../../src/codes/index.js';
import { requireRole } from '../../src/payments/roles.js';
import type { ServiceSet } from '../compose.js';
import { refusingWith } from './refusals.js';

/** The catalog's refusals (a barcode on another item, an unknown item) as contract errors. */
function catalogCall<T>(work: () => T | Promise<T>): Promise<T> {
  return refusingWith(async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CatalogError) throw new ContractError('catalog-refused', error.message);
      throw error;
    }
  });
}

/** The route as the screen needs it: a payment code is not sent back (it is a secret the screen already has). */
function routeView(route: ScanRoute): ScanRouteView {
  if (route.kind === 'item') {
    const { item, unitPrice, weightGrams } = route.line;
    return { kind: 'item', line: { itemId: item.id, name: item.name, unitPrice, tax: item.tax, ...(weightGrams === undefined ? {} : { weightGrams }) } };
  }
  if (route.kind === 'unknown-product') return { kind: 'unknown-product', code: route.code };
  if (route.kind === 'payment') return { kind: 'payment' };
  return { kind: route.kind, message: route.message };
}

function quickKeyTabs(catalog: Catalog) {
  return { tabs: catalog.quickKeys().tabs.map((t) => ({ name: t.name, items: t.itemIds.map((id) => catalog.get(id)!) })) };
}

export function catalogHandlers({ till }: ServiceSet): HandlersFor<typeof catalogMethods> {
  const { catalog, staff } = till;
  const scaleSettings = () => ({ flags: catalog.scaleFlags(), layouts: [...SCALE_LAYOUTS] });
  return {
    'catalog.quickKeys': () => quickKeyTabs(catalog),
    'catalog.saveQuickKeys': ({ layout, ownerPin }) =>
      catalogCall(async () => {
        await requireRole(staff, ownerPin, 'owner');
        catalog.saveQuickKeys(layout);
        return quickKeyTabs(catalog);
      }),
    'catalog.search': ({ query, limit, includeInactive }) => catalog.search(query, { limit, includeInactive }),
    'catalog.route': ({ text }) => routeView(catalog.route(text)),
    'catalog.saveItem': ({ item, ownerPin }) => catalogCall(async () => catalog.save(item, (await requireRole(staff, ownerPin, 'owner')).staffId)),
    'catalog.previewImport': ({ file }) => catalog.previewImport(Buffer.from(file, 'base64')),
    'catalog.import': ({ file, ownerPin }) => catalogCall(async () => catalog.importCsv(Buffer.from(file, 'base64'), (await requireRole(staff, ownerPin, 'owner')).staffId)),
    'catalog.export': ({ managerPin }) =>
      catalogCall(async () => {
        await requireRole(staff, managerPin, 'manager');
        return { file: catalog.exportCsv().toString('base64') };
      }),
    'catalog.adjustStock': ({ pin, ...adjustment }) => catalogCall(async () => catalog.adjustStock(adjustment, (await requireRole(staff, pin, 'manager')).staffId)),
    'catalog.lowStock': ({ threshold }) => catalog.lowStock(threshold),
    'catalog.scaleSettings': scaleSettings,
    'catalog.saveScaleFlags': ({ flags, ownerPin }) =>
      catalogCall(async () => {
        await requireRole(staff, ownerPin, 'owner');
        catalog.setScaleFlags(flags);
        return scaleSettings();
      }),
  };
}
