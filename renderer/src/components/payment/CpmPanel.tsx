import { useTranslation } from 'react-i18next';
import { useCheckout } from '../../stores/checkout-store.js';
import { useTender } from '../../stores/tender-store.js';
import { useTill } from '../../stores/till-store.js';
import { PanelHeading } from './PanelHeading.js';

/** Waiting for the customer's wallet code, with the scanners' state (a dead scanner must be obvious). */
export function CpmPanel({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const scanners = useTill((s) => s.status?.scanners ?? []);
  const gateway = useTill((s) => s.status?.gateway);
  const due = useTender((s) => s.due());
  const part = useCheckout((s) => s.session?.part ?? null);
  const amount = part ?? due;
  return (
    <div className="panel panel-cpm" data-testid="panel-cpm" data-busy={busy}>
      <PanelHeading title={t('payment.cpmTitle')} amount={amount} />
      <p className="panel-hint">{busy ? t('payment.cpmSending') : t('payment.cpmWaiting')}</p>
      {gateway === 'offline' && <p className="panel-warning-text">{t('errors.cpm-offline')}</p>}
      <ul className="scanner-list">
        {scanners.length === 0 && <li className="warn">{t('payment.noScanner')}</li>}
        {scanners.map((s) => (
          <li key={s.deviceId} className={s.state === 'connected' ? 'ok' : 'warn'} data-testid="cpm-scanner">
            {s.deviceId} · {t(`device.state.${s.state}`)}
          </li>
        ))}
      </ul>
      <p className="panel-hint">{t('payment.escToGoBack')}</p>
    </div>
  );
}
