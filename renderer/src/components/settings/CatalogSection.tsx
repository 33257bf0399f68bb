import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../src/api/schemas/sale.js';
import { pos } from '../../client.js';
import { useTill } from '../../stores/till-store.js';
import { FormError } from './FormError.js';
import { useSave } from './use-save.js';
import { TableHead } from '../common/TableHead.js';

let nextId = 1;
const newItem = (): CatalogItem => ({ id: `item-${Date.now().toString(36)}-${nextId++}`, name: '', price: 0, tax: 'taxable', quickKey: true });

/** The shop's item list: name, VAT-inclusive price, tax class, and whether it is a quick key. */
export function CatalogSection() {
  const { t } = useTranslation();
  const catalog = useTill((s) => s.catalog);
  const setCatalog = useTill((s) => s.setCatalog);
  const [items, setItems] = useState<CatalogItem[]>(catalog.items);
  const { saving, error, save } = useSave();
  const edit = (index: number, change: Partial<CatalogItem>) => setItems(items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  return (
    <form
      className="settings-form catalog-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save(async () => setCatalog(await pos()['sale.saveCatalog']({ items })));
      }}
    >
      <h2>{t('settings.section.items')}</h2>
      <table>
        <TableHead columns={[t('settings.items.name'), t('settings.items.price'), t('settings.items.tax'), t('settings.items.quickKey'), '']} />
        <tbody>
          {items.map((item, i) => (
            <tr key={item.id} data-testid="catalog-row">
              <td>
                <input type="text" value={item.name} onChange={(e) => edit(i, { name: e.target.value })} aria-label={t('settings.items.name')} />
              </td>
              <td>
                <input
                  type="text"
                  inputMode="numeric"
                  value={String(item.price)}
                  onChange={(e) => edit(i, { price: Number(e.target.value.replace(/\D/g, '') || '0') })}
                  aria-label={t('settings.items.price')}
                />
              </td>
              <td>
                <select value={item.tax} onChange={(e) => edit(i, { tax: e.target.value as CatalogItem['tax'] })} aria-label={t('settings.items.tax')}>
                  <option value="taxable">{t('settings.items.taxable')}</option>
                  <option value="tax-free">{t('settings.items.taxFree')}</option>
                </select>
              </td>
              <td>
                <input type="checkbox" checked={item.quickKey} onChange={(e) => edit(i, { quickKey: e.target.checked })} aria-label={t('settings.items.quickKey')} />
              </td>
              <td>
                <button type="button" onClick={() => setItems(items.filter((_, j) => j !== i))}>
                  {t('settings.items.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError error={error} />
      <div className="panel-actions">
        <button type="button" onClick={() => setItems([...items, newItem()])} data-testid="catalog-add">
          {t('settings.items.add')}
        </button>
        <button type="submit" disabled={saving} data-testid="catalog-save">
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}
