import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../i18n/format.js';

/** An amount in minor units, formatted for the screen's language with Intl. */
export function Money({ minor, currency = 'KRW', className }: { minor: number; currency?: string; className?: string }) {
  const { i18n } = useTranslation();
  return <span className={className ? `money ${className}` : 'money'}>{formatMoney(minor, currency, i18n.language)}</span>;
}
