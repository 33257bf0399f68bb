import { useTranslation } from 'react-i18next';
import { useTender } from '../../stores/tender-store.js';

/**
 * 현금영수증: the customer's phone, business or cash-receipt card number
 * (the core checks it, check digit included), 소득공제 or 지출증빙, or
 * 자진발급 when they give none. Filled in beside the cash, or after the sale.
 */
export function CashReceiptFields() {
  const { t } = useTranslation();
  const entry = useTender((s) => s.cashReceipt);
  const set = useTender((s) => s.setCashReceipt);
  return (
    <fieldset className="cash-receipt" data-testid="cash-receipt">
      <legend>{t('payment.cashReceipt')}</legend>
      <label>
        {t('payment.cashReceiptId')}
        <input
          type="tel"
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
          disabled={entry.selfIssue}
          value={entry.identifier}
          placeholder="010-1234-5678"
          onChange={(e) => set({ identifier: e.target.value.replace(/[^\d-]/g, '') })}
          data-testid="cash-receipt-id"
        />
      </label>
      <label>
        {t('payment.cashReceiptPurpose')}
        <select
          value={entry.purpose}
          disabled={entry.selfIssue}
          onChange={(e) => set({ purpose: e.target.value === 'expense-proof' ? 'expense-proof' : 'deduction' })}
          data-testid="cash-receipt-purpose"
        >
          <option value="deduction">{t('payment.purpose.deduction')}</option>
          <option value="expense-proof">{t('payment.purpose.expense-proof')}</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={entry.selfIssue} onChange={(e) => set({ selfIssue: e.target.checked })} data-testid="cash-receipt-self" />
        {t('payment.selfIssue')}
      </label>
    </fieldset>
  );
}
