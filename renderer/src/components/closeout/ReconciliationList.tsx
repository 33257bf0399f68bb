import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format.js';
import { Money } from '../common/Money.js';
import { TableHead } from '../common/TableHead.js';
import { DIFFERENCE_KINDS, differenceKey } from '../../../../src/api/schemas/closeout.js';
import type { CloseoutFigures } from './closeout-api.js';

type Reconciliation = CloseoutFigures['reconciliation'];
type Item = Reconciliation['missingAtGateway'][number];
type Resolution = CloseoutFigures['resolutions'][number];
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];
/** One difference the owner may settle. */
export interface Difference {
  kind: DifferenceKind;
  item: Item;
  key: string;
}

/** Every difference of a reconciliation, each with its kind. */
export function differencesOf(reconciliation: Reconciliation): Difference[] {
  return DIFFERENCE_KINDS.flatMap((kind) => (reconciliation[kind] as Item[]).map((item) => ({ kind, item, key: differenceKey(kind, item) })));
}

/**
 * The settlement reconciliation: how many statement lines matched, and every
 * difference named as the owner finds it on the paper roll and in the
 * gateway's portal (receipt number, time, 승인번호), with both amounts, and
 * what the owner did about it (or the button to do it).
 */
export function ReconciliationList({
  reconciliation,
  resolutions,
  currency,
  onResolve,
}: {
  reconciliation: Reconciliation;
  resolutions: readonly Resolution[];
  currency: string;
  onResolve: (difference: Difference) => void;
}) {
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
              t('closeout.recon.col.action'),
            ]}
          />
          <tbody>
            {differences.map((difference, i) => {
              const { kind, item, key } = difference;
              const resolved = resolutions.find((r) => r.key === key);
              return (
              <tr key={i} data-testid="difference" data-kind={kind} data-receipt={item.receiptNumber ?? ''} data-approval={item.approvalNumber ?? ''} data-resolved={resolved?.action ?? ''}>
                <td>{t(`closeout.recon.kind.${kind}`)}</td>
                <td>{item.receiptNumber ?? '—'}</td>
                <td>{item.at === null ? '—' : formatTime(item.at, i18n.language)}</td>
                <td>{item.approvalNumber ?? '—'}</td>
                <td>{t(`channel.${item.channel}`)}</td>
                <td className="num">{amount(item.posAmount)}</td>
                <td className="num">{amount(item.gatewayAmount)}</td>
                <td>
                  {resolved ? (
                    <span title={resolved.note}>{t(`closeout.resolve.action.${resolved.action}`)}</span>
                  ) : (
                    <button type="button" onClick={() => onResolve(difference)} data-testid="resolve-button">
                      {t('closeout.resolve.open')}
                    </button>
                  )}
                </td>
              </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
