import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../../src/api/schemas/catalog.js';
import { pos } from '../../../client.js';
import { useCatalog } from '../../../stores/catalog-store.js';
import { PinField } from '../../common/PinField.js';
import { FormError } from '../FormError.js';
import { useSave } from '../use-save.js';
import { useItemSearch } from './use-item-search.js';

interface TabDraft {
  name: string;
  items: Array<Pick<CatalogItem, 'id' | 'name'>>;
}

const move = <T,>(list: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [moved] = copy.splice(from, 1);
  copy.splice(to, 0, moved!);
  return copy;
};

/** Quick keys: any number of tabs (categories or pages), any number of keys in each, in the order given here. */
export function QuickKeysEditor() {
  const { t } = useTranslation();
  const [tabs, setTabs] = useState<TabDraft[]>([]);
  const [current, setCurrent] = useState(0);
  const [query, setQuery] = useState('');
  const [pin, setPin] = useState('');
  const found = useItemSearch(query);
  const { saving, error, save } = useSave();
  useEffect(() => {
    void pos()['catalog.quickKeys']().then((layout) => setTabs(layout.tabs.map((tab) => ({ name: tab.name, items: tab.items }))));
  }, []);
  const tab = tabs[current];
  const changeTab = (change: (tab: TabDraft) => TabDraft) => setTabs(tabs.map((x, i) => (i === current ? change(x) : x)));
  return (
    <form
      className="settings-form quick-key-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save(async () => {
          const layout = { tabs: tabs.map((x) => ({ name: x.name, itemIds: x.items.map((i) => i.id) })) };
          useCatalog.getState().setTabs(await pos()['catalog.saveQuickKeys']({ layout, ownerPin: pin }));
          setPin('');
        });
      }}
    >
      <div className="quick-key-tabs">
        {tabs.map((x, i) => (
          <button type="button" key={i} className={i === current ? 'active' : ''} onClick={() => setCurrent(i)} data-testid={`edit-tab-${i}`}>
            {x.name}
          </button>
        ))}
        <button
          type="button"
          onClick={() => {
            setTabs([...tabs, { name: `${tabs.length + 1}`, items: [] }]);
            setCurrent(tabs.length);
          }}
          data-testid="add-tab"
        >
          {t('catalog.quick.addTab')}
        </button>
      </div>
      {tab && (
        <>
          <label>
            {t('catalog.quick.tabName')}
            <input type="text" value={tab.name} onChange={(e) => changeTab((x) => ({ ...x, name: e.target.value }))} data-testid="tab-name" />
          </label>
          <ol className="quick-key-list">
            {tab.items.map((item, i) => (
              <li key={`${item.id}-${i}`}>
                <span className="item-name">{item.name}</span>
                <button type="button" onClick={() => changeTab((x) => ({ ...x, items: move(x.items, i, i - 1) }))} aria-label={t('catalog.quick.up')}>
                  ↑
                </button>
                <button type="button" onClick={() => changeTab((x) => ({ ...x, items: move(x.items, i, i + 1) }))} aria-label={t('catalog.quick.down')}>
                  ↓
                </button>
                <button type="button" onClick={() => changeTab((x) => ({ ...x, items: x.items.filter((_, j) => j !== i) }))} aria-label={t('catalog.quick.remove')}>
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('catalog.quick.addKey')} aria-label={t('catalog.quick.addKey')} data-testid="quick-key-search" />
          <ul className="catalog-results">
            {found.map((item) => (
              <li key={item.id}>
                <button type="button" onClick={() => changeTab((x) => ({ ...x, items: [...x.items, item] }))} data-testid={`add-key-${item.id}`}>
                  {item.name}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              setTabs(tabs.filter((_, i) => i !== current));
              setCurrent(0);
            }}
          >
            {t('catalog.quick.removeTab')}
          </button>
        </>
      )}
      <PinField value={pin} onChange={setPin} label={t('catalog.ownerPin')} />
      <FormError error={error} />
      <button type="submit" disabled={saving} data-testid="quick-keys-save">
        {t('catalog.quick.save')}
      </button>
    </form>
  );
}
