import { useTranslation } from 'react-i18next';
import { SHORTCUTS, runShortcut } from '../../input/shortcuts.js';
import { usePayment } from '../../stores/payment-store.js';
import { Money } from '../common/Money.js';
import { useCart } from '../../stores/cart-store.js';
import { keepFocus } from '../common/keep-focus.js';

const TENDER_KEYS = SHORTCUTS.filter((s) => !s.action.startsWith('discount'));

/** The tender keys with their shortcut, and the split amount of the next payment. */
export function ShortcutBar() {
  const { t } = useTranslation();
  const split = usePayment((s) => s.split);
  const setSplit = usePayment((s) => s.setSplit);
  const setSplitFromEntry = () => {
    const cart = useCart.getState();
    setSplit(cart.entry);
    cart.clearEntry();
  };
  return (
    <footer className="shortcut-bar">
      {TENDER_KEYS.map((s) => (
        <button type="button" key={s.key} onMouseDown={keepFocus} onClick={() => runShortcut(s.action)} data-testid={`action-${s.action}`}>
          <kbd>{s.key === 'Escape' ? t('keys.esc') : s.key}</kbd>
          {t(`keys.${s.action}`)}
        </button>
      ))}
      <button type="button" className="split" onMouseDown={keepFocus} onClick={split ? () => setSplit('') : setSplitFromEntry} data-testid="split">
        {split ? t('keys.splitClear') : t('keys.split')}
        {split && <Money minor={Number(split)} />}
      </button>
    </footer>
  );
}
