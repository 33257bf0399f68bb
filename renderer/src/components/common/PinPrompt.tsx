import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateCode } from '../../i18n/index.js';
import { type PinRequest, usePinPrompt } from '../../stores/pin-prompt-store.js';
import { PinField } from './PinField.js';

/** The manager's PIN prompt over any screen, while a guarded change waits for it (stores/pin-prompt-store.ts). */
export function PinPrompt() {
  const request = usePinPrompt((s) => s.request);
  // A fresh form per request: a PIN typed for one change is never offered to the next.
  return request ? <PinPromptForm key={request.id} request={request} /> : null;
}

function PinPromptForm({ request }: { request: PinRequest }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-label={t('pinPrompt.title')}
        data-testid="pin-prompt"
        data-error={request.error ?? ''}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          // Esc closes the prompt only: the sale screen's Esc (take the QR down, cancel the sale) must not see it.
          e.preventDefault();
          request.cancel();
        }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!request.busy) request.submit(pin);
          setPin('');
        }}
      >
        <h2>{t('pinPrompt.title')}</h2>
        <p>{t(request.purpose)}</p>
        <PinField value={pin} onChange={setPin} label={t('pinPrompt.label')} autoFocus />
        {request.error && (
          <p className="form-error" role="alert" data-testid="pin-prompt-error">
            {translateCode(t, 'errors', request.error, 'errors.generic')}
          </p>
        )}
        <div className="panel-actions">
          <button type="button" onClick={request.cancel} data-testid="pin-prompt-cancel">
            {t('pinPrompt.cancel')}
          </button>
          <button type="submit" disabled={request.busy || pin.length < 4} data-testid="pin-prompt-submit">
            {t('pinPrompt.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
