import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayInfo } from '../../../../src/api/schemas/gateway.js';
import { pos } from '../../client.js';
import { PinField } from '../common/PinField.js';
import { FormError } from './FormError.js';
import { useSave } from './use-save.js';
import { TextField } from './TextField.js';

/** The relay gateway: where, which terminal, which key; registration switches to live on restart. */
export function GatewaySection() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<GatewayInfo | null>(null);
  const [form, setForm] = useState({ url: '', terminalId: '', enrollmentCode: '' });
  const [ownerPin, setOwnerPin] = useState('');
  const [outcome, setOutcome] = useState<{ registered: boolean; code?: string } | null>(null);
  const { saving, error, save } = useSave();
  useEffect(() => {
    void pos()['gateway.info']().then((i) => {
      setInfo(i);
      setForm((f) => ({ ...f, terminalId: i.terminalId }));
    });
  }, []);
  if (!info) return null;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void save(async () => setOutcome(await pos()['gateway.register']({ ...form, ownerPin })));
  };
  return (
    <form className="settings-form" onSubmit={submit}>
      <h2>{t('settings.section.gateway')}</h2>
      <dl className="facts">
        <dt>{t('settings.gateway.mode')}</dt>
        <dd>{t(`settings.gateway.${info.mode}`)}</dd>
        <dt>{t('settings.gateway.url')}</dt>
        <dd className="mono">{info.url ?? '-'}</dd>
        <dt>{t('settings.gateway.terminalId')}</dt>
        <dd className="mono">{info.terminalId}</dd>
        <dt>{t('settings.gateway.publicKey')}</dt>
        <dd className="mono key">{info.publicKey ?? '-'}</dd>
      </dl>
      <h3>{t('settings.gateway.register')}</h3>
      <TextField type="url" label={t('settings.gateway.url')} value={form.url} onChange={(url) => setForm({ ...form, url })} placeholder={t('settings.gateway.urlPlaceholder')} />
      <TextField label={t('settings.gateway.terminalId')} value={form.terminalId} onChange={(terminalId) => setForm({ ...form, terminalId })} />
      <TextField label={t('settings.gateway.enrollmentCode')} value={form.enrollmentCode} onChange={(enrollmentCode) => setForm({ ...form, enrollmentCode })} />
      <PinField value={ownerPin} onChange={setOwnerPin} label={t('settings.staff.ownerPin')} />
      <FormError error={error} />
      {outcome && (
        <p className={outcome.registered ? 'hint' : 'form-error'}>
          {outcome.registered ? t('settings.gateway.registered') : t('settings.gateway.refused', { code: outcome.code ?? '' })}
        </p>
      )}
      <button type="submit" disabled={saving || ownerPin.length < 4}>
        {t('settings.gateway.registerButton')}
      </button>
    </form>
  );
}
