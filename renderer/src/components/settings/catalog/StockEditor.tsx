import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../../src/api/schemas/catalog.js';
import { pos } from '../../../client.js';
import { PinField } from '../../common/PinField.js';
import { FormError } from '../FormError.js';
import { useSave } from '../use-save.js';
import { useItemSearch } from './use-item-search.js';

const LOW_AT = 5;

/** The low-stock list and a count set with its reason (journaled; manager's PIN). */
export function StockEditor() {
  const { t } = useTranslation();
  const [low, setLow] = useState<CatalogItem[]>([]);
  const [query, setQuery] = useState('');
  const [item, setItem] = useState<CatalogItem | null>(null);
  const [count, setCount] = useState('');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [changed, setChanged] = useState(0);
  const found = useItemSearch(query);
  const { saving, error, save } = useSave();
  useEffect(() => {
    void pos()['catalog.lowStock']({ threshold: LOW_AT }).then(setLow);
  }, [changed]);
  return (
    <div className="settings-form stock-editor">
      <h3>{t('catalog.stock.low', { threshold: LOW_AT })}</h3>
      {low.length === 0 && <p className="empty">{t('catalog.stock.noneLow')}</p>}
      <ul data-testid="low-stock">
        {low.map((i) => (
          <li key={i.id}>
            <button type="button" onClick={() => setItem(i)}>
              {i.name} · {i.stock}
            </button>
          </li>
        ))}
      </ul>
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('catalog.searchPlaceholder')} aria-label={t('catalog.search')} />
      <ul className="catalog-results">
        {found.map((i) => (
          <li key={i.id}>
            <button type="button" onClick={() => setItem(i)}>
              {i.name} · {i.stock ?? '-'}
            </button>
          </li>
        ))}
      </ul>
      {item && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(async () => {
              setItem(await pos()['catalog.adjustStock']({ itemId: item.id, stock: Number(count), reason, pin }));
              setPin('');
              setChanged((n) => n + 1);
            });
          }}
        >
          <p className="item-name">{item.name}</p>
          <label>
            {t('catalog.stock.count')}
            <input type="text" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value.replace(/[^\d-]/g, ''))} />
          </label>
          <label>
            {t('catalog.stock.reason')}
            <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <PinField value={pin} onChange={setPin} label={t('catalog.managerPin')} />
          <FormError error={error} />
          <button type="submit" disabled={saving || !/^-?\d+$/.test(count) || reason.trim() === ''}>
            {t('catalog.stock.adjust')}
          </button>
        </form>
      )}
    </div>
  );
}
