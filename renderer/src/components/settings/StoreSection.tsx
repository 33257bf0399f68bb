import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../src/api/schemas/settings.js';
import { pos } from '../../client.js';
import { withManagerPin } from '../../stores/pin-prompt-store.js';
import { useTill } from '../../stores/till-store.js';
import { FormError } from './FormError.js';
import { useSave } from './use-save.js';

const FIELDS = ['name', 'businessNumber', 'representative', 'address', 'phone'] as const;

/** What receipts print about the shop: 상호, 사업자등록번호, 대표자, address, phone. */
export function StoreSection() {
  const { t } = useTranslation();
  const settings = useTill((s) => s.settings);
  const [store, setStore] = useState<Settings['store'] | null>(settings?.store ?? null);
  const { saving, error, save } = useSave();
  // The core keeps the details in their printed form (a business number typed without hyphens gets them): show what it saved.
  useEffect(() => setStore(settings?.store ?? null), [settings?.store]);
  if (!store) return null;
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(() => withManagerPin('pinPrompt.purpose.store', (managerPin) => pos()['settings.update']({ store, managerPin })));
      }}
    >
      <h2>{t('settings.section.store')}</h2>
      {FIELDS.map((field) => (
        <label key={field}>
          {t(`settings.store.${field}`)}
          <input type="text" value={store[field]} onChange={(e) => setStore({ ...store, [field]: e.target.value })} data-testid={`store-${field}`} />
        </label>
      ))}
      <p className="hint" data-testid="store-hint">{t('settings.store.hint')}</p>
      <FormError error={error} />
      <button type="submit" disabled={saving} data-testid="store-save">
        {t('settings.save')}
      </button>
    </form>
  );
}
