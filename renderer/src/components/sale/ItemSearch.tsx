import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../src/api/schemas/catalog.js';
import { pos } from '../../client.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';
import { addToSale } from '../../sale/add-to-sale.js';

/**
 * Search while typing: name, 초성 (ㅇㅁㄹ → 아메리카노), part of a barcode or a
 * price. Each keystroke asks the core, which answers from memory; an answer
 * for an older query is dropped.
 */
export function ItemSearch({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CatalogItem[]>([]);
  useEffect(() => {
    let current = true;
    if (query.trim() === '') setResults([]);
    else void pos()['catalog.search']({ query, limit: 12 }).then((found) => current && setResults(found), () => undefined);
    return () => {
      current = false;
    };
  }, [query]);
  const pick = (item: CatalogItem) => {
    addToSale(item);
    setQuery('');
  };
  return (
    <div className="item-search">
      <input
        type="search"
        value={query}
        placeholder={t('catalog.searchPlaceholder')}
        aria-label={t('catalog.search')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results[0]) pick(results[0]);
          if (e.key === 'Escape') setQuery('');
          e.stopPropagation();
        }}
        data-testid="item-search"
      />
      {results.length > 0 && (
        <ul className="search-results" data-testid="search-results">
          {results.map((item) => (
            <li key={item.id}>
              <button type="button" disabled={busy} onMouseDown={keepFocus} onClick={() => pick(item)} data-testid={`found-${item.id}`}>
                <span className="item-name">{item.name}</span>
                <Money minor={item.price} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
