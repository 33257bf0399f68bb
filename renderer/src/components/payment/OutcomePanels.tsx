import { useTranslation } from 'react-i18next';
import { i18n, translateCode } from '../../i18n/index.js';
import { type Panel, usePayment } from '../../stores/payment-store.js';
import { Money } from '../common/Money.js';

type Of<K extends Panel['kind']> = Extract<Panel, { kind: K }>;
const keep = (e: React.MouseEvent) => e.preventDefault();

function Dismiss({ label }: { label: string }) {
  const dismiss = usePayment((s) => s.dismiss);
  return (
    <button type="button" onMouseDown={keep} onClick={dismiss} data-testid="dismiss">
      {label}
    </button>
  );
}

export function ApprovedPanel({ panel }: { panel: Of<'approved'> }) {
  const { t } = useTranslation();
  const due = usePayment((s) => s.sale?.balance.due ?? 0);
  return (
    <div className="panel panel-approved" data-testid="panel-approved" data-complete={panel.complete}>
      <h2>{panel.pending ? t('payment.approvedPending') : t('payment.approved')}</h2>
      <p className="panel-amount">
        <Money minor={panel.amount} />
      </p>
      {panel.change !== null && panel.change > 0 && (
        <p className="change" data-testid="change" data-change={panel.change}>
          {t('payment.giveChange')} <Money minor={panel.change} />
        </p>
      )}
      {panel.receiptNumber && <p className="receipt-number" data-testid="receipt-number">{t('payment.receipt', { number: panel.receiptNumber })}</p>}
      {!panel.complete && (
        <p className="panel-hint" data-testid="still-due">
          {t('payment.stillDue')} <Money minor={due} />
        </p>
      )}
      <Dismiss label={panel.complete ? t('payment.nextCustomer') : t('payment.continue')} />
    </div>
  );
}

export function DeclinedPanel({ panel }: { panel: Of<'declined'> }) {
  const { t } = useTranslation();
  return (
    <div className="panel panel-declined" data-testid="panel-declined" data-code={panel.reasonCode ?? ''}>
      <h2>{t('payment.declined')}</h2>
      <p className="reason">{translateCode(t, 'reasons', panel.reasonCode, 'reasons.generic')}</p>
      {panel.reason && <p className="reason-detail">{panel.reason}</p>}
      <Dismiss label={t('payment.tryAgain')} />
    </div>
  );
}

export function UnknownPanel({ panel }: { panel: Of<'unknown'> }) {
  const { t } = useTranslation();
  return (
    <div className="panel panel-unknown" data-testid="panel-unknown" data-stage={panel.stage}>
      <h2>{t('payment.unknown')}</h2>
      <p>{t(`payment.unknownStage.${panel.stage === 'reversing' ? 'reversing' : 'inquiring'}`)}</p>
      <p className="panel-warning-text">{t('payment.unknownWhy')}</p>
      <div className="spinner" aria-hidden="true" />
    </div>
  );
}

export function RefusedPanel({ panel }: { panel: Of<'refused'> }) {
  const { t } = useTranslation();
  return (
    <div className="panel panel-declined" data-testid="panel-refused" data-code={panel.code}>
      <h2>{t('payment.refused')}</h2>
      <p className="reason">{translateCode(t, 'errors', panel.code, 'errors.generic')}</p>
      {!i18n.exists(`errors.${panel.code}`) && <p className="reason-detail">{panel.message}</p>}
      <Dismiss label={t('payment.ok')} />
    </div>
  );
}
