import { useTranslation } from 'react-i18next';
import { pos } from '../../client.js';
import { LANGUAGES } from '../../i18n/index.js';
import { useTill } from '../../stores/till-store.js';
import { useSave } from './use-save.js';
import { FormError } from './FormError.js';

/** The cashier screen's language and the sound switch (the customer display picks its own). */
export function LanguageSection() {
  const { t } = useTranslation();
  const settings = useTill((s) => s.settings);
  const { error, save } = useSave();
  if (!settings) return null;
  return (
    <div className="settings-form">
      <h2>{t('settings.section.language')}</h2>
      <div className="choice-row">
        {LANGUAGES.map((lng) => (
          <button
            type="button"
            key={lng}
            className={settings.language === lng ? 'active' : ''}
            onClick={() => void save(() => pos()['settings.update']({ language: lng }))}
            data-testid={`language-${lng}`}
          >
            {t(`language.${lng}`)}
          </button>
        ))}
      </div>
      <p className="hint">{t('settings.languageHint')}</p>
      <label className="switch">
        <input type="checkbox" checked={settings.mute} onChange={(e) => void save(() => pos()['settings.update']({ mute: e.target.checked }))} data-testid="mute" />
        {t('settings.mute')}
      </label>
      <FormError error={error} />
    </div>
  );
}
