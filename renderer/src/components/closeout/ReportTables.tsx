import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.js';
import { Money } from '../common/Money.js';
import { MoneyFact } from '../common/MoneyFact.js';
import { TableHead } from '../common/TableHead.js';
import type { CloseoutFigures } from './closeout-api.js';

type Totals = CloseoutFigures['byMethod']['cash'];

/** The headline figures as the Z prints them: 총매출, 할인, 환불, 취소, 순매출, counts, 객단가, VAT. */
export function ReportSummary({ report }: { report: CloseoutFigures }) {
  const { t, i18n } = useTranslation();
  const { totals, currency } = report;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <dl className="totals closeout-summary" data-testid="closeout-summary">
      <MoneyFact label={t('closeout.gross')} minor={totals.gross} currency={currency} />
      <MoneyFact label={t('closeout.discounts')} minor={-totals.discounts} currency={currency} />
      <MoneyFact label={t('closeout.refunds')} minor={-totals.refunds} currency={currency} />
      <MoneyFact label={t('closeout.cancellations')} minor={-totals.voids} currency={currency} />
      <MoneyFact label={t('closeout.net')} minor={totals.net} currency={currency} className="grand" />
      <dt>{t('closeout.receipts')}</dt>
      <dd data-testid="summary-receipts">{n(totals.receipts)}</dd>
      <dt>{t('closeout.payments')}</dt>
      <dd>{n(totals.payments)}</dd>
      <dt>{t('closeout.customers')}</dt>
      <dd>{n(totals.customers)}</dd>
      <MoneyFact label={t('closeout.averagePerCustomer')} minor={totals.averagePerCustomer} currency={currency} />
      <MoneyFact label={t('closeout.taxable')} minor={report.vat.taxable} currency={currency} />
      <MoneyFact label={t('sale.vat')} minor={report.vat.vat} currency={currency} />
      <MoneyFact label={t('closeout.taxFree')} minor={report.vat.taxFree} currency={currency} />
      <MoneyFact label={t('closeout.cash.expected')} minor={report.cash.expected} currency={currency} />
      <dt>{t('closeout.cash.counted')}</dt>
      <dd data-testid="summary-counted" data-amount={report.cash.counted ?? ''}>
        {report.cash.counted === null ? t('closeout.cash.notCounted') : <Money minor={report.cash.counted} currency={currency} />}
      </dd>
      {report.cash.overShort !== null && <MoneyFact label={t('closeout.cash.overShort')} minor={report.cash.overShort} currency={currency} />}
    </dl>
  );
}

function TotalsTable({ rows, label, currency, testId }: { rows: Array<[string, string, Totals]>; label: string; currency: string; testId: string }) {
  const { t } = useTranslation();
  const num = (text: string) => ({ label: text, className: 'num' });
  return (
    <table data-testid={testId}>
      <caption>{label}</caption>
      <TableHead columns={[t('closeout.col.method'), num(t('closeout.col.count')), num(t('closeout.gross')), num(t('closeout.refunds')), num(t('closeout.cancellations')), num(t('closeout.net'))]} />
      <tbody>
        {rows.map(([key, name, v]) => (
          <tr key={key} data-key={key} data-net={v.net}>
            <th scope="row">{name}</th>
            <td className="num">{v.sales.count}</td>
            <td className="num">
              <Money minor={v.sales.amount} currency={currency} />
            </td>
            <td className="num">
              <Money minor={-v.refunds.amount} currency={currency} />
            </td>
            <td className="num">
              <Money minor={-v.cancellations.amount} currency={currency} />
            </td>
            <td className="num">
              <Money minor={v.net} currency={currency} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The largest entries by amount and the rest summed (by item, by category). */
function TopTable({ list, label, column, blank, currency, testId }: { list: CloseoutFigures['byItem']; label: string; column: string; blank: string; currency: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <table data-testid={testId}>
      <caption>{label}</caption>
      <TableHead columns={[column, { label: t('closeout.col.quantity'), className: 'num' }, { label: t('closeout.col.amount'), className: 'num' }]} />
      <tbody>
        {list.top.map((item) => (
          <tr key={item.name} data-item={item.name} data-amount={item.amount}>
            <th scope="row">{item.name || blank}</th>
            <td className="num">{item.quantity}</td>
            <td className="num">
              <Money minor={item.amount} currency={currency} />
            </td>
          </tr>
        ))}
        {list.rest.items > 0 && (
          <tr>
            <th scope="row">{t('closeout.otherItems', { count: list.rest.items })}</th>
            <td className="num">{list.rest.quantity}</td>
            <td className="num">
              <Money minor={list.rest.amount} currency={currency} />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** Per method (현금, 카드, 간편결제, 기타), per wallet, every hour of the day (empty ones too), by item and by category. */
export function ReportTables({ report }: { report: CloseoutFigures }) {
  const { t } = useTranslation();
  const { currency } = report;
  const two = (h: number) => String(h).padStart(2, '0');
  const methods = Object.entries(report.byMethod).map(([m, v]): [string, string, Totals] => [m, t(`closeout.method.${m}`), v]);
  const wallets = Object.entries(report.byWallet).map(([w, v]): [string, string, Totals] => [w, t(`channel.${w}`), v]);
  return (
    <div className="closeout-tables">
      <TotalsTable rows={methods} label={t('closeout.byMethod')} currency={currency} testId="table-by-method" />
      <TotalsTable rows={wallets} label={t('closeout.byWallet')} currency={currency} testId="table-by-wallet" />
      <table data-testid="table-by-hour">
        <caption>{t('closeout.salesByHour')}</caption>
        <TableHead columns={[t('closeout.col.hour'), { label: t('closeout.col.count'), className: 'num' }, { label: t('closeout.col.amount'), className: 'num' }]} />
        <tbody>
          {report.byHour.map((h) => (
            <tr key={h.hour} data-hour={h.hour} data-amount={h.amount}>
              <th scope="row">{t('closeout.hourRange', { from: two(h.hour), to: two((h.hour + 1) % 24) })}</th>
              <td className="num">{h.count}</td>
              <td className="num">
                <Money minor={h.amount} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <TopTable list={report.byItem} label={t('closeout.byItem')} column={t('closeout.col.item')} blank="" currency={currency} testId="table-by-item" />
      <TopTable list={report.byCategory} label={t('closeout.byCategory')} column={t('closeout.col.category')} blank={t('closeout.uncategorised')} currency={currency} testId="table-by-category" />
    </div>
  );
}
