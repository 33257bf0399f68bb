import { useTranslation } from 'react-i18next';
import { useCheckout } from '../../stores/checkout-store.js';
import { useTender } from '../../stores/tender-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';
import { CashReceiptFields } from './CashReceiptFields.js';

/** Notes a customer typically hands over, for one tap instead of typing. */
const NOTES = [10_000, 50_000];

/** Cash: the amount typed on the keypad (or exact, or a note) is what the customer handed over. */
export function CashPanel() {
  const { t } = useTranslation();
  const owed = useTender((s) => s.due());
  // A part payment (split tender) takes only the part; what is left stays due after it.
  const part = useCheckout((s) => s.session?.part ?? null);
  const due = part !== null && part < owed ? part : owed;
  const takeCash = useTender((s) => s.takeCash);
  const entry = useCheckout((s) => s.entry);
  const typed = Number(entry || '0');
  const take = (amount: number) => {
    useCheckout.getState().clearEntry();
    void takeCash(amount);
  };
  const notes = NOTES.filter((n) => n > due);
  return (
    <div className="panel panel-cash" data-testid="panel-cash" data-amount={due}>
      <h2>{t('payment.cashTitle')}</h2>
      <dl>
        <dt>{t(due < owed ? 'payment.cashPart' : 'payment.due')}</dt>
        <dd className="panel-amount">
          <Money minor={due} />
        </dd>
        {due < owed && (
          <>
            <dt>{t('payment.afterPart')}</dt>
            <dd data-testid="cash-after-part">
              <Money minor={owed - due} />
            </dd>
          </>
        )}
        <dt>{t('payment.tendered')}</dt>
        <dd data-testid="cash-tendered">
          <Money minor={typed} />
        </dd>
        {typed > due && (
          <>
            <dt>{t('payment.change')}</dt>
            <dd className="change" data-testid="cash-change-preview">
              <Money minor={typed - due} />
            </dd>
          </>
        )}
      </dl>
      <p className="panel-hint">{t('payment.cashHint')}</p>
      <CashReceiptFields />
      <div className="panel-actions">
        <button type="button" onMouseDown={keepFocus} onClick={() => take(typed > 0 ? typed : due)} data-testid="take-cash">
          {typed > 0 ? t('payment.takeTyped') : t('payment.takeExact')}
        </button>
        {notes.map((n) => (
          <button type="button" key={n} onMouseDown={keepFocus} onClick={() => take(n)}>
            <Money minor={n} />
          </button>
        ))}
      </div>
    </div>
  );
}
