import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format.js';
import { Money } from '../common/Money.js';
import { TableHead } from '../common/TableHead.js';
import type { CloseoutFigures } from './closeout-api.js';

type Reconciliation = CloseoutFigures['reconciliation'];
type Item = Reconciliation['missingAtGateway'][number];

/** The kinds of difference, in the order the paper lists them. */
export const DIFFERENCE_KINDS = ['missingAtGateway', 'missingInPos', 'mismatched', 'duplicates', 'walletMismatched', 'feeMismatched', 'customerMismatched'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** Every difference of a reconciliation, each with its kind. */
export function differencesOf(reconciliation: Reconciliation): Array<{ kind: DifferenceKind; item: Item }> {
  return DIFFERENCE_KINDS.flatMap((kind) => (reconciliation[kind] as Item[]).map((item) => ({ kind, item })));
}

/**
 * The settlement reconciliation: how many statement lines matched, and every
 * difference named as the owner finds it on the paper roll and in the
 * gateway's portal (receipt number, time, 승인번호), with both amounts.
 */
export function ReconciliationList({ reconciliation, currency }: { reconciliation: Reconciliation; currency: string }) {
  const { t, i18n } = useTranslation();
  if (reconciliation.status === 'unavailable') {
    return (
      <section className="reconciliation" data-testid="reconciliation" data-status="unavailable">
        <h3>{t('closeout.recon.title')}</h3>
        <p className="panel-warning-text">{t('closeout.recon.unavailable')}</p>
      </section>
    );
  }
  const differences = differencesOf(reconciliation);
  const amount = (v: number | null) => (v === null ? '—' : <Money minor={v} currency={currency} />);
  return (
    <section className="reconciliation" data-testid="reconciliation" data-status="done" data-differences={differences.length}>
      <h3>{t('closeout.recon.title')}</h3>
      <p>
        {t('closeout.recon.summary', { matched: reconciliation.matched, differences: differences.length, dates: reconciliation.statementDates.join(', ') })}
      </p>
      {differences.length > 0 && (
        <table>
          <TableHead
            columns={[
              t('closeout.recon.col.kind'),
              t('closeout.recon.col.receipt'),
              t('closeout.recon.col.time'),
              t('closeout.recon.col.approval'),
              t('closeout.recon.col.channel'),
              { label: t('closeout.recon.col.pos'), className: 'num' },
              { label: t('closeout.recon.col.gateway'), className: 'num' },
            ]}
          />
          <tbody>
            {differences.map(({ kind, item }, i) => (
              <tr key={i} data-testid="difference" data-kind={kind} data-receipt={item.receiptNumber ?? ''} data-approval={item.approvalNumber ?? ''}>
                <td>{t(`closeout.recon.kind.${kind}`)}</td>
                <td>{item.receiptNumber ?? '—'}</td>
                <td>{item.at === null ? '—' : formatTime(item.at, i18n.language)}</td>
                <td>{item.approvalNumber ?? '—'}</td>
                <td>{t(`channel.${item.channel}`)}</td>
                <td className="num">{amount(item.posAmount)}</td>
                <td className="num">{amount(item.gatewayAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
