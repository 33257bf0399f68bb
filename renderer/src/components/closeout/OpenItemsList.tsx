import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format.js';
import { Money } from '../common/Money.js';
import type { CloseoutFigures } from './closeout-api.js';

type OpenItems = CloseoutFigures['openItems'];

/** Payments still open, offline QRs awaiting the gateway, and records not yet synced: what a Z would carry open. */
export function OpenItemsList({ open, currency }: { open: OpenItems; currency: string }) {
  const { t, i18n } = useTranslation();
  const groups = [
    ['unresolved', open.unresolved],
    ['pending', open.pendingConfirmation],
  ] as const;
  return (
    <section className="open-items" data-testid="open-items" data-unresolved={open.unresolved.length} data-unsynced={open.unsyncedCount}>
      <h3>{t('closeout.open.title')}</h3>
      {groups.map(([key, items]) => (
        <div key={key}>
          <h4>{t(`closeout.open.${key}`, { count: items.length })}</h4>
          <ul>
            {items.map((item) => (
              <li key={`${item.kind}:${item.ref}`} data-testid={`open-${key}`}>
                {formatTime(item.at, i18n.language)} · {item.state === 'open' ? t('closeout.open.saleOpen') : t(`tenderState.${item.state}`)}
                {item.amount !== null && (
                  <>
                    {' · '}
                    <Money minor={item.amount} currency={currency} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p data-testid="open-unsynced">{t('closeout.open.unsynced', { count: open.unsyncedCount })}</p>
    </section>
  );
}
