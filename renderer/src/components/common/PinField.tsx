import { useTranslation } from 'react-i18next';
import { keepFocus } from './keep-focus.js';

/** A PIN typed on the keyboard or the touch keys; never shown, never stored. */
export function PinField({ value, onChange, label, autoFocus = false }: { value: string; onChange: (pin: string) => void; label: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const press = (key: string) => onChange(key === 'back' ? value.slice(0, -1) : (value + key).slice(0, 8));
  return (
    <div className="pin-field">
      <label>
        {label}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus={autoFocus}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
          data-testid="pin-input"
        />
      </label>
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
          <button type="button" key={d} onMouseDown={keepFocus} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" onMouseDown={keepFocus} onClick={() => press('back')} aria-label={t('keypad.backspace')}>
          ⌫
        </button>
      </div>
    </div>
  );
}
