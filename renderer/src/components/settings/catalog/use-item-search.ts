import { useEffect, useState } from 'react';
import type { CatalogItem } from '../../../../../src/api/schemas/catalog.js';
import { pos } from '../../../client.js';

/** Items matching `query` (retired ones too: settings edits them), answered while typing. */
export function useItemSearch(query: string, refresh = 0): CatalogItem[] {
  const [results, setResults] = useState<CatalogItem[]>([]);
  useEffect(() => {
    let current = true;
    if (query.trim() === '') setResults([]);
    else void pos()['catalog.search']({ query, limit: 50, includeInactive: true }).then((found) => current && setResults(found), () => undefined);
    return () => {
      current = false;
    };
  }, [query, refresh]);
  return results;
}
