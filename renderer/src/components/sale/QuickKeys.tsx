import { useTranslation } from 'react-i18next';
import { useCart } from '../../stores/cart-store.js';
import { type Panel, usePayment } from '../../stores/payment-store.js';
import { useTill } from '../../stores/till-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';

/** While money is on its way the basket stays as it is. */
function inFlight(panel: Panel): boolean {
  return panel.kind === 'mpm' || panel.kind === 'unknown' || (panel.kind === 'cpm' && panel.busy);
}

/**
 * One tap per item of the shop's list (settings → items); a number typed
 * first is the quantity. A tap after a finished payment starts the next sale.
 */
export function QuickKeys() {
  const { t } = useTranslation();
  const items = useTill((s) => s.catalog.items);
  const addItem = useCart((s) => s.addItem);
  const busy = usePayment((s) => inFlight(s.panel));
  const quick = items.filter((i) => i.quickKey);
  const add = (item: (typeof items)[number]) => {
    const payment = usePayment.getState();
    if (['approved', 'declined', 'refused'].includes(payment.panel.kind)) payment.dismiss();
    addItem(item);
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
