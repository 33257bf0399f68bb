import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.js';
import { wedge } from '../../input/wedge-listener.js';
import { useCheckout } from '../../stores/checkout-store.js';
import { useTender } from '../../stores/tender-store.js';

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
  const entry = useCheckout((s) => s.entry);
  const setEntry = useCheckout((s) => s.setEntry);
  const ref = useRef<HTMLInputElement>(null);
  useKeepFocus(ref);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const checkout = useCheckout.getState();
    if (e.key === 'Enter') {
      e.preventDefault();
      enter(t('sale.openItem'));
    } else if ((e.key === '+' || e.key === '-') && checkout.selectedId && !wedge.scanInProgress(e.timeStamp)) {
      e.preventDefault();
      // Sent even while the lines are locked: the core refuses and says why.
      lineCommand(() => checkout.changeQuantity(checkout.selectedId!, e.key === '+' ? 1 : -1));
    } else if (e.key === 'Delete' && checkout.selectedId && !checkout.entry) {
      e.preventDefault();
      lineCommand(() => checkout.removeLine(checkout.selectedId!));
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

/** Runs a change of the sale's lines; a refusal of the core becomes the cashier's notice. */
export function lineCommand(work: () => Promise<unknown>): void {
  work().catch((error: unknown) => useTender.getState().refused(error));
}

/** Enter: finish the open step (take cash, confirm, dismiss) or add the typed amount as a line. */
export function enter(openItemName: string): void {
  const tender = useTender.getState();
  const checkout = useCheckout.getState();
  switch (tender.panel.kind) {
    case 'cash': {
      const typed = Number(checkout.entry || '0');
      checkout.clearEntry();
      return void tender.takeCash(typed > 0 ? typed : tender.due());
    }
    case 'confirm-cancel':
      return void tender.cancelSale();
    case 'confirm-open-price':
      return; // confirmed by a tap only (PaymentPanel)
    case 'approved':
    case 'declined':
    case 'refused':
      tender.dismiss();
      if (checkout.entry) lineCommand(() => checkout.addEntryAsLine(openItemName));
      return;
    default:
      lineCommand(() => checkout.addEntryAsLine(openItemName));
  }
}
