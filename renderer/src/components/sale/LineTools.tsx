import { useTranslation } from 'react-i18next';
import { runShortcut } from '../../input/shortcuts.js';
import { useCheckout } from '../../stores/checkout-store.js';
import { keepFocus } from '../common/keep-focus.js';
import { lineCommand } from './EntryField.js';

/**
 * Quantity, discount and removal for the selected line (or a discount on the
 * whole sale). Greyed while the core says the lines are locked (a payment in
 * flight or taken); the rule itself is the checkout session's.
 */
export function LineTools() {
  const { t } = useTranslation();
  const selectedId = useCheckout((s) => s.selectedId);
  const locked = useCheckout((s) => s.session?.locked != null);
  const changeQuantity = useCheckout((s) => s.changeQuantity);
  const removeLine = useCheckout((s) => s.removeLine);
  const disabled = locked || !selectedId;
  return (
    <div className="line-tools" data-locked={locked}>
      <button type="button" onMouseDown={keepFocus} disabled={disabled} onClick={() => selectedId && lineCommand(() => changeQuantity(selectedId, 1))} data-testid="qty-plus">
        {t('sale.quantityUp')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={disabled} onClick={() => selectedId && lineCommand(() => changeQuantity(selectedId, -1))}>
        {t('sale.quantityDown')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={disabled} onClick={() => selectedId && lineCommand(() => removeLine(selectedId))} data-testid="remove-line">
        {t('sale.remove')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={locked} onClick={() => runShortcut('discount')} data-testid="discount">
        {t(selectedId ? 'sale.discountLine' : 'sale.discountSale')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={locked} onClick={() => runShortcut('discountPercent')}>
        {t('sale.discountPercent')}
      </button>
      {locked && <span className="locked-hint" data-testid="locked-hint">{t('sale.locked')}</span>}
    </div>
  );
}
