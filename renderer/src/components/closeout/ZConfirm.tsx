import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../common/Money.js';
import { PinField } from '../common/PinField.js';
import type { CloseoutFigures } from './closeout-api.js';
import { differencesOf } from './ReconciliationList.js';

/**
 * The last look before a Z: the drawer as counted against what is expected
 * (or that it was not counted), the payments still open and the
 * reconciliation differences the Z will carry. The owner's PIN closes the
 * day; the core checks it and every guard again.
 */
export function ZConfirm({
  report,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  report: CloseoutFigures;
  busy: boolean;
  error: string | null;
  onConfirm: (pin: string, recordOpen: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [recordOpen, setRecordOpen] = useState(false);
  const { cash, openItems, currency } = report;
  const unresolved = openItems.unresolved.length;
  const differences = report.reconciliation.status === 'done' ? differencesOf(report.reconciliation).length : null;
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        data-testid="z-confirm"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(pin, recordOpen);
        }}
      >
        <h2>{t('closeout.confirm.title', { date: report.businessDate })}</h2>
        <dl className="totals">
          <dt>{t('closeout.cash.expected')}</dt>
          <dd>
            <Money minor={cash.expected} currency={currency} />
          </dd>
          <dt>{t('closeout.cash.counted')}</dt>
          <dd data-testid="confirm-counted" data-amount={cash.counted ?? ''}>
            {cash.counted === null ? t('closeout.cash.notCounted') : <Money minor={cash.counted} currency={currency} />}
          </dd>
          {cash.difference !== null && (
            <>
              <dt>{t('closeout.cash.overShort')}</dt>
              <dd className={cash.difference === 0 ? '' : 'due'}>
                <Money minor={cash.difference} currency={currency} />
              </dd>
            </>
          )}
          <dt>{t('closeout.confirm.unresolved')}</dt>
          <dd data-testid="confirm-unresolved">{unresolved}</dd>
          <dt>{t('closeout.confirm.pending')}</dt>
          <dd>{openItems.pendingConfirmation.length}</dd>
          <dt>{t('closeout.confirm.unsynced')}</dt>
          <dd>{openItems.unsyncedCount}</dd>
          <dt>{t('closeout.confirm.differences')}</dt>
          <dd data-testid="confirm-differences">{differences ?? t('closeout.recon.notDone')}</dd>
        </dl>
        {cash.counted === null && <p className="panel-warning-text">{t('closeout.confirm.countFirst')}</p>}
        {unresolved > 0 && (
          <label className="check">
            <input type="checkbox" checked={recordOpen} onChange={(e) => setRecordOpen(e.target.checked)} data-testid="z-record-open" />
            {t('closeout.confirm.recordOpen')}
          </label>
        )}
        <PinField value={pin} onChange={setPin} label={t('settings.staff.ownerPin')} />
        {error && <p className="form-error">{error}</p>}
        <div className="panel-actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('closeout.confirm.back')}
          </button>
          <button type="submit" className="danger" disabled={busy || pin.length < 4 || (unresolved > 0 && !recordOpen)} data-testid="z-confirm-submit">
            {t('closeout.confirm.close')}
          </button>
        </div>
      </form>
    </div>
  );
}
