import { useTender } from '../../stores/tender-store.js';
import { PaymentPanel } from '../payment/PaymentPanel.js';
import { EntryField } from './EntryField.js';
import { Keypad } from './Keypad.js';
import { LineList } from './LineList.js';
import { LineTools } from './LineTools.js';
import { QuickKeys } from './QuickKeys.js';
import { ShortcutBar } from './ShortcutBar.js';
import { Totals } from './Totals.js';
import { UnknownProduct } from './UnknownProduct.js';

/**
 * The sale screen: lines and the running total on the left, the amount entry
 * and keypad in the middle, quick item keys or the payment in progress on
 * the right, and the tender keys (with their shortcuts) along the bottom.
 * Buttons never take the focus from the amount field, so a physical keypad
 * and a keyboard-wedge scanner always type where they should.
 */
export function SaleScreen() {
  const paying = useTender((s) => s.panel.kind !== 'none');
  return (
    <div className="sale-screen">
      <section className="sale-lines">
        <LineList />
        <LineTools />
        <Totals />
      </section>
      <section className="sale-entry">
        <EntryField />
        <Keypad />
      </section>
      <section className="sale-side">
        <UnknownProduct />
        {paying && <PaymentPanel />}
        <QuickKeys />
      </section>
      <ShortcutBar />
    </div>
  );
}
