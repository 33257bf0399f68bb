import { useTranslation } from 'react-i18next';
import { type Panel, useTender } from '../../stores/tender-store.js';
import { Countdown } from '../common/Countdown.js';
import { QrImage } from '../common/QrImage.js';
import { keepFocus } from '../common/keep-focus.js';
import { PanelHeading } from './PanelHeading.js';

type MpmPanelState = Extract<Panel, { kind: 'mpm' }>;

/**
 * The shop's QR is on the customer display. Online, the gateway reports the
 * payment; offline, the cashier confirms what the customer's phone shows and
 * the sale stays "pending confirmation" until the gateway has seen it.
 */
export function MpmPanel({ panel }: { panel: MpmPanelState }) {
  const { t } = useTranslation();
  const cancelQr = useTender((s) => s.cancelQr);
  const settle = useTender((s) => s.settleOfflineQr);
  return (
    <div className="panel panel-mpm" data-testid="panel-mpm" data-offline={panel.offline}>
      <PanelHeading
        title={panel.offline ? t('payment.mpmOfflineTitle') : t('payment.mpmTitle')}
        amount={panel.amount}
      />
      {panel.qrPayload && <QrImage payload={panel.qrPayload} size={160} alt={t('payment.qrAlt')} />}
      <Countdown expiresAt={panel.expiresAt} />
      <p className="panel-hint">{panel.offline ? t('payment.mpmOfflineHint') : t('payment.mpmOnlineHint')}</p>
      <div className="panel-actions">
        {panel.offline && (
          <button type="button" onMouseDown={keepFocus} onClick={() => void settle(true)} data-testid="offline-paid">
            {t('payment.customerPaid')}
          </button>
        )}
        <button type="button" className="danger" onMouseDown={keepFocus} disabled={panel.cancelling} onClick={() => void cancelQr()} data-testid="cancel-qr">
          {panel.cancelling ? t('payment.cancellingQr') : t('payment.cancelQr')}
        </button>
      </div>
    </div>
  );
}
