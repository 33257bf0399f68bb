import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError } from '../../../../src/api/errors.js';
import { translateCode } from '../../i18n/index.js';
import { PinField } from '../common/PinField.js';
import { CloseoutCharts } from './CloseoutCharts.js';
import { type CloseoutFigures, xReport, zReport } from './closeout-api.js';
import { MoneyFact } from '../common/MoneyFact.js';

/**
 * X report (snapshot) and Z report (closes the day shown by the X report,
 * owner's PIN), with charts by hour and by method.
 */
export function CloseoutScreen() {
  const { t } = useTranslation();
  const [report, setReport] = useState<CloseoutFigures | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<CloseoutFigures>) => {
    setError(null);
    try {
      setReport(await work());
    } catch (err) {
      setError(err instanceof ContractError ? translateCode(t, 'errors', err.code, 'errors.generic') : t('errors.generic'));
    }
  };
  return (
    <div className="closeout-screen">
      <div className="panel-actions">
        <button type="button" onClick={() => void run(xReport)} data-testid="x-report">
          {t('closeout.x')}
        </button>
        <PinField value={pin} onChange={setPin} label={t('settings.staff.ownerPin')} />
        <button
          type="button"
          className="danger"
          disabled={pin.length < 4 || !report || report.kind !== 'X'}
          onClick={() => report && void run(() => zReport(pin, report.businessDate))}
          data-testid="z-report"
        >
          {t('closeout.z')}
        </button>
      </div>
      <p className="hint">{t('closeout.hint')}</p>
      {error && <p className="form-error">{error}</p>}
      {report && (
        <>
          <h2>{t('closeout.title', { kind: report.kind, date: report.businessDate })}</h2>
          <dl className="totals">
            <MoneyFact label={t('closeout.gross')} minor={report.gross.amount} currency={report.currency} />
            <MoneyFact label={t('closeout.refunds')} minor={-report.refunds.amount} currency={report.currency} />
            <MoneyFact label={t('closeout.cancellations')} minor={-report.cancellations.amount} currency={report.currency} />
            <MoneyFact label={t('closeout.net')} minor={report.net} currency={report.currency} className="grand" />
            <MoneyFact label={t('sale.vat')} minor={report.vat.vat} currency={report.currency} />
            <MoneyFact label={t('closeout.cashExpected')} minor={report.cash.expected} currency={report.currency} />
            <dt>{t('closeout.unsynced')}</dt>
            <dd>{report.openItems.unsyncedCount}</dd>
          </dl>
          <CloseoutCharts report={report} />
        </>
      )}
    </div>
  );
}
