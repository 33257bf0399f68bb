/**
 * The cash drawer port. Counter drawers hang off the receipt printer's
 * drawer-kick connector (RJ-11/12) and open on a pulse the printer sends, so
 * the usual implementation shares the printer's connection (native/printer).
 */
export interface CashDrawer {
  readonly deviceId: string;
  /** Sends the opening pulse. Rejects with DrawerUnavailableError when the printer cannot be reached. */
  kick(): Promise<void>;
}

/** The drawer could not be opened: its printer is off or unreachable. */
export class DrawerUnavailableError extends Error {
  override readonly name = 'DrawerUnavailableError';
}
