import { useTranslation } from 'react-i18next';
import { Money } from '../common/Money.js';
import { TableHead } from '../common/TableHead.js';
import type { CloseoutFigures } from './closeout-api.js';

/** Corrections booked on this day (정정): offline QRs and reconciliation differences written off, each named. */
export function CorrectionsList({ corrections, currency }: { corrections: CloseoutFigures['corrections']; currency: string }) {
  const { t } = useTranslation();
  if (corrections.length === 0) return null;
  return (
    <section data-testid="corrections">
      <h3>{t('closeout.corrections.title')}</h3>
      <table>
        <TableHead columns={[t('closeout.recon.col.kind'), t('closeout.corrections.day'), t('closeout.recon.col.receipt'), t('closeout.resolve.note'), { label: t('closeout.col.amount'), className: 'num' }]} />
        <tbody>
          {corrections.map((c, i) => (
            <tr key={i} data-testid="correction" data-kind={c.kind} data-amount={c.amount}>
              <td>{t(`closeout.corrections.kind.${c.kind}`)}</td>
              <td>{c.businessDate}</td>
              <td>{c.receiptNumber ?? c.approvalNumber ?? '—'}</td>
              <td>{c.note}</td>
              <td className="num">
                <Money minor={-c.amount} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
