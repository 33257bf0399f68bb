import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../../src/api/schemas/catalog.js';
import { pos } from '../../../client.js';
import { Money } from '../../common/Money.js';
import { PinField } from '../../common/PinField.js';
import { FormError } from '../FormError.js';
import { useSave } from '../use-save.js';
import { useItemSearch } from './use-item-search.js';

type Draft = Omit<CatalogItem, 'id'> & { id?: string };
const EMPTY: Draft = { name: '', price: 0, tax: 'taxable', category: '', barcodes: [], stock: null, active: true };

/** Finds items while typing and edits one (owner's PIN); a new price is journaled by the core. */
export function ItemsEditor() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [saved, setSaved] = useState(0);
  const results = useItemSearch(query, saved);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [pin, setPin] = useState('');
  const { saving, error, save } = useSave();
  const edit = (change: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...change } : d));
  return (
    <div className="catalog-items">
      <div className="panel-actions">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('catalog.searchPlaceholder')} aria-label={t('catalog.search')} data-testid="catalog-search" />
        <button type="button" onClick={() => setDraft({ ...EMPTY })} data-testid="catalog-new">
          {t('catalog.item.new')}
        </button>
      </div>
      {query.trim() !== '' && results.length === 0 && <p className="empty">{t('catalog.item.none')}</p>}
      <ul className="catalog-results">
        {results.map((item) => (
          <li key={item.id}>
            <button type="button" className={item.active ? '' : 'retired'} onClick={() => setDraft(item)} data-testid={`catalog-item-${item.id}`}>
              <span className="item-name">{item.name}</span> <Money minor={item.price} /> <span className="barcodes">{item.barcodes.join(' | ')}</span>
            </button>
          </li>
        ))}
      </ul>
      {draft && (
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(async () => {
              setDraft(await pos()['catalog.saveItem']({ item: draft, ownerPin: pin }));
              setPin('');
              setSaved((n) => n + 1);
            });
          }}
        >
          <label>
            {t('settings.items.name')}
            <input type="text" value={draft.name} onChange={(e) => edit({ name: e.target.value })} data-testid="item-name" />
          </label>
          <label>
            {t('catalog.item.nameEn')}
            <input type="text" value={draft.nameEn ?? ''} onChange={(e) => edit({ nameEn: e.target.value || undefined })} />
          </label>
          <label>
            {t('catalog.item.nameZh')}
            <input type="text" value={draft.nameZh ?? ''} onChange={(e) => edit({ nameZh: e.target.value || undefined })} />
          </label>
          <label>
            {t('settings.items.price')}
            <input type="text" inputMode="numeric" value={String(draft.price)} onChange={(e) => edit({ price: Number(e.target.value.replace(/\D/g, '') || '0') })} data-testid="item-price" />
          </label>
          <label>
            {t('settings.items.tax')}
            <select value={draft.tax} onChange={(e) => edit({ tax: e.target.value === 'tax-free' ? 'tax-free' : 'taxable' })}>
              <option value="taxable">{t('settings.items.taxable')}</option>
              <option value="tax-free">{t('settings.items.taxFree')}</option>
            </select>
          </label>
          <label>
            {t('catalog.item.category')}
            <input type="text" value={draft.category} onChange={(e) => edit({ category: e.target.value })} />
          </label>
          <label>
            {t('catalog.item.barcodes')}
            <input
              type="text"
              value={draft.barcodes.join('|')}
              onChange={(e) => edit({ barcodes: e.target.value.split('|').map((c) => c.trim()).filter((c) => c !== '') })}
              data-testid="item-barcodes"
            />
          </label>
          <label>
            {t('catalog.item.stock')}
            <input type="text" inputMode="numeric" value={draft.stock === null ? '' : String(draft.stock)} onChange={(e) => edit({ stock: /^-?\d+$/.test(e.target.value) ? Number(e.target.value) : null })} />
          </label>
          <label>
            <input type="checkbox" checked={draft.active} onChange={(e) => edit({ active: e.target.checked })} />
            {t('catalog.item.active')}
          </label>
          <PinField value={pin} onChange={setPin} label={t('catalog.ownerPin')} />
          <FormError error={error} />
          <button type="submit" disabled={saving} data-testid="item-save">
            {t('catalog.item.save')}
          </button>
        </form>
      )}
    </div>
  );
}
