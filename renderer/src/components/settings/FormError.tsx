import { useTranslation } from 'react-i18next';
import { translateCode } from '../../i18n/index.js';

/** Why a settings change was refused, in the screen's language (with the fields at fault). */
export function FormError({ error }: { error: { code: string; paths: string[] } | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid="form-error">
      {translateCode(t, 'errors', error.code, 'errors.generic')}
      {error.paths.length > 0 && ` (${error.paths.join(', ')})`}
    </p>
  );
}
