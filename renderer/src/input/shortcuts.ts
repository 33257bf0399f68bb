import { lineCommand } from '../components/sale/EntryField.js';
import { useCheckout } from '../stores/checkout-store.js';
import { usePinPrompt } from '../stores/pin-prompt-store.js';
import { useTender } from '../stores/tender-store.js';
import { useUi } from '../stores/ui-store.js';
import { wedge } from './wedge-listener.js';

/**
 * The cashier's keyboard shortcuts (README "Keyboard"). Function keys only, so
 * nothing a scanner or a person types into a field can trigger them.
 */
export const SHORTCUTS = [
  { key: 'F2', action: 'payScan' },
  { key: 'F3', action: 'showQr' },
  { key: 'F4', action: 'cash' },
  { key: 'F9', action: 'card' },
  { key: 'F6', action: 'discount' },
  { key: 'F7', action: 'discountPercent' },
  { key: 'F8', action: 'reprint' },
  { key: 'Escape', action: 'cancel' },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

/** Runs a shortcut's action (the on-screen buttons call the same). */
export function runShortcut(action: ShortcutAction): void {
  const payment = useTender.getState();
  switch (action) {
    case 'payScan':
      return payment.startCpm();
    case 'showQr':
      return void payment.showQr();
    case 'cash':
      return payment.startCash();
    case 'card':
      return payment.startCard();
    case 'discount':
    case 'discountPercent':
      return lineCommand(async () => {
        if (!(await useCheckout.getState().applyDiscount(action === 'discount' ? 'amount' : 'percent'))) {
          useUi.getState().notify({ key: 'sale.discountNeedsAmount', tone: 'info' });
        }
      });
    case 'reprint':
      return void payment.reprintLast();
    case 'cancel':
      return payment.cancel();
  }
}

export function installShortcuts(win: Window = window): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    // A PIN prompt is modal: F3 or Esc typed at it must not pay or cancel behind it.
    if (e.defaultPrevented || usePinPrompt.getState().request || wedge.scanInProgress(e.timeStamp)) return;
    const shortcut = SHORTCUTS.find((s) => s.key === e.key);
    if (!shortcut || useUi.getState().screen !== 'sale') return;
    e.preventDefault();
    runShortcut(shortcut.action);
  };
  win.addEventListener('keydown', onKeyDown);
  return () => win.removeEventListener('keydown', onKeyDown);
}
