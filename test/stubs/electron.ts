// A stub of the `electron` module (aliased in vitest.config.ts): the Electron
// binary cannot run on the build machines, so main/electron runs against this
// and the tests assert on what it asked for. Only what main/electron uses is
// here; every call is recorded in `electronStub`.
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export interface StubFrame {
  url: string;
  parent: StubFrame | null;
}

let nextContentsId = 1;

export class StubWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: StubFrame = { url: '', parent: null };
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new StubWebContents();
  readonly loadedUrls: string[] = [];
  readonly calls: { method: string; args: unknown[] }[] = [];
  bounds: { x: number; y: number; width: number; height: number };
  fullScreen = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    const { x = 0, y = 0, width = 800, height = 600 } = options as Record<string, number>;
    this.bounds = { x, y, width, height };
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }

  static fromWebContents(contents: StubWebContents): BrowserWindow | null {
    return BrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.record('show', []);
  }
  showInactive(): void {
    this.record('showInactive', []);
  }
  focus(): void {
    this.record('focus', []);
  }
  restore(): void {
    this.record('restore', []);
  }
  isMinimized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag;
    this.record('setFullScreen', [flag]);
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...bounds };
    this.record('setBounds', [bounds]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class StubApp extends EventEmitter {
  isPackaged = false;
  singleInstance = true;
  userData = '';
  readonly quits: number[] = [];

  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quits.push(Date.now());
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`stub app.getPath: ${name} not stubbed`);
    return this.userData;
  }
  getVersion(): string {
    return '0.0.0-stub';
  }
}

export const app = new StubApp();

class StubIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, handler: Listener): void {
    // Electron throws on a second handler for one channel; so do we.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new StubIpcMain();

class StubIpcRenderer extends EventEmitter {
  readonly invocations: { channel: string; args: unknown[] }[] = [];
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return { ok: true, result: { channel } };
  }
}
export const ipcRenderer = new StubIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const protocol = {
  privilegedSchemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    this.handlers.set(scheme, handler);
  },
};

class StubSession extends EventEmitter {
  permissionRequestHandler: Listener | null | undefined;
  permissionCheckHandler: Listener | null | undefined;
  devicePermissionHandler: Listener | null | undefined;
  headersReceived: Listener | null | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: Listener | null) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener | null): void {
    this.devicePermissionHandler = handler;
  }
}
export const session = { defaultSession: new StubSession() };

export interface StubDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

class StubScreen extends EventEmitter {
  displays: StubDisplay[] = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
  getAllDisplays(): StubDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): StubDisplay {
    return this.displays[0]!;
  }
}
export const screen = new StubScreen();

export const Menu = {
  applicationMenus: [] as unknown[],
  setApplicationMenu(menu: unknown): void {
    this.applicationMenus.push(menu);
  },
};

/** Forgets every recording: call before each test. */
export function resetElectronStub(options: {
  userData: string;
  displays?: StubDisplay[];
  isPackaged?: boolean;
}): void {
  BrowserWindow.instances.length = 0;
  app.removeAllListeners();
  app.isPackaged = options.isPackaged ?? false;
  app.singleInstance = true;
  app.userData = options.userData;
  app.quits.length = 0;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  contextBridge.exposed.clear();
  protocol.privilegedSchemes.length = 0;
  protocol.handlers.clear();
  session.defaultSession = new StubSession();
  screen.removeAllListeners();
  screen.displays = options.displays ?? [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  ];
  Menu.applicationMenus.length = 0;
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  session,
  screen,
  Menu,
};
