import type { CashDrawer } from '../../src/devices/drawer.js';
import type { EscPosPrinter } from './escpos-printer.js';

/**
 * A cash drawer wired to a receipt printer's drawer-kick connector. The pulse
 * (`ESC p m t1 t2`) goes through the printer's worker so it never lands in the
 * middle of a receipt's bytes (where it would be printed as garbage).
 */
export class EscPosCashDrawer implements CashDrawer {
  constructor(
    readonly deviceId: string,
    private readonly printer: EscPosPrinter,
    /** Connector pin the drawer's solenoid is on: 2 for most drawers, 5 for a second drawer. */
    private readonly pin: 2 | 5 = 2,
  ) {}

  kick(): Promise<void> {
    return this.printer.kickDrawer(this.pin);
  }

  /** Reads the drawer-open switch on connector pin 3 through the printer (DLE EOT 1). */
  isOpen(): Promise<boolean | undefined> {
    return this.printer.drawerOpen();
  }
}
