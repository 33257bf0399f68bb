import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pos } from '../../client.js';
import { useTill } from '../../stores/till-store.js';
import { useUi } from '../../stores/ui-store.js';

/**
 * Training mode's tools: the scan box (type or paste a wallet code), the
 * customer's phone (pays the QR on the customer display), switching the
 * sandbox gateway off to practise an outage, and the receipts the virtual
 * printer printed.
 */
export function TrainingScreen() {
  const { t } = useTranslation();
  const training = useTill((s) => s.training);
  const setTraining = useTill((s) => s.setTraining);
  const notify = useUi((s) => s.notify);
  const [code, setCode] = useState('');
  const [receipts, setReceipts] = useState<Array<{ index: number; lines: string[] }>>([]);
  const [image, setImage] = useState<string | null>(null);
  const load = useCallback(async () => setReceipts((await pos()['training.receipts']()).receipts), []);
  useEffect(() => {
    void load();
    return pos().on('payment.sale', () => setTimeout(() => void load(), 500));
  }, [load]);
  if (!training?.training) return null;

  const scan = async (e: React.FormEvent) => {
    e.preventDefault();
    const { accepted } = await pos()['devices.submitScan']({ source: 'scan-box', code });
    if (!accepted) notify({ key: 'training.scanRefused', tone: 'warning' });
    setCode('');
  };
  const switchGateway = async () => setTraining(await pos()['training.setGatewayRunning']({ running: !training.gatewayRunning }));
  return (
    <div className="training-screen">
      <section>
        <h2>{t('training.scanBox')}</h2>
        <form onSubmit={(e) => void scan(e)} className="scan-box">
          <input type="text" value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('training.scanPlaceholder')} data-testid="scan-box" />
          <button type="submit" disabled={!code.trim()}>
            {t('training.scan')}
          </button>
        </form>
        <p className="hint">{t('training.magicCodes')}</p>
        <h2>{t('training.customerPhone')}</h2>
        {training.customerPageUrl && (
          <a href={training.customerPageUrl} target="_blank" rel="noreferrer" data-testid="customer-page-link">
            {t('training.openCustomerPhone')}
          </a>
        )}
        <h2>{t('training.gateway')}</h2>
        <p>{training.gatewayRunning ? t('training.gatewayRunning') : t('training.gatewayStopped')}</p>
        <button type="button" className={training.gatewayRunning ? 'danger' : ''} onClick={() => void switchGateway()} data-testid="gateway-switch" data-running={training.gatewayRunning}>
          {training.gatewayRunning ? t('training.stopGateway') : t('training.startGateway')}
        </button>
      </section>
      <section className="training-receipts">
        <h2>{t('training.receipts')}</h2>
        <button type="button" onClick={() => void load()}>
          {t('training.refresh')}
        </button>
        {receipts.length === 0 && <p className="empty">{t('training.noReceipts')}</p>}
        <div className="receipt-strip">
          {receipts.map((r) => (
            <figure key={r.index} className="paper" data-testid="printed-receipt">
              <pre>{r.lines.join('\n')}</pre>
              <button type="button" onClick={() => void pos()['training.receiptImage']({ index: r.index }).then((i) => setImage(i.dataUrl))}>
                {t('training.asImage')}
              </button>
            </figure>
          ))}
        </div>
        {image && (
          <div className="dialog-backdrop" onClick={() => setImage(null)}>
            <img className="receipt-image" src={image} alt={t('training.receiptImage')} />
          </div>
        )}
      </section>
    </div>
  );
}
