/**
 * The cash drawer port. Counter drawers hang off the receipt printer's
 * drawer-kick connector (RJ-11/12) and open on a pulse the printer sends, so
 * the usual implementation shares the printer's connection (native/printer).
 */
export interface CashDrawer {
  readonly deviceId: string;
  /**
   * Sends the opening pulse. Rejects with DrawerUnavailableError when the printer cannot be
   * reached, or is offline (paper out, cover open) and cannot pulse in real time.
   */
  kick(): Promise<void>;
  /** The drawer-open sensor, where the drawer has one; undefined when it cannot be read. */
  isOpen?(): Promise<boolean | undefined>;
}

/** The drawer could not be opened: its printer is off or unreachable. */
export class DrawerUnavailableError extends Error {
  override readonly name = 'DrawerUnavailableError';
}
