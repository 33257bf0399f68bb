import { useTranslation } from 'react-i18next';
import { i18n, translateCode } from '../../i18n/index.js';
import { useCheckout } from '../../stores/checkout-store.js';
import { type Panel, useTender } from '../../stores/tender-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';
import { CashReceiptFields } from './CashReceiptFields.js';
import { PanelHeading } from './PanelHeading.js';

type Of<K extends Panel['kind']> = Extract<Panel, { kind: K }>;

function Dismiss({ label }: { label: string }) {
  const dismiss = useTender((s) => s.dismiss);
  return (
    <button type="button" onMouseDown={keepFocus} onClick={dismiss} data-testid="dismiss">
      {label}
    </button>
  );
}

export function ApprovedPanel({ panel }: { panel: Of<'approved'> }) {
  const { t } = useTranslation();
  const due = useCheckout((s) => s.session?.sale?.balance.due ?? 0);
  const issueCashReceipt = useTender((s) => s.issueCashReceipt);
  return (
    <div className="panel panel-approved" data-testid="panel-approved" data-complete={panel.complete}>
      <PanelHeading
        title={panel.pending ? t('payment.approvedPending') : t('payment.approved')}
        amount={panel.amount}
      />
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
      {panel.method === 'cash' && (
        <div className="cash-receipt-after">
          <CashReceiptFields />
          <button type="button" onClick={() => void issueCashReceipt()} data-testid="issue-cash-receipt">
            {t('payment.issueCashReceipt')}
          </button>
        </div>
      )}
      <Dismiss label={panel.complete ? t('payment.nextCustomer') : t('payment.continue')} />
    </div>
  );
}

/** Why money did not move: the reason in the cashier's language, the raw detail when there is no translation for it. */
function ReasonPanel(props: { testId: string; code: string; title: string; reason: string; detail?: string | false | null; dismiss: string }) {
  return (
    <div className="panel panel-declined" data-testid={props.testId} data-code={props.code}>
      <h2>{props.title}</h2>
      <p className="reason">{props.reason}</p>
      {props.detail && <p className="reason-detail">{props.detail}</p>}
      <Dismiss label={props.dismiss} />
    </div>
  );
}

export function DeclinedPanel({ panel }: { panel: Of<'declined'> }) {
  const { t } = useTranslation();
  return (
    <ReasonPanel
      testId="panel-declined"
      code={panel.reasonCode ?? ''}
      title={t('payment.declined')}
      reason={translateCode(t, 'reasons', panel.reasonCode, 'reasons.generic')}
      detail={panel.reason}
      dismiss={t('payment.tryAgain')}
    />
  );
}

export function UnknownPanel({ panel }: { panel: Of<'unknown'> }) {
  const { t } = useTranslation();
  return (
    <div className="panel panel-unknown" data-testid="panel-unknown" data-stage={panel.stage} data-waiting={panel.password ? 'password' : undefined}>
      <h2>{t(panel.password ? 'payment.passwordWait' : 'payment.unknown')}</h2>
      <p>{t(panel.password ? 'payment.passwordWaitDetail' : `payment.unknownStage.${panel.stage === 'reversing' ? 'reversing' : 'inquiring'}`)}</p>
      <p className="panel-warning-text">{t('payment.unknownWhy')}</p>
      <div className="spinner" aria-hidden="true" />
    </div>
  );
}

export function RefusedPanel({ panel }: { panel: Of<'refused'> }) {
  const { t } = useTranslation();
  return (
    <ReasonPanel
      testId="panel-refused"
      code={panel.code}
      title={t('payment.refused')}
      reason={translateCode(t, 'errors', panel.code, 'errors.generic')}
      detail={!i18n.exists(`errors.${panel.code}`) && panel.message}
      dismiss={t('payment.ok')}
    />
  );
}
