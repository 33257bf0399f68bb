import type { EventHub } from '../../src/api/index.js';
import type { CheckoutSession, CheckoutState } from '../../src/payments/checkout-session.js';
import type { CustomerDisplayFeed } from './customer-display-feed.js';

/**
 * Publishes the checkout session's state: the `checkout.changed` event for
 * every window, and the basket for the customer display (second screen and
 * pole display), straight from the core. Returns the function that stops it.
 */
export function publishCheckout(checkout: CheckoutSession, events: EventHub, display: CustomerDisplayFeed): () => void {
  let shown = '';
  const basket = (state: CheckoutState): void => {
    const items = state.lines.map((l) => ({ name: l.name, quantity: l.quantity, amount: { currency: 'KRW', minor: l.amount } }));
    const key = JSON.stringify([items, state.totals.total]);
    if (key === shown) return;
    shown = key;
    display.showBasket(items, { currency: 'KRW', minor: state.totals.total });
  };
  basket(checkout.state());
  return checkout.onChange((state) => {
    events.emit('checkout.changed', state);
    basket(state);
  });
}
