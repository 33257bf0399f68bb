import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError } from '../../../../src/api/errors.js';
import { translateCode } from '../../i18n/index.js';
import { pos } from '../../client.js';
import { useTill } from '../../stores/till-store.js';
import { useUi } from '../../stores/ui-store.js';
import { CashCountPanel } from './CashCountPanel.js';
import { CloseoutCharts } from './CloseoutCharts.js';
import { type CloseoutFigures, downloadCsv, printReport, printStoreCloseout, resolveDifference, xReport, zReport } from './closeout-api.js';
import { CorrectionsList } from './CorrectionsList.js';
import { OpenItemsList } from './OpenItemsList.js';
import { type Difference, ReconciliationList } from './ReconciliationList.js';
import { ResolveDialog } from './ResolveDialog.js';
import { ReportSummary, ReportTables } from './ReportTables.js';
import { ZConfirm } from './ZConfirm.js';

/**
 * The owner's end of day: the X report (reconciled with the gateway), the
 * drawer counted by denomination, the figures as tables and charts, the
 * reconciliation differences and the open items, print and CSV, and the Z
 * behind a confirmation that shows the count and what is still open.
 */
export function CloseoutScreen() {
  const { t } = useTranslation();
  const notify = useUi((s) => s.notify);
  const storeLinked = useTill((s) => s.info?.storeLinked ?? false);
  const [report, setReport] = useState<CloseoutFigures | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [resolving, setResolving] = useState<Difference | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const explain = (err: unknown) => {
    // Closing the manager's PIN prompt (CSV) changes nothing and needs no message.
    if (err instanceof ContractError && err.code === 'pin-cancelled') return;
    setError(err instanceof ContractError ? translateCode(t, 'errors', err.code, 'errors.generic') : t('errors.generic'));
  };
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      explain(err);
    } finally {
      setBusy(false);
    }
  };
  // The store's paper names its version and any till still open, so the owner knows what was summed.
  const printStore = (date: string) =>
    run(async () => {
      const printed = await printStoreCloseout(date);
      const notClosed = printed.notClosed.join(', ');
      notify({ key: notClosed ? 'closeout.storePrintedOpen' : 'closeout.storePrinted', values: { version: printed.version, tills: notClosed }, tone: 'info' });
    });
  const refresh = () => run(async () => setReport(await xReport()));
  // The day shown again after a change: the open day's X, or a closed day's Z with its resolutions.
  const reload = async (date: string, kind: 'X' | 'Z') => setReport(kind === 'X' ? await xReport() : await pos()['closeout.x']({ businessDate: date }));
  const resolve = (action: 'refund-task' | 'write-off' | 'note', note: string, pin: string) =>
    report &&
    resolving &&
    run(async () => {
      await resolveDifference(pin, report.businessDate, resolving.key, action, note);
      setResolving(null);
      await reload(report.businessDate, report.kind);
    });
  const close = (pin: string, recordOpen: boolean) =>
    report &&
    run(async () => {
      const z = await zReport(pin, report.businessDate, recordOpen);
      setReport(z);
      setConfirming(false);
      notify({ key: 'closeout.closed', values: { date: z.businessDate }, tone: 'info' });
    });
  return (
    <div className="closeout-screen">
      <div className="panel-actions">
        <button type="button" onClick={() => void refresh()} disabled={busy} data-testid="x-report">
          {t('closeout.x')}
        </button>
        <button type="button" disabled={busy || !report} onClick={() => report && void run(() => printReport(report.businessDate))} data-testid="closeout-print">
          {t('closeout.print')}
        </button>
        <button
          type="button"
          disabled={busy || !report}
          onClick={() => report && void run(async () => notify({ key: 'closeout.csvSaved', values: { file: await downloadCsv(report.businessDate) }, tone: 'info' }))}
          data-testid="closeout-csv"
        >
          {t('closeout.csv')}
        </button>
        {storeLinked && (
          <button type="button" disabled={busy || !report} onClick={() => report && void printStore(report.businessDate)} data-testid="closeout-print-store">
            {t('closeout.printStore')}
          </button>
        )}
        <button type="button" className="danger" disabled={busy || !report || report.kind !== 'X'} onClick={() => setConfirming(true)} data-testid="z-report">
          {t('closeout.z')}
        </button>
      </div>
      <p className="hint">{t('closeout.hint')}</p>
      {error && !confirming && !resolving && <p className="form-error">{error}</p>}
      {report && (
        <>
          <h2 data-testid="closeout-title" data-kind={report.kind} data-date={report.businessDate}>
            {t('closeout.title', { kind: report.kind, date: report.businessDate })}
          </h2>
          {report.alerts.map((a) => (
            <p key={a.businessDate} className="panel-warning-text" data-testid="late-z">
              {t('closeout.lateZ', { date: a.businessDate })}
            </p>
          ))}
          <div className="closeout-columns">
            <ReportSummary report={report} />
            {report.kind === 'X' ? (
              // Keyed by the last count, so a recorded count shows its own pieces afresh.
              <CashCountPanel key={report.cash.countedAt ?? 0} cash={report.cash} currency={report.currency} onRecorded={() => void refresh()} onError={explain} />
            ) : null}
          </div>
          <ReconciliationList reconciliation={report.amendment?.reconciliation ?? report.reconciliation} resolutions={report.resolutions} currency={report.currency} onResolve={(d) => (setError(null), setResolving(d))} />
          <CorrectionsList corrections={report.corrections} currency={report.currency} />
          <OpenItemsList open={report.openItems} currency={report.currency} />
          <ReportTables report={report} />
          <CloseoutCharts report={report} />
        </>
      )}
      {resolving && report && (
        <ResolveDialog difference={resolving} currency={report.currency} busy={busy} error={error} onSubmit={(a, n, p) => void resolve(a, n, p)} onCancel={() => setResolving(null)} />
      )}
      {confirming && report && <ZConfirm report={report} busy={busy} error={error} onConfirm={(pin, open) => void close(pin, open)} onCancel={() => setConfirming(false)} />}
    </div>
  );
}
