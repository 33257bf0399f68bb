import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckout } from '../../stores/checkout-store.js';
import { useTender } from '../../stores/tender-store.js';
import { PanelHeading } from './PanelHeading.js';

/** 할부 months card companies offer at the counter; 0 is 일시불. */
const INSTALLMENTS = [0, 2, 3, 4, 5, 6, 10, 12];

/**
 * A card taken on the shop's standalone card terminal: the cashier keys the
 * slip's approval number (and the card company and 할부 when they like) and
 * the till records it as a 카드 tender for what is due, or the part asked for.
 */
export function CardPanel() {
  const { t } = useTranslation();
  const due = useTender((s) => s.due());
  const part = useCheckout((s) => s.session?.part ?? null);
  const record = useTender((s) => s.recordCardSlip);
  const amount = part ?? due;
  const [approvalNumber, setApproval] = useState('');
  const [company, setCompany] = useState('');
  const [months, setMonths] = useState(0);
  const valid = /^[0-9A-Za-z]{4,12}$/.test(approvalNumber);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    void record({ amount, approvalNumber, cardCompany: company.trim() || null, installmentMonths: months });
  };
  return (
    <form className="panel panel-card" data-testid="panel-card" onSubmit={submit}>
      <PanelHeading title={t('payment.cardTitle')} amount={amount} />
      <p className="panel-hint">{t('payment.cardHint')}</p>
      <label>
        {t('payment.approvalNumber')}
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={12}
          value={approvalNumber}
          onChange={(e) => setApproval(e.target.value.replace(/[^0-9A-Za-z]/g, ''))}
          data-testid="card-approval"
        />
      </label>
      <label>
        {t('payment.cardCompany')}
        <input type="text" autoComplete="off" maxLength={20} value={company} onChange={(e) => setCompany(e.target.value)} data-testid="card-company" />
      </label>
      <label>
        {t('payment.installment')}
        <select value={months} onChange={(e) => setMonths(Number(e.target.value))} data-testid="card-installment">
          {INSTALLMENTS.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t('payment.lumpSum') : t('payment.months', { count: m })}
            </option>
          ))}
        </select>
      </label>
      <div className="panel-actions">
        <button type="submit" disabled={!valid} data-testid="record-card">
          {t('payment.recordCard')}
        </button>
      </div>
    </form>
  );
}
