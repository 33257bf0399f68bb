import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '../../../../src/api/schemas/history.js';
import { pos } from '../../client.js';
import { formatTime } from '../../i18n/format.js';
import { Money } from '../common/Money.js';
import { ReceiptDetail } from './ReceiptDetail.js';
import { TableHead } from '../common/TableHead.js';

/** Today's transactions, searchable; unsynced and pending-confirmation ones are marked. */
export function HistoryScreen() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [businessDate, setBusinessDate] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(async () => {
    const list = await pos()['history.list']({ search: search.trim() || undefined });
    setItems(list.items);
    setBusinessDate(list.businessDate);
  }, [search]);

  useEffect(() => {
    void load();
    const client = pos();
    // A sale completing, a refund, an offline QR confirmed, an outbox drain: the marks change, so reload.
    const offs = (['payment.sale', 'payment.refund', 'payment.tender', 'status.changed'] as const).map((event) => client.on(event, () => void load()));
    return () => offs.forEach((off) => off());
  }, [load]);

  return (
    <div className="history-screen">
      <section className="history-list">
        <div className="history-search">
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('history.searchPlaceholder')}
            aria-label={t('history.search')}
            data-testid="history-search"
          />
          <span className="history-date">{businessDate ? t('history.today', { date: businessDate }) : t('history.allDays')}</span>
        </div>
        <table>
          <TableHead
            columns={[
              t('history.col.time'),
              t('history.col.receipt'),
              t('history.col.methods'),
              { label: t('history.col.total'), className: 'num' },
              t('history.col.marks'),
            ]}
          />
          <tbody>
            {items.map((item) => (
              <tr
                key={item.saleId}
                className={item.saleId === selected ? 'selected' : ''}
                onClick={() => setSelected(item.saleId)}
                data-testid="history-row"
                data-receipt={item.receiptNumber ?? ''}
                data-unsynced={item.unsynced}
                data-pending={item.pendingConfirmation}
              >
                <td>{formatTime(item.openedAt, i18n.language)}</td>
                <td className="mono">{item.receiptNumber ?? t('history.open')}</td>
                <td data-testid="history-methods">{paidWith(item, t).join(', ')}</td>
                <td className="num">
                  <Money minor={item.total} currency={item.currency} />
                </td>
                <td className="marks">
                  {item.pendingConfirmation && <span className="mark mark-pending">{t('history.pending')}</span>}
                  {item.unsynced && <span className="mark mark-unsynced">{t('history.unsynced')}</span>}
                  {item.cancelled > 0 && <span className="mark mark-refunded mark-cancelled">{t(item.cancelled >= item.total ? 'history.cancelled' : 'history.partlyCancelled')}</span>}
                  {item.refunded > 0 && <span className="mark mark-refunded">{t(item.refunded + item.cancelled >= item.total ? 'history.refunded' : 'history.partlyRefunded')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && <p className="empty">{t('history.empty')}</p>}
      </section>
      <section className="history-detail">
        {selected ? <ReceiptDetail saleId={selected} onChanged={() => void load()} /> : <p className="empty">{t('history.pick')}</p>}
      </section>
    </div>
  );
}

/** How a sale was paid, in the list: each wallet by the name the gateway reported it under, then the other methods. */
function paidWith(item: HistoryItem, t: TFunction): string[] {
  const wallets = item.wallets.map((w) => t(`wallet.${w}`, { defaultValue: w }));
  const others = item.methods.filter((m) => item.wallets.length === 0 || !WALLET_METHODS.has(m)).map((m) => t(`method.${m}`));
  return [...wallets, ...others];
}

/** The methods a wallet pays by (its name says more than the method's). */
const WALLET_METHODS: ReadonlySet<string> = new Set(['cpm', 'mpm', 'mpm-offline']);
