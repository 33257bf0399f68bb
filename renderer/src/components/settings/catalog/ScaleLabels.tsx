import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScaleLayoutView as ScaleLayout } from '../../../../../src/api/schemas/catalog.js';
import { pos } from '../../../client.js';
import { PinField } from '../../common/PinField.js';
import { FormError } from '../FormError.js';
import { useSave } from '../use-save.js';

const FLAGS = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];

/** Which layout the shop's label scales print under each GS1 in-store prefix (20-29). */
export function ScaleLabels() {
  const { t } = useTranslation();
  const [flags, setFlags] = useState<Record<string, string>>({});
  const [layouts, setLayouts] = useState<ScaleLayout[]>([]);
  const [pin, setPin] = useState('');
  const { saving, error, save } = useSave();
  useEffect(() => {
    void pos()['catalog.scaleSettings']().then((s) => {
      setFlags(s.flags);
      setLayouts(s.layouts);
    });
  }, []);
  return (
    <form
      className="settings-form scale-labels"
      onSubmit={(e) => {
        e.preventDefault();
        void save(async () => {
          setFlags((await pos()['catalog.saveScaleFlags']({ flags, ownerPin: pin })).flags);
          setPin('');
        });
      }}
    >
      <table>
        <tbody>
          {FLAGS.map((flag) => (
            <tr key={flag}>
              <td className="num">{flag}</td>
              <td>
                <select
                  value={flags[flag] ?? ''}
                  aria-label={t('catalog.scale.layout')}
                  onChange={(e) => {
                    const { [flag]: _dropped, ...rest } = flags;
                    setFlags(e.target.value === '' ? rest : { ...rest, [flag]: e.target.value });
                  }}
                >
                  <option value="">{t('catalog.scale.none')}</option>
                  {layouts.map((l) => (
                    <option key={l.id} value={l.id}>
                      {t(`catalog.scale.layouts.${l.id}`, { defaultValue: l.id })}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PinField value={pin} onChange={setPin} label={t('catalog.ownerPin')} />
      <FormError error={error} />
      <button type="submit" disabled={saving}>
        {t('catalog.scale.save')}
      </button>
    </form>
  );
}
