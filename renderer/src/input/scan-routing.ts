import type { ScanEvent } from '../../../src/api/schemas/app.js';
import { pos } from '../client.js';
import { playSound } from '../sounds.js';
import { useUi } from '../stores/ui-store.js';

/**
 * Scans go from the scanner hub straight to the checkout session in the core;
 * the screen only renders what the session publishes. The one scan that comes
 * here is the settings screen's test scan (armed with `devices.armScanTest`),
 * shown once so a technician can check the scanner.
 */
export function routeScans(): () => void {
  return pos().on('scan', (scan: ScanEvent) => {
    playSound('scan');
    useUi.getState().scanTested({ deviceId: scan.deviceId, code: scan.code });
  });
}
