import { useTranslation } from 'react-i18next';
import { addToSale } from '../../sale/add-to-sale.js';
import { useCatalog } from '../../stores/catalog-store.js';
import { useCheckout } from '../../stores/checkout-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';
import { ItemSearch } from './ItemSearch.js';

/**
 * The shop's quick keys: one tab per page settings arranged (categories, as
 * many keys as the shop likes), with search above them. A number typed first
 * is the quantity; a tap after a finished payment starts the next sale.
 */
export function QuickKeys() {
  const { t } = useTranslation();
  const tabs = useCatalog((s) => s.tabs);
  const active = useCatalog((s) => s.activeTab);
  const showTab = useCatalog((s) => s.showTab);
  // While money is on its way the basket stays as it is (the core refuses it too).
  const busy = useCheckout((s) => s.session?.tender != null);
  const items = tabs[active]?.items ?? [];
  return (
    <div className="quick-keys-panel">
      <ItemSearch busy={busy} />
      {tabs.length > 1 && (
        <div className="quick-key-tabs" role="tablist">
          {tabs.map((tab, i) => (
            <button type="button" role="tab" key={`${i}-${tab.name}`} aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={keepFocus} onClick={() => showTab(i)} data-testid={`quick-tab-${i}`}>
              {tab.name}
            </button>
          ))}
        </div>
      )}
      <div className="quick-keys">
        {items.length === 0 && <p className="empty">{t('sale.noQuickKeys')}</p>}
        {items.map((item) => (
          <button type="button" key={item.id} onMouseDown={keepFocus} disabled={busy} onClick={() => addToSale(item)} data-testid={`item-${item.id}`}>
            <span className="item-name">{item.name}</span>
            <Money minor={item.price} />
          </button>
        ))}
      </div>
    </div>
  );
}
