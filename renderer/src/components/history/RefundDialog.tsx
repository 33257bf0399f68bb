import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError } from '../../../../src/api/errors.js';
import { unitsAmount } from '../../../../src/money/index.js';
import type { TenderView } from '../../../../src/api/schemas/payment.js';
import { pos } from '../../client.js';
import { translateCode } from '../../i18n/index.js';
import { useUi } from '../../stores/ui-store.js';
import { Money } from '../common/Money.js';
import { PinField } from '../common/PinField.js';

/** A line of the sale as the return picker shows it. */
export interface ReturnableLine {
  name: string;
  quantity: number;
  /** What the line came to after discounts. */
  amount: number;
  returned: number;
}

/**
 * Refund (lines and quantities returned, or any amount up to what is left) or
 * cancel (the whole payment, the same day). The amount of a return by line is
 * shown as the core will work it out (each unit's share of the line after
 * discounts); the core decides it, and books the VAT by the lines' tax class.
 * The manager's PIN goes to the core, which checks it: this dialog only
 * collects it.
 */
export function RefundDialog({
  tender,
  mode,
  lines = [],
  onClose,
}: {
  tender: TenderView & { refundable: number };
  mode: 'refund' | 'cancel';
  lines?: ReturnableLine[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const notify = useUi((s) => s.notify);
  const [picked, setPicked] = useState<number[]>(() => lines.map(() => 0));
  const byLine = mode === 'refund' && picked.some((n) => n > 0);
  const linesAmount = lines.reduce((a, l, i) => a + unitsAmount(l.amount, l.quantity, l.returned, picked[i] ?? 0), 0);
  const pick = (i: number, delta: number) =>
    setPicked((p) => p.map((n, j) => (j === i ? Math.min(lines[i]!.quantity - lines[i]!.returned, Math.max(0, n + delta)) : n)));
  const [amount, setAmount] = useState(String(tender.refundable));
  const [reason, setReason] = useState('');
  const [cardApproval, setCardApproval] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const value = mode === 'cancel' ? tender.refundable : byLine ? linesAmount : Number(amount || '0');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const returned = picked.flatMap((quantity, line) => (quantity > 0 ? [{ line, quantity }] : []));
      const what = byLine ? { lines: returned } : { amount: value };
      const refund = await pos()['history.refund']({ tenderId: tender.tenderId, ...what, managerPin: pin, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(cardApproval ? { approvalNumber: cardApproval } : {}) });
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
        {mode === 'refund' && lines.length > 0 && (
          <fieldset className="return-lines" data-testid="return-lines">
            <legend>{t('refund.returnLines')}</legend>
            {lines.map((line, i) => {
              const left = line.quantity - line.returned;
              return (
                <div className="return-line" key={i} data-testid={`return-line-${i}`}>
                  <span className="return-name">{line.name}</span>
                  <span className="hint">
                    {t('refund.lineLeft')} {left}
                  </span>
                  <button type="button" aria-label={t('refund.fewer')} disabled={(picked[i] ?? 0) === 0} onClick={() => pick(i, -1)} data-testid={`return-fewer-${i}`}>
                    −
                  </button>
                  <span className="num" data-testid={`return-quantity-${i}`}>
                    {picked[i] ?? 0}
                  </span>
                  <button type="button" aria-label={t('refund.more')} disabled={(picked[i] ?? 0) >= left} onClick={() => pick(i, 1)} data-testid={`return-more-${i}`}>
                    +
                  </button>
                </div>
              );
            })}
          </fieldset>
        )}
        {mode === 'refund' && !byLine && (
          <label>
            {t('refund.amount')}
            <input type="text" inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value.replace(/\D/g, ''))} data-testid="refund-amount" />
          </label>
        )}
        {byLine && (
          <p>
            {t('refund.amount')} <span data-testid="return-amount" data-amount={linesAmount}>
              <Money minor={linesAmount} currency={tender.currency} />
            </span>
          </p>
        )}
        {tender.method === 'card' && (
          <>
            <p className="panel-hint">{t('refund.cardHint')}</p>
            <label>
              {t('refund.cardApproval')}
              <input
                type="text"
                autoComplete="off"
                maxLength={12}
                value={cardApproval}
                onChange={(e) => setCardApproval(e.target.value.replace(/[^0-9A-Za-z]/g, ''))}
                data-testid="refund-card-approval"
              />
            </label>
          </>
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
          <button type="submit" className="danger" disabled={busy || pin.length < 4 || value <= 0 || value > tender.refundable || (cardApproval !== '' && cardApproval.length < 4)} data-testid="refund-submit">
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
