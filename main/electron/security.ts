import type { CustomScheme, Session, WebContents, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../csp.js';

/** The UI is served from `app://counter-pos/`, never from file:// (DESIGN.md). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'counter-pos';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Every window's web preferences. The renderer is an untrusted web page that
 * reaches the core only through `window.pos`: isolated context, OS sandbox,
 * no Node, same-origin policy on. electron-shell.test.ts fails if any of
 * these changes.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} satisfies WebPreferences);

/** The preferences of one window: the fixed ones plus its preload; DevTools only when not packaged. */
export function webPreferences({
  preload,
  devTools,
}: {
  preload: string;
  devTools: boolean;
}): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload, devTools };
}

/** The CSP of every app:// response (no network from the renderer at all). */
export const APP_CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * `standard` + `secure` make app:// an origin like https (relative URLs,
 * storage, 'self' in the CSP); `corsEnabled` lets Vite's module scripts load.
 * Never `bypassCSP`.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    bypassCSP: false,
  },
};

/** True for a URL of our own UI. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Session-wide rules: no permission is ever granted (camera, notifications,
 * HID/serial from the page: the drivers live in the main process), no
 * downloads, and the CSP on every response whatever served it.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [APP_CONTENT_SECURITY_POLICY],
      },
    }),
  );
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * Per-page rules, applied to every web contents as it is created: the page
 * cannot navigate away, open windows or attach webviews.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
