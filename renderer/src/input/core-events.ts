import { pos } from '../client.js';
import { useCheckout } from '../stores/checkout-store.js';
import { useTender } from '../stores/tender-store.js';
import { useUi } from '../stores/ui-store.js';

/**
 * The core's news: the checkout session's state (the cart, the tender in
 * flight, the last outcome) drives the sale screen; alerts become notices.
 */
export async function listenToCore(): Promise<() => void> {
  const client = pos();
  const offs = [
    useCheckout.subscribe((s, previous) => {
      if (s.session && s.session !== previous.session) useTender.getState().follow(previous.session, s.session);
    }),
    client.on('checkout.changed', (state) => useCheckout.getState().receive(state)),
    client.on('payment.alert', (alert) =>
      useUi.getState().notify({ key: `alerts.${alert.code}`, fallback: alert.message, tone: 'warning' }),
    ),
  ];
  useCheckout.getState().receive(await client['checkout.state']());
  return () => offs.forEach((off) => off());
}
