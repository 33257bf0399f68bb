import { BrowserWindow, type Screen } from 'electron';
import { APP_ORIGIN, webPreferences } from './security.js';
import { type Placement, placeCustomerDisplay } from './display-placement.js';
import type { WindowRegistry } from './window-registry.js';

export interface WindowOptions {
  preload: string;
  devTools: boolean;
  registry: WindowRegistry;
}

/** The page each window loads; the UI picks its screen from `view`. */
export const CASHIER_URL = `${APP_ORIGIN}/index.html?view=cashier`;
export const CUSTOMER_DISPLAY_URL = `${APP_ORIGIN}/index.html?view=customer-display`;

/** The cashier's window, shown once its first frame is painted. */
export function createCashierWindow({ preload, devTools, registry }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Counter POS',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences({ preload, devTools }),
  });
  registry.add(window, 'cashier');
  window.once('ready-to-show', () => window.show());
  void window.loadURL(CASHIER_URL);
  return window;
}

function applyPlacement(window: BrowserWindow, placement: Placement): void {
  if (window.isFullScreen()) window.setFullScreen(false);
  window.setBounds(placement.bounds);
  if (placement.fullscreen) window.setFullScreen(true);
}

/**
 * The customer-facing window: full-screen on the second display when there is
 * one, a movable window otherwise; it follows monitors being plugged in or
 * out, and never takes the focus from the cashier.
 */
export function createCustomerDisplayWindow({
  preload,
  devTools,
  registry,
  screen,
}: WindowOptions & { screen: Screen }): BrowserWindow {
  const place = (): Placement =>
    placeCustomerDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
  const placement = place();
  const window = new BrowserWindow({
    title: 'Counter POS – customer display',
    ...placement.bounds,
    frame: !placement.fullscreen,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    webPreferences: webPreferences({ preload, devTools }),
  });
  registry.add(window, 'display');
  window.once('ready-to-show', () => {
    window.showInactive();
    applyPlacement(window, place());
  });
  const follow = (): void => {
    if (!window.isDestroyed()) applyPlacement(window, place());
  };
  screen.on('display-added', follow);
  screen.on('display-removed', follow);
  window.on('closed', () => {
    screen.off('display-added', follow);
    screen.off('display-removed', follow);
  });
  void window.loadURL(CUSTOMER_DISPLAY_URL);
  return window;
}
