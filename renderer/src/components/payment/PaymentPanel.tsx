import { useTranslation } from 'react-i18next';
import { useTender } from '../../stores/tender-store.js';
import { CardPanel } from './CardPanel.js';
import { CashPanel } from './CashPanel.js';
import { CpmPanel } from './CpmPanel.js';
import { MpmPanel } from './MpmPanel.js';
import { ApprovedPanel, DeclinedPanel, RefusedPanel, UnknownPanel } from './OutcomePanels.js';
import { keepFocus } from '../common/keep-focus.js';
import { Money } from '../common/Money.js';

/** The payment in progress, or how the last one ended. */
export function PaymentPanel() {
  const { t } = useTranslation();
  const panel = useTender((s) => s.panel);
  const cancelSale = useTender((s) => s.cancelSale);
  const dismiss = useTender((s) => s.dismiss);
  const confirmOpenPrice = useTender((s) => s.confirmOpenPrice);
  switch (panel.kind) {
    case 'cpm':
      return <CpmPanel busy={panel.busy} />;
    case 'mpm':
      return <MpmPanel panel={panel} />;
    case 'cash':
      return <CashPanel />;
    case 'card':
      return <CardPanel />;
    case 'approved':
      return <ApprovedPanel panel={panel} />;
    case 'declined':
      return <DeclinedPanel panel={panel} />;
    case 'unknown':
      return <UnknownPanel panel={panel} />;
    case 'refused':
      return <RefusedPanel panel={panel} />;
    case 'confirm-cancel':
      return (
        <div className="panel panel-warning" data-testid="panel-confirm-cancel">
          <h2>{t('payment.confirmCancel')}</h2>
          <div className="panel-actions">
            <button type="button" className="danger" onMouseDown={keepFocus} onClick={() => void cancelSale()} data-testid="confirm-cancel-sale">
              {t('payment.cancelSaleYes')}
            </button>
            <button type="button" onMouseDown={keepFocus} onClick={dismiss}>
              {t('payment.cancelSaleNo')}
            </button>
          </div>
        </div>
      );
    case 'confirm-open-price':
      // A tap, never Enter: the scan that typed the amount may end in a second line feed.
      return (
        <div className="panel panel-warning" data-testid="panel-confirm-open-price" data-amount={panel.amount}>
          <h2>{t('payment.confirmOpenPrice')}</h2>
          <p className="panel-amount">
            <Money minor={panel.amount} />
          </p>
          <p className="panel-hint">{t('payment.confirmOpenPriceHint')}</p>
          <div className="panel-actions">
            <button type="button" onMouseDown={keepFocus} onClick={() => void confirmOpenPrice()} data-testid="confirm-open-price">
              {t('payment.confirmOpenPriceYes')}
            </button>
            <button type="button" onMouseDown={keepFocus} onClick={dismiss} data-testid="refuse-open-price">
              {t('payment.confirmOpenPriceNo')}
            </button>
          </div>
        </div>
      );
    default:
      return null;
  }
}
