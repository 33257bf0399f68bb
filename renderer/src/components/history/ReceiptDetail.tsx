import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../../../src/api/schemas/history.js';
import type { TenderView } from '../../../../src/api/schemas/payment.js';
import { pos } from '../../client.js';
import { formatTime } from '../../i18n/format.js';
import { useUi } from '../../stores/ui-store.js';
import { Money } from '../common/Money.js';
import { RefundDialog } from './RefundDialog.js';
import { MoneyFact } from '../common/MoneyFact.js';

/** A receipt: lines, VAT, payments with what can still be refunded, refunds, reprint. */
export function ReceiptDetail({ saleId, onChanged }: { saleId: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const notify = useUi((s) => s.notify);
  const [detail, setDetail] = useState<HistoryDetail | null>(null);
  const [refunding, setRefunding] = useState<{ tender: TenderView & { refundable: number }; mode: 'refund' | 'cancel' } | null>(null);

  const load = useCallback(async () => setDetail(await pos()['history.detail']({ saleId })), [saleId]);
  useEffect(() => {
    void load();
    return pos().on('payment.refund', () => void load());
  }, [load]);

  if (!detail) return null;
  const reprint = async () => {
    const printed = await pos()['history.reprint']({ saleId });
    notify({ key: `print.${printed.state}`, values: { receipt: detail.receiptNumber ?? '' }, tone: printed.state === 'printed' ? 'info' : 'warning' });
  };
  return (
    <div className="receipt-detail" data-testid="receipt-detail">
      <h2 className="mono">{detail.receiptNumber ?? t('history.open')}</h2>
      <p>{formatTime(detail.openedAt, i18n.language, true)}</p>
      <table className="detail-lines">
        <tbody>
          {detail.lines.map((line, i) => (
            <tr key={i} data-testid="detail-line" data-returned={detail.lineReturns[i]?.returned ?? 0}>
              <td>{line.tax === 'tax-free' ? `*${line.name}` : line.name}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">
                <Money minor={line.unitPrice * line.quantity - (line.discount ?? 0)} currency={detail.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="totals">
        <MoneyFact label={t('sale.supply')} minor={detail.vat.supply} />
        <MoneyFact label={t('sale.vat')} minor={detail.vat.vat} />
        {detail.vat.taxFree > 0 && <MoneyFact label={t('sale.taxFree')} minor={detail.vat.taxFree} />}
        <MoneyFact label={t('sale.total')} minor={detail.total} currency={detail.currency} className="grand" />
      </dl>
      <h3>{t('history.payments')}</h3>
      <ul className="tenders">
        {detail.tenders.map((tender) => (
          <li key={tender.tenderId} data-testid="tender-row" data-state={tender.state}>
            <span>{tender.wallet ? t(`wallet.${tender.wallet}`, { defaultValue: tender.wallet }) : t(`method.${tender.method}`)}</span>
            <Money minor={tender.amount} currency={tender.currency} />
            <span className={`state state-${tender.state}`}>{t(`tenderState.${tender.state}`)}</span>
            {tender.maskedCode && <span className="mono">{tender.maskedCode}</span>}
            {tender.card && (
              <span className="mono" data-testid="card-slip">
                {[tender.card.cardCompany, tender.card.approvalNumber, tender.card.installmentMonths > 0 ? t('payment.months', { count: tender.card.installmentMonths }) : t('payment.lumpSum')]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            )}
            {tender.refundable > 0 && (
              <span className="tender-actions">
                <button type="button" onClick={() => setRefunding({ tender, mode: 'refund' })} data-testid="refund-button">
                  {t('history.refund')}
                </button>
                {tender.refundable === tender.amount && (
                  <button type="button" onClick={() => setRefunding({ tender, mode: 'cancel' })} data-testid="cancel-payment-button">
                    {t('history.cancelPayment')}
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      {detail.refunds.length > 0 && (
        <>
          <h3>{t('history.refunds')}</h3>
          <ul className="refunds">
            {detail.refunds.map((r) => (
              <li key={r.refundId} data-testid="refund-row" data-state={r.state}>
                <span>{t(`refundKind.${r.kind}`)}</span>
                <Money minor={-r.amount} currency={detail.currency} />
                <span className={`state state-${r.state}`}>{t(`refundState.${r.state}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="panel-actions">
        {detail.receiptNumber && (
          <button type="button" onClick={() => void reprint()} data-testid="reprint">
            {t('history.reprint')}
          </button>
        )}
      </div>
      {refunding && (
        <RefundDialog
          tender={refunding.tender}
          mode={refunding.mode}
          lines={detail.lines.map((l, i) => ({ name: l.name, quantity: l.quantity, amount: detail.lineReturns[i]?.amount ?? 0, returned: detail.lineReturns[i]?.returned ?? 0 }))}
          onClose={(done) => {
            setRefunding(null);
            if (done) {
              void load();
              onChanged();
            }
          }}
        />
      )}
    </div>
  );
}
