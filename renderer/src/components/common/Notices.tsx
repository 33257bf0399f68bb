import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/index.js';
import { useUi } from '../../stores/ui-store.js';

/** Short messages for the cashier; they never block a key. */
export function Notices() {
  const { t } = useTranslation();
  const notices = useUi((s) => s.notices);
  const dismiss = useUi((s) => s.dismissNotice);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <button type="button" key={n.id} className={`notice notice-${n.tone}`} onClick={() => dismiss(n.id)} data-testid="notice">
          {i18n.exists(n.key) ? t(n.key, n.values) : (n.fallback ?? t('errors.generic'))}
        </button>
      ))}
    </div>
  );
}
