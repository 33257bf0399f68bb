import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError } from '../../../../src/api/errors.js';
import type { TenderView } from '../../../../src/api/schemas/payment.js';
import { pos } from '../../client.js';
import { translateCode } from '../../i18n/index.js';
import { useUi } from '../../stores/ui-store.js';
import { Money } from '../common/Money.js';
import { PinField } from '../common/PinField.js';

/**
 * Refund (any amount up to what is left) or cancel (the whole payment, the
 * same day). The manager's PIN goes to the core, which checks it: this dialog
 * only collects it.
 */
export function RefundDialog({ tender, mode, onClose }: { tender: TenderView & { refundable: number }; mode: 'refund' | 'cancel'; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const notify = useUi((s) => s.notify);
  const [amount, setAmount] = useState(String(tender.refundable));
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const value = mode === 'cancel' ? tender.refundable : Number(amount || '0');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const refund = await pos()['history.refund']({ tenderId: tender.tenderId, amount: value, managerPin: pin, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      notify({ key: `refundResult.${refund.state}`, tone: refund.state === 'failed' ? 'error' : 'info' });
      onClose(true);
    } catch (err) {
      setError(err instanceof ContractError ? translateCode(t, 'errors', err.code, 'errors.generic') : t('errors.generic'));
      setPin('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" onSubmit={(e) => void submit(e)} data-testid="refund-dialog">
        <h2>{mode === 'cancel' ? t('refund.cancelTitle') : t('refund.title')}</h2>
        <p>
          {t('refund.refundable')} <Money minor={tender.refundable} currency={tender.currency} />
        </p>
        {mode === 'refund' && (
          <label>
            {t('refund.amount')}
            <input type="text" inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value.replace(/\D/g, ''))} data-testid="refund-amount" />
          </label>
        )}
        <label>
          {t('refund.reason')}
          <input type="text" value={reason} maxLength={128} onChange={(e) => setReason(e.target.value)} data-testid="refund-reason" />
        </label>
        <PinField value={pin} onChange={setPin} label={t('refund.managerPin')} />
        {error && (
          <p className="form-error" role="alert" data-testid="refund-error">
            {error}
          </p>
        )}
        <div className="panel-actions">
          <button type="submit" className="danger" disabled={busy || pin.length < 4 || value <= 0 || value > tender.refundable} data-testid="refund-submit">
            {mode === 'cancel' ? t('refund.confirmCancel') : t('refund.confirm')}
          </button>
          <button type="button" onClick={() => onClose(false)}>
            {t('refund.close')}
          </button>
        </div>
      </form>
    </div>
  );
}
