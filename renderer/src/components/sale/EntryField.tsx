import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.js';
import { wedge } from '../../input/wedge-listener.js';
import { useCart } from '../../stores/cart-store.js';
import { usePayment } from '../../stores/payment-store.js';

/** Keeps the focus here while the sale screen is up, unless another field or a dialog took it. */
function useKeepFocus(ref: React.RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const input = ref.current;
    input?.focus();
    const refocus = (e: FocusEvent) => {
      const next = e.relatedTarget;
      if (next instanceof HTMLInputElement || next instanceof HTMLSelectElement || next instanceof HTMLTextAreaElement) return;
      requestAnimationFrame(() => {
        if (document.activeElement === document.body || document.activeElement === null) input?.focus();
      });
    };
    input?.addEventListener('blur', refocus);
    return () => input?.removeEventListener('blur', refocus);
  }, [ref]);
}

/**
 * The amount field. It holds only digits the cashier typed (keypad, number
 * row or touch keys); Enter adds the amount as an open-price line, or
 * finishes the step the payment panel is on.
 */
export function EntryField() {
  const { t, i18n } = useTranslation();
  const entry = useCart((s) => s.entry);
  const setEntry = useCart((s) => s.setEntry);
  const ref = useRef<HTMLInputElement>(null);
  useKeepFocus(ref);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const cart = useCart.getState();
    if (e.key === 'Enter') {
      e.preventDefault();
      enter(t('sale.openItem'));
    } else if ((e.key === '+' || e.key === '-') && cart.selectedId && !wedge.scanInProgress(e.timeStamp)) {
      e.preventDefault();
      cart.changeQuantity(cart.selectedId, e.key === '+' ? 1 : -1);
    }
  };
  return (
    <div className="entry">
      <label htmlFor="amount-entry">{t('sale.entryLabel')}</label>
      <input
        id="amount-entry"
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="entry-input"
        value={entry}
        onChange={(e) => setEntry(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="amount-entry"
      />
      <output className="entry-preview" data-testid="entry-preview">
        {entry ? formatNumber(Number(entry), i18n.language) : ''}
      </output>
    </div>
  );
}

/** Enter: finish the open step (take cash, confirm, dismiss) or add the typed amount as a line. */
export function enter(openItemName: string): void {
  const payment = usePayment.getState();
  const cart = useCart.getState();
  switch (payment.panel.kind) {
    case 'cash': {
      const typed = Number(cart.entry || '0');
      cart.clearEntry();
      return void payment.takeCash(typed > 0 ? typed : payment.due());
    }
    case 'confirm-cancel':
      return void payment.cancelSale();
    case 'approved':
    case 'declined':
    case 'refused':
      payment.dismiss();
      if (cart.entry) cart.addEntryAsLine(openItemName);
      return;
    default:
      cart.addEntryAsLine(openItemName);
  }
}
