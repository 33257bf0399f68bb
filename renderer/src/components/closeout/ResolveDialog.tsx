import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESOLUTION_ACTIONS } from '../../../../src/api/schemas/closeout.js';
import { Money } from '../common/Money.js';
import { PinField } from '../common/PinField.js';
import type { Difference } from './ReconciliationList.js';

type Action = (typeof RESOLUTION_ACTIONS)[number];

/**
 * The owner settles one difference: a refund to give the customer, a
 * write-off (booked on today's Z as a correction) or a note. The core checks
 * the owner's PIN and journals the resolution.
 */
export function ResolveDialog({
  difference,
  currency,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  difference: Difference;
  currency: string;
  busy: boolean;
  error: string | null;
  onSubmit: (action: Action, note: string, pin: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action>('note');
  const [note, setNote] = useState('');
  const [pin, setPin] = useState('');
  const { item, kind } = difference;
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        data-testid="resolve-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(action, note, pin);
        }}
      >
        <h2>{t('closeout.resolve.title', { kind: t(`closeout.recon.kind.${kind}`) })}</h2>
        <p>
          {item.receiptNumber ?? item.approvalNumber ?? item.paymentRequestId} · <Money minor={item.posAmount ?? item.gatewayAmount ?? 0} currency={currency} />
        </p>
        <fieldset>
          <legend>{t('closeout.resolve.how')}</legend>
          {RESOLUTION_ACTIONS.map((a) => (
            <label key={a} className="check">
              <input type="radio" name="action" checked={action === a} onChange={() => setAction(a)} data-testid={`resolve-action-${a}`} />
              {t(`closeout.resolve.action.${a}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('closeout.resolve.note')}
          <input type="text" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="resolve-note" />
        </label>
        <PinField value={pin} onChange={setPin} label={t('settings.staff.ownerPin')} />
        {error && <p className="form-error">{error}</p>}
        <div className="panel-actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('closeout.confirm.back')}
          </button>
          <button type="submit" disabled={busy || pin.length < 4 || (action === 'note' && !note.trim())} data-testid="resolve-submit">
            {t('closeout.resolve.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
