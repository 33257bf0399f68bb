import { useTranslation } from 'react-i18next';
import { useTill } from '../stores/till-store.js';

/** Always on screen: the gateway, the outbox, the printer, the scanners, and TRAINING. */
export function StatusBar() {
  const { t } = useTranslation();
  const status = useTill((s) => s.status);
  const info = useTill((s) => s.info);
  if (!status || !info) return null;
  const connected = status.scanners.filter((s) => s.state === 'connected').length;
  return (
    <header className="status-bar" data-testid="status-bar">
      {info.mode === 'training' && (
        <span className="training-banner" data-testid="training-banner">
          {t('status.training')}
        </span>
      )}
      <span className={`chip gateway-${status.gateway}`} data-testid="gateway-state" data-state={status.gateway}>
        {t(`status.gateway.${status.gateway}`)}
      </span>
      <span className={`chip ${status.outboxDepth > 0 ? 'chip-warn' : ''}`} data-testid="outbox-depth" data-depth={status.outboxDepth}>
        {t('status.outbox', { count: status.outboxDepth })}
      </span>
      <span className={`chip printer-${status.printer.state}`} data-testid="printer-state" title={status.printer.reason}>
        {t(`status.printer.${status.printer.state}`)}
      </span>
      <span className={`chip ${connected === 0 ? 'chip-warn' : ''}`} data-testid="scanner-state">
        {t('status.scanners', { connected, total: status.scanners.length })}
      </span>
      <span className="status-spacer" />
      <span className="terminal-id">{info.terminalId}</span>
    </header>
  );
}
