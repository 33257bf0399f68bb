import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Seconds until `expiresAt` (clock ms), ticking; 0 once expired. */
export function useSecondsLeft(expiresAt: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return expiresAt === null ? null : Math.max(0, Math.ceil((expiresAt - now) / 1000));
}

/** "2:59 left" for a payment QR. */
export function Countdown({ expiresAt, className }: { expiresAt: number | null; className?: string }) {
  const { t } = useTranslation();
  const left = useSecondsLeft(expiresAt);
  if (left === null) return null;
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <p className={className ?? 'countdown'} data-testid="countdown" data-seconds={left}>
      {t('payment.expiresIn', { time })}
    </p>
  );
}
