import type { ScanEvent } from '../../../src/api/schemas/app.js';
import { pos } from '../client.js';
import { playSound } from '../sounds.js';
import { useUi } from '../stores/ui-store.js';
import { routeCounterScan } from './product-scans.js';

/**
 * Every scanner's codes arrive here as the `scan` event and are routed by
 * shape (product-scans.ts): a product adds its line, a payment code is a
 * single-use secret: it is paid at once and never kept, except that
 * settings' "test scan" shows it once so a technician can check the scanner.
 */
export function routeScans(): () => void {
  return pos().on('scan', (scan: ScanEvent) => {
    playSound('scan');
    const ui = useUi.getState();
    if (ui.scanTest.active) return ui.scanTested({ deviceId: scan.deviceId, text: scan.text });
    if (ui.screen !== 'sale') ui.show('sale');
    void routeCounterScan(scan.text);
  });
}
