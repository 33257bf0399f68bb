import { useTranslation } from 'react-i18next';
import { useCheckout } from '../../stores/checkout-store.js';
import { timedKeypadPress } from '../../perf/keypad-timing.js';
import { enter } from './EntryField.js';
import { keepFocus } from '../common/keep-focus.js';

const DIGITS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '00', '0'] as const;

/**
 * The touch keypad. It acts on pointer-down (no click delay) and only
 * changes the amount being typed, so a press repaints the amount field and
 * nothing else, however long the sale is.
 */
export function Keypad() {
  const { t } = useTranslation();
  const typeKey = useCheckout((s) => s.typeKey);
  const backspace = useCheckout((s) => s.backspace);
  const clearEntry = useCheckout((s) => s.clearEntry);
  const press = (e: React.PointerEvent, action: () => void) => {
    keepFocus(e);
    timedKeypadPress(e.nativeEvent, action);
  };
  return (
    <div className="keypad" data-testid="keypad">
      {DIGITS.map((d) => (
        <button type="button" key={d} tabIndex={-1} onMouseDown={keepFocus} onPointerDown={(e) => press(e, () => typeKey(d))} data-key={d}>
          {d}
        </button>
      ))}
      <button type="button" tabIndex={-1} onMouseDown={keepFocus} onPointerDown={(e) => press(e, backspace)} aria-label={t('keypad.backspace')} data-key="back">
        ⌫
      </button>
      <button type="button" tabIndex={-1} className="key-clear" onMouseDown={keepFocus} onPointerDown={(e) => press(e, clearEntry)} data-key="clear">
        {t('keypad.clear')}
      </button>
      <button type="button" tabIndex={-1} className="key-enter" onMouseDown={keepFocus} onPointerDown={(e) => press(e, () => enter(t('sale.openItem')))} data-key="enter">
        {t('keypad.enter')}
      </button>
    </div>
  );
}
