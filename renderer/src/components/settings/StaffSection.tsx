import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffListView } from '../../../../src/api/schemas/staff.js';
import { pos } from '../../client.js';
import { PinField } from '../common/PinField.js';
import { FormError } from './FormError.js';
import { useSave } from './use-save.js';
import { TextField } from './TextField.js';

type StaffRole = StaffListView['staff'][number]['role'];
const ROLES: StaffRole[] = ['cashier', 'manager', 'owner'];

/** Roles and PINs. Every change needs the owner's PIN; the core keeps only PIN hashes. */
export function StaffSection() {
  const { t } = useTranslation();
  const [view, setView] = useState<StaffListView | null>(null);
  const [form, setForm] = useState({ staffId: '', name: '', role: 'cashier' as StaffRole, pin: '' });
  const [ownerPin, setOwnerPin] = useState('');
  const { saving, error, save } = useSave();
  useEffect(() => {
    void pos()['staff.list']().then(setView);
  }, []);
  if (!view) return null;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void save(async () => {
      setView(await pos()['staff.save']({ ownerPin, staffId: form.staffId, name: form.name, role: form.role, ...(form.pin ? { pin: form.pin } : {}) }));
      setForm({ staffId: '', name: '', role: 'cashier', pin: '' });
    });
  };
  const remove = (staffId: string) => void save(async () => setView(await pos()['staff.remove']({ ownerPin, staffId })));
  return (
    <form className="settings-form" onSubmit={submit}>
      <h2>{t('settings.section.staff')}</h2>
      {view.defaultPinInUse && (
        <p className="panel-warning-text" data-testid="default-pin-warning">
          {t('settings.staff.defaultPin')}
        </p>
      )}
      <table>
        <tbody>
          {view.staff.map((s) => (
            <tr key={s.staffId}>
              <td className="mono">{s.staffId}</td>
              <td>{s.name}</td>
              <td>{t(`role.${s.role}`)}</td>
              <td>
                <button type="button" onClick={() => setForm({ staffId: s.staffId, name: s.name, role: s.role, pin: '' })}>
                  {t('settings.staff.edit')}
                </button>
                <button type="button" onClick={() => remove(s.staffId)}>
                  {t('settings.staff.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <TextField label={t('settings.staff.id')} value={form.staffId} onChange={(staffId) => setForm({ ...form, staffId })} />
      <TextField label={t('settings.staff.name')} value={form.name} onChange={(name) => setForm({ ...form, name })} />
      <label>
        {t('settings.staff.role')}
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <PinField value={form.pin} onChange={(pin) => setForm({ ...form, pin })} label={t('settings.staff.newPin')} />
      <PinField value={ownerPin} onChange={setOwnerPin} label={t('settings.staff.ownerPin')} />
      <FormError error={error} />
      <button type="submit" disabled={saving || !form.staffId || !form.name || ownerPin.length < 4}>
        {t('settings.save')}
      </button>
    </form>
  );
}
