import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvTransfer } from './catalog/CsvTransfer.js';
import { ItemsEditor } from './catalog/ItemsEditor.js';
import { QuickKeysEditor } from './catalog/QuickKeysEditor.js';
import { ScaleLabels } from './catalog/ScaleLabels.js';
import { StockEditor } from './catalog/StockEditor.js';

const PARTS = ['items', 'quickKeys', 'import', 'stock', 'scale'] as const;
type Part = (typeof PARTS)[number];

/** Settings → items: the catalog (search and edit), quick-key tabs, CSV, stock, scale labels. */
export function CatalogSection() {
  const { t } = useTranslation();
  const [part, setPart] = useState<Part>('items');
  return (
    <div className="catalog-settings">
      <h2>{t('settings.section.items')}</h2>
      <nav className="sub-tabs">
        {PARTS.map((p) => (
          <button type="button" key={p} className={p === part ? 'active' : ''} onClick={() => setPart(p)} data-testid={`catalog-part-${p}`}>
            {t(`catalog.tabs.${p}`)}
          </button>
        ))}
      </nav>
      {part === 'items' && <ItemsEditor />}
      {part === 'quickKeys' && <QuickKeysEditor />}
      {part === 'import' && <CsvTransfer />}
      {part === 'stock' && <StockEditor />}
      {part === 'scale' && <ScaleLabels />}
    </div>
  );
}
