import { createDispatcher } from '../../src/api/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { readAppVersion } from '../app-version.js';
import { compose } from '../compose.js';
import { loadPosConfig } from '../config.js';
import { contractHandlers } from '../handlers/index.js';
import { createPosLogging } from '../logging.js';
import { logDir } from '../paths.js';
import { startBridgeServer } from './bridge-server.js';
import { type RendererBuildPaths, ensureRendererBuild } from './renderer-build.js';

export interface BrowserTillOptions {
  port: number;
  dataDir: string;
  renderer: RendererBuildPaths;
}

export interface BrowserTill {
  mode: string;
  /** The cashier's address: origin plus the launch token in the fragment. */
  url: string;
  /** The customer display's address (the second window). */
  displayUrl: string;
  token: string;
  /** The folder of the JSON log files. */
  logDir: string;
  close(reason: string): Promise<void>;
}

/**
 * Browser mode: the renderer build brought up to date, the services, and the
 * bridge serving both on 127.0.0.1. Build warnings go to the log file only.
 */
export async function startBrowserTill({
  port,
  dataDir,
  renderer,
}: BrowserTillOptions): Promise<BrowserTill> {
  const logging = await createPosLogging({ dir: logDir(dataDir) });
  const build = await ensureRendererBuild(renderer);
  if (build.rebuilt)
    logging.logger.info(
      { reason: build.rebuilt, warnings: build.warnings },
      'built the renderer into renderer/dist',
    );
  const services = await compose(await loadPosConfig(dataDir), {
    logger: logging.logger,
    clock: systemClock,
    appVersion: await readAppVersion(),
    validateContract: true,
  });
  const dispatcher = createDispatcher({
    handlers: contractHandlers(services),
    validateResults: true,
    logger: services.logger,
  });
  const bridge = await startBridgeServer({
    port,
    dispatcher,
    events: services.events,
    rendererDir: renderer.outDir,
    logger: services.logger,
  });
  return {
    mode: services.mode,
    url: bridge.url,
    displayUrl: bridge.displayUrl,
    token: bridge.token,
    logDir: logDir(dataDir),
    async close(reason) {
      services.logger.info({ reason }, 'browser bridge stopping');
      await bridge.close();
      await services.close();
      await logging.close();
    },
  };
}
