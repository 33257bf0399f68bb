import { describe, expect, it, vi } from 'vitest';
import { type CallOutcome, ipcMethodChannel, methodNames } from '../../src/api/index.js';
import { startElectronApp } from '../../main/electron/app-main.js';
import {
  BrowserWindow,
  Menu,
  app as electronApp,
  ipcMain,
  protocol,
  resetElectronStub,
  session,
} from '../stubs/electron.js';
import {
  PRELOAD,
  foreignContents,
  invokeEvent,
  parseCsp,
  useElectronApp,
} from './electron-test-kit.js';

const start = useElectronApp();

const windows = () => BrowserWindow.instances;
const cashier = () => windows()[0]!;
const display = () => windows()[1]!;
const webPrefs = (w: BrowserWindow) => w.options.webPreferences as Record<string, unknown>;
const call = (method: string, event: unknown, input?: unknown) =>
  ipcMain.handlers.get(`pos:${method}`)!(event, input) as Promise<CallOutcome>;

/** The policy a till page must have; loosening any part fails the test. */
function expectStrictCsp(header: string | null | undefined): void {
  expect(header).toBeTruthy();
  const csp = parseCsp(header!);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  for (const sources of csp.values()) {
    for (const source of sources) {
      expect(source).not.toMatch(/unsafe|\*|^https?:|^wss?:/);
    }
  }
}

describe('Electron shell settings', () => {
  it('makes every window isolated, sandboxed and without Node', async () => {
    await start();
    expect(windows()).toHaveLength(2);
    for (const window of windows()) {
      expect(webPrefs(window)).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: PRELOAD,
        devTools: true,
      });
    }
  });

  it('turns DevTools and the menu accelerators off when packaged', async () => {
    await start({ isPackaged: true });
    for (const window of windows()) expect(webPrefs(window).devTools).toBe(false);
    expect(Menu.applicationMenus).toEqual([null]);
  });

  it('serves the UI from app:// with a strict CSP, never file://', async () => {
    await start();
    expect(protocol.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }),
      },
    ]);
    for (const window of windows())
      expect(window.loadedUrls[0]).toMatch(/^app:\/\/counter-pos\/index\.html\?view=/);

    const handler = protocol.handlers.get('app')!;
    const page = await handler(new Request('app://counter-pos/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>till</title>');
    expectStrictCsp(page.headers.get('content-security-policy'));

    for (const path of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/nope.js']) {
      const refused = await handler(new Request(`app://counter-pos${path}`));
      expect(refused.status, path).toBe(404);
      expectStrictCsp(refused.headers.get('content-security-policy'));
    }
    expect((await handler(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('puts the CSP on every response of the session', async () => {
    await start();
    const callback = vi.fn();
    session.defaultSession.headersReceived!(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      callback,
    );
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expectStrictCsp(headers['Content-Security-Policy']![0]);
  });

  it('blocks navigation, window.open and webviews in every window', async () => {
    await start();
    for (const window of windows()) {
      for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const event = { preventDefault: vi.fn() };
        window.webContents.emit(name, event, 'https://evil.example/');
        expect(event.preventDefault, name).toHaveBeenCalled();
      }
      expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
        action: 'deny',
      });
    }
  });

  it('denies every permission request and check', async () => {
    await start();
    const ses = session.defaultSession;
    const callback = vi.fn();
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal']) {
      ses.permissionRequestHandler!(cashier().webContents, permission, callback, {});
      expect(
        ses.permissionCheckHandler!(cashier().webContents, permission, 'app://counter-pos', {}),
      ).toBe(false);
    }
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect(callback).toHaveBeenCalledTimes(4);
    expect(ses.devicePermissionHandler!({ deviceType: 'hid' })).toBe(false);
    const download = { preventDefault: vi.fn() };
    ses.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('runs one instance: a second launch quits and focuses the first', async () => {
    await start();
    electronApp.emit('second-instance');
    expect(cashier().calls.map((c) => c.method)).toContain('focus');

    resetElectronStub({ userData: '/nonexistent' });
    electronApp.singleInstance = false;
    expect(await startElectronApp({ preload: PRELOAD, rendererDir: '/nonexistent' })).toBeNull();
    expect(electronApp.quits).toHaveLength(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});

describe('Contract over IPC', () => {
  it('registers exactly one handler per contract method, each dispatching its own method', async () => {
    await start();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcMethodChannel).sort());
    for (const method of methodNames) {
      const outcome = await call(method, invokeEvent(cashier().webContents));
      if (!outcome.ok) expect(outcome.error.code, method).not.toBe('unknown_method');
    }
    const info = await call('app.info', invokeEvent(cashier().webContents));
    expect(info).toEqual({
      ok: true,
      result: {
        name: 'Counter POS',
        version: '0.0.0-stub',
        mode: 'training',
        terminalId: 'TRAINING-01',
        storeLinked: false,
      },
    });
  });

  it('refuses foreign frames, iframes and unknown web contents', async () => {
    await start();
    const ours = cashier().webContents;
    const refusals = [
      invokeEvent(foreignContents('https://evil.example/')),
      invokeEvent(foreignContents('app://counter-pos/index.html')), // right URL, not our window
      invokeEvent(ours, { url: 'https://evil.example/', parent: null }),
      invokeEvent(ours, { url: 'app://counter-pos/index.html', parent: ours.mainFrame }), // an iframe
      invokeEvent(ours, null), // the frame is gone
    ];
    for (const event of refusals) {
      expect(await call('settings.get', event)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });

  it('answers invalid input with a structured error instead of throwing', async () => {
    await start();
    const outcome = await call('settings.update', invokeEvent(cashier().webContents), {
      language: 'fr',
      extra: 1,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const paths = outcome.ok ? [] : outcome.error.issues!.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['language']));
  });

  it('lets the customer display read but not change settings', async () => {
    await start();
    const event = invokeEvent(display().webContents);
    expect(await call('settings.get', event)).toMatchObject({ ok: true });
    expect(await call('settings.update', event, { mute: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('pushes contract events to every window', async () => {
    const { app } = await start();
    app.services.status.update({ outboxDepth: 3 });
    for (const window of windows()) {
      expect(window.webContents.sent).toEqual([
        {
          channel: 'pos:event:status.changed',
          payload: expect.objectContaining({ outboxDepth: 3 }),
        },
      ]);
    }
    cashier().close();
    app.services.status.update({ outboxDepth: 4 });
    expect(display().webContents.sent).toHaveLength(2);
  });
});

describe('Customer display placement', () => {
  const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  const customerMonitor = { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 } };

  it('goes full-screen and frameless on the second display', async () => {
    await start({ displays: [primary, customerMonitor] });
    expect(display().options).toMatchObject({
      x: 1920,
      y: 0,
      width: 1024,
      height: 768,
      frame: false,
      show: false,
    });
    display().emit('ready-to-show');
    expect(display().fullScreen).toBe(true);
    expect(display().calls.map((c) => c.method)).toContain('showInactive');
    expect(display().calls.map((c) => c.method)).not.toContain('focus');
  });

  it('is a movable window with one display, and moves when a monitor is plugged in', async () => {
    const { screen } = await import('../stubs/electron.js');
    await start({ displays: [primary] });
    expect(display().options).toMatchObject({ frame: true, width: 800, height: 600 });
    display().emit('ready-to-show');
    expect(display().fullScreen).toBe(false);

    screen.displays = [primary, customerMonitor];
    screen.emit('display-added');
    expect(display().fullScreen).toBe(true);
    expect(display().bounds).toEqual(customerMonitor.bounds);
  });
});
