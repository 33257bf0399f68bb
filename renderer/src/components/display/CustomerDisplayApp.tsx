import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayStateView } from '../../../../src/api/schemas/display.js';
import { pos } from '../../client.js';
import { LANGUAGES } from '../../i18n/index.js';
import { Countdown } from '../common/Countdown.js';
import { Money } from '../common/Money.js';
import { QrImage } from '../common/QrImage.js';

/** The QR's rendered width: ~9 cm on a 96 dpi panel, easy for a phone at 30 cm. */
const QR_SIZE = 360;
/**
 * The basket's newest items drawn: the list takes 60 % of the screen, about
 * 15 lines on a 1080p panel, and is cut at its top (app.css). A long sale
 * drawn whole put the newest lines below the cut, out of the customer's sight,
 * and laid out every line on each scan (2 ms of this window per scan at 200).
 */
const SHOWN_ITEMS = 30;

/** The customer's screen: the basket, the payment QR with its countdown, the result, a language choice. */
export function CustomerDisplayApp() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<DisplayStateView | null>(null);
  useEffect(() => {
    const client = pos();
    const off = client.on('display.changed', setState);
    void client['display.get']().then(setState);
    return off;
  }, []);
  const language = state?.view.language;
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);
  if (!state) return null;
  const { view } = state;
  const firstShown = view.kind === 'sale' ? Math.max(0, view.items.length - SHOWN_ITEMS) : 0;
  return (
    <div className={`customer-display view-${view.kind}`} data-testid="customer-display" data-kind={view.kind} lang={view.language}>
      <div className="display-body">
        {view.kind === 'idle' && (
          <div className="display-idle">
            <h1>{state.shopName || t('display.welcome')}</h1>
            <p>{t('display.welcomeHint')}</p>
          </div>
        )}
        {view.kind === 'sale' && (
          <div className="display-sale">
            <ul className="display-items">
              {view.items.slice(firstShown).map((item, i) => (
                <li key={firstShown + i}>
                  <span className="item-name">{item.name}</span>
                  <span className="item-qty">× {item.quantity}</span>
                  <Money minor={item.amount.minor} currency={item.amount.currency} />
                </li>
              ))}
            </ul>
            {view.items.reduce((a, i) => a + i.amount.minor, 0) > view.total.minor && (
              <p className="display-discount">
                {t('display.discount')} <Money minor={view.total.minor - view.items.reduce((a, i) => a + i.amount.minor, 0)} currency={view.total.currency} />
              </p>
            )}
            <p className="display-total" data-testid="display-total">
              {t('display.total')} <Money minor={view.total.minor} currency={view.total.currency} />
            </p>
          </div>
        )}
        {view.kind === 'mpm' && (
          <div className="display-mpm">
            <p className="display-total">
              <Money minor={view.amount.minor} currency={view.amount.currency} />
            </p>
            <QrImage payload={view.qrPayload} size={QR_SIZE} alt={t('display.qrAlt')} />
            <p className="display-instruction">{t('display.scanWithWallet')}</p>
            <Countdown expiresAt={view.expiresAt} className="display-countdown" />
          </div>
        )}
        {view.kind === 'result' && (
          <div className={`display-result result-${view.outcome}`} data-testid="display-result" data-outcome={view.outcome}>
            <h1>{t(`display.result.${view.outcome}`)}</h1>
            {view.amount && <Money minor={view.amount.minor} currency={view.amount.currency} className="display-total" />}
            {view.reason === 'expired' && <p>{t('display.expired')}</p>}
            {view.outcome === 'approved' && <p>{t('display.thankYou')}</p>}
          </div>
        )}
      </div>
      <nav className="display-languages">
        {LANGUAGES.map((lng) => (
          <button
            type="button"
            key={lng}
            className={lng === view.language ? 'active' : ''}
            onClick={() => void pos()['display.setLanguage']({ language: lng })}
            data-testid={`display-language-${lng}`}
          >
            {t(`language.${lng}`)}
          </button>
        ))}
      </nav>
    </div>
  );
}
