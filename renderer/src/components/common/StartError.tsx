import { useTranslation } from 'react-i18next';

/** Shown when the page cannot reach the till (no launch token, bridge down). */
export function StartError({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="start-error" role="alert">
      <h1>{t('app.cannotStart')}</h1>
      <p>{t('app.cannotStartHint')}</p>
      <pre>{message}</pre>
    </div>
  );
}
