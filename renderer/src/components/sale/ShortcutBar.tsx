import { useTranslation } from 'react-i18next';
import { SHORTCUTS, runShortcut } from '../../input/shortcuts.js';
import { useTender } from '../../stores/tender-store.js';
import { Money } from '../common/Money.js';
import { useCheckout } from '../../stores/checkout-store.js';
import { keepFocus } from '../common/keep-focus.js';

const TENDER_KEYS = SHORTCUTS.filter((s) => !s.action.startsWith('discount'));

/** The tender keys with their shortcut, and the split amount of the next payment. */
export function ShortcutBar() {
  const { t } = useTranslation();
  const part = useCheckout((s) => s.session?.part ?? null);
  const setPart = useTender((s) => s.setPart);
  const setPartFromEntry = () => {
    const checkout = useCheckout.getState();
    void setPart(checkout.entry);
    checkout.clearEntry();
  };
  return (
    <footer className="shortcut-bar">
      {TENDER_KEYS.map((s) => (
        <button type="button" key={s.key} onMouseDown={keepFocus} onClick={() => runShortcut(s.action)} data-testid={`action-${s.action}`}>
          <kbd>{s.key === 'Escape' ? t('keys.esc') : s.key}</kbd>
          {t(`keys.${s.action}`)}
        </button>
      ))}
      <button type="button" className="split" onMouseDown={keepFocus} onClick={part ? () => void setPart('') : setPartFromEntry} data-testid="split">
        {part ? t('keys.splitClear') : t('keys.split')}
        {part !== null && <Money minor={part} />}
      </button>
    </footer>
  );
}
