import { pos } from '../client.js';
import { usePayment } from '../stores/payment-store.js';
import { useUi } from '../stores/ui-store.js';

/** Payment news from the core: tender changes drive the payment panel, alerts become notices. */
export function listenToCore(): () => void {
  const client = pos();
  const offs = [
    client.on('payment.tender', (event) => usePayment.getState().onTender(event)),
    client.on('payment.alert', (alert) =>
      useUi.getState().notify({ key: `alerts.${alert.code}`, fallback: alert.message, tone: 'warning' }),
    ),
  ];
  return () => offs.forEach((off) => off());
}
