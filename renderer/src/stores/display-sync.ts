import { pos } from '../client.js';
import { cartTotals, lineAmount } from '../sale/cart-math.js';
import { useCart } from './cart-store.js';

/** Keystrokes come faster than a customer reads: the display follows the cart at most this often. */
const DEBOUNCE_MS = 120;

/**
 * Mirrors the cart on the customer display (items and total) as the cashier
 * rings it up; a sale discount shows there as the difference of the two.
 */
export function syncBasketToDisplay(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = (): void => {
    const { lines, saleDiscount } = useCart.getState();
    const items = lines.map((l) => ({ name: l.name, quantity: l.quantity, amount: { currency: 'KRW', minor: lineAmount(l) } }));
    const total = { currency: 'KRW', minor: cartTotals(lines, saleDiscount).total };
    void pos()['display.showBasket']({ items, total }).catch(() => undefined);
  };
  const unsubscribe = useCart.subscribe((state, previous) => {
    if (state.lines === previous.lines && state.saleDiscount === previous.saleDiscount) return;
    clearTimeout(timer);
    timer = setTimeout(send, DEBOUNCE_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
