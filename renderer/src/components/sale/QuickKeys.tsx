import { useTranslation } from 'react-i18next';
import { useCheckout } from '../../stores/checkout-store.js';
import { useTender } from '../../stores/tender-store.js';
import { useTill } from '../../stores/till-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';
import { lineCommand } from './EntryField.js';

/**
 * One tap per item of the shop's list (settings → items); a number typed
 * first is the quantity. A tap after a finished payment starts the next sale.
 */
export function QuickKeys() {
  const { t } = useTranslation();
  const items = useTill((s) => s.catalog.items);
  const addItem = useCheckout((s) => s.addItem);
  // While money is on its way the basket stays as it is (the core refuses it too).
  const busy = useCheckout((s) => s.session?.tender != null);
  const quick = items.filter((i) => i.quickKey);
  const add = (item: (typeof items)[number]) => {
    const tender = useTender.getState();
    if (['approved', 'declined', 'refused'].includes(tender.panel.kind)) tender.dismiss();
    lineCommand(() => addItem(item));
  };
  return (
    <div className="quick-keys">
      {quick.length === 0 && <p className="empty">{t('sale.noQuickKeys')}</p>}
      {quick.map((item) => (
        <button type="button" key={item.id} onMouseDown={keepFocus} disabled={busy} onClick={() => add(item)} data-testid={`item-${item.id}`}>
          <span className="item-name">{item.name}</span>
          <Money minor={item.price} />
        </button>
      ))}
    </div>
  );
}
