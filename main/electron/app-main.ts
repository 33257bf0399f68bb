import { Menu, app, ipcMain, protocol, screen, session } from 'electron';
import { createDispatcher } from '../../src/api/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { type ServiceSet, compose } from '../compose.js';
import { loadPosConfig } from '../config.js';
import { contractHandlers } from '../handlers/index.js';
import { createPosLogging } from '../logging.js';
import { logDir } from '../paths.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { forwardContractEvents, registerContractIpc } from './ipc.js';
import { hardenSession, hardenWebContents } from './security.js';
import { WindowRegistry } from './window-registry.js';
import { createCashierWindow, createCustomerDisplayWindow } from './windows.js';

export interface ElectronAppPaths {
  /** The bundled preload (out/preload/index.cjs). */
  preload: string;
  /** The renderer build served on app:// (out/renderer). */
  rendererDir: string;
}

export interface RunningApp {
  services: ServiceSet;
  registry: WindowRegistry;
  shutdown(): Promise<void>;
}

/**
 * The Electron entry: one instance per machine, the app:// scheme, hardened
 * sessions and pages, the services, one IPC handler per contract method, and
 * the two windows. Returns null when another instance already runs (that one
 * is focused instead).
 */
export async function startElectronApp(paths: ElectronAppPaths): Promise<RunningApp | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(protocol);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  await app.whenReady();

  const devTools = !app.isPackaged;
  if (app.isPackaged) Menu.setApplicationMenu(null); // no reload / DevTools accelerators on the till
  const dataDir = app.getPath('userData');
  const logging = await createPosLogging({ dir: logDir(dataDir), console: devTools });
  const logger = logging.logger;
  const services = await compose(await loadPosConfig(dataDir), {
    logger,
    clock: systemClock,
    appVersion: app.getVersion(),
    validateContract: devTools,
  });

  hardenSession(session.defaultSession);
  serveAppProtocol(protocol, paths.rendererDir);
  const registry = new WindowRegistry();
  const dispatcher = createDispatcher({
    handlers: contractHandlers(services),
    validateResults: devTools,
    logger,
  });
  const unregisterIpc = registerContractIpc({ ipcMain, dispatcher, registry, logger });
  const stopEvents = forwardContractEvents(services.events, registry);

  const windowOptions = { preload: paths.preload, devTools, registry };
  createCashierWindow(windowOptions);
  createCustomerDisplayWindow({ ...windowOptions, screen });
  app.on('second-instance', () => {
    const cashier = registry.find('cashier');
    if (cashier?.isMinimized()) cashier.restore();
    cashier?.focus();
  });

  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (stopping ??= (async () => {
      stopEvents();
      unregisterIpc();
      await services.close();
      await logging.close();
    })());
  app.on('will-quit', (event) => {
    if (stopping) return;
    event.preventDefault();
    void shutdown().finally(() => app.quit());
  });
  logger.info({ mode: services.mode }, 'Counter POS started');
  return { services, registry, shutdown };
}
