import { useTranslation } from 'react-i18next';
import { runShortcut } from '../../input/shortcuts.js';
import { useCart } from '../../stores/cart-store.js';
import { keepFocus } from '../common/keep-focus.js';

/** Quantity, discount and removal for the selected line (or a discount on the whole sale). */
export function LineTools() {
  const { t } = useTranslation();
  const selectedId = useCart((s) => s.selectedId);
  const locked = useCart((s) => s.locked);
  const changeQuantity = useCart((s) => s.changeQuantity);
  const removeLine = useCart((s) => s.removeLine);
  const disabled = locked || !selectedId;
  return (
    <div className="line-tools">
      <button type="button" onMouseDown={keepFocus} disabled={disabled} onClick={() => selectedId && changeQuantity(selectedId, 1)} data-testid="qty-plus">
        {t('sale.quantityUp')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={disabled} onClick={() => selectedId && changeQuantity(selectedId, -1)}>
        {t('sale.quantityDown')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={disabled} onClick={() => selectedId && removeLine(selectedId)} data-testid="remove-line">
        {t('sale.remove')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={locked} onClick={() => runShortcut('discount')} data-testid="discount">
        {t(selectedId ? 'sale.discountLine' : 'sale.discountSale')}
      </button>
      <button type="button" onMouseDown={keepFocus} disabled={locked} onClick={() => runShortcut('discountPercent')}>
        {t('sale.discountPercent')}
      </button>
      {locked && <span className="locked-hint">{t('sale.locked')}</span>}
    </div>
  );
}
